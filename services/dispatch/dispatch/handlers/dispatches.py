"""Units sent to an incident and their way to the scene: dispatched, acknowledged, arrived.
Each step is announced in the transaction that records it."""
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import DispatchUnitsV1
from weiquan.errors import NotFound

from dispatch import events
from dispatch.domain import rules
from dispatch.handlers.common import authorized, incident, new_id
from dispatch.repository import DispatchRepository
from dispatch.views import dispatch_view


def dispatch(store, now, incident_id, command, principal):
    principal = authorized(principal, "dispatch_units")
    cmd = load_or_error(DispatchUnitsV1, command)
    with store.uow() as uow:
        repo = DispatchRepository(uow.session)
        inc = incident(repo, incident_id, for_update=True)
        units = repo.units(cmd["unit_ids"], for_update=True)
        made = rules.dispatch_units(inc, cmd["unit_ids"], units, principal, now, new_id)
        repo.add_dispatches(made)
        repo.save_units(units.values())
        events.announce(uow, inc)
    return {"incident_id": inc.id,
            "dispatches": [dispatch_view(d, units[d.unit_id]) for d in made]}


def _step(store, now, dispatch_id, principal, action, rule):
    """One step of a dispatched unit: ``rule(dispatch, unit, case_no, principal, now)``."""
    principal = authorized(principal, action)
    with store.uow() as uow:
        repo = DispatchRepository(uow.session)
        d = repo.get_dispatch(dispatch_id, for_update=True)
        if d is None:
            raise NotFound("dispatch", dispatch_id)
        unit = repo.units([d.unit_id], for_update=True)[d.unit_id]
        rule(d, unit, repo.case_nos([d.incident_id])[d.incident_id], principal, now)
        repo.save_dispatch(d)
        repo.save_units([unit])
        events.announce(uow, d)
    return dispatch_view(d, unit)


def acknowledge(store, now, dispatch_id, principal):
    return _step(store, now, dispatch_id, principal, "acknowledge", rules.acknowledge)


def arrive(store, now, dispatch_id, principal):
    return _step(store, now, dispatch_id, principal, "arrive", rules.arrive)
