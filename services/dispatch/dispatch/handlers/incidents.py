"""Incidents (Art. 13): reported by the command center, followed by the committee, closed when
the scene is cleared. The live board is the command center's view of all of it."""
from weiquan.contracts.base import load_or_error
from weiquan.contracts.codes import INCIDENT_STATUSES
from weiquan.contracts.commands import ReportIncidentV1
from weiquan.errors import Invalid
from weiquan.kit.idempotent import create_once

from dispatch import events
from dispatch.domain import rules
from dispatch.handlers.common import authorized, incident, new_id
from dispatch.repository import DispatchRepository
from dispatch.views import incident_view, unit_view


def report(store, now, command, principal, request_id=None):
    """``request_id`` makes a report idempotent, like intake's submissions."""
    principal = authorized(principal, "report_incident")
    cmd = load_or_error(ReportIncidentV1, command)
    inc = rules.report_incident(new_id(), cmd, principal, now)

    def create(uow):
        DispatchRepository(uow.session).add_incident(inc, request_id)
        events.announce(uow, inc)

    existing, _ = create_once(
        store, lambda session: DispatchRepository(session).find_by_request(request_id), create)
    if existing is not None:
        with store.session() as session:
            inc = DispatchRepository(session).get_incident(existing)
    return {"incident_id": inc.id, "case_no": inc.case_no}


def get(store, incident_id, principal):
    authorized(principal, "get_incident")
    with store.session() as session:
        repo = DispatchRepository(session)
        inc = incident(repo, incident_id)
        return incident_view(inc, repo.units({d.unit_id for d in inc.dispatches}))


def list_(store, filters, principal):
    authorized(principal, "list_incidents")
    status = filters.get("status")
    if status and status not in INCIDENT_STATUSES:
        raise Invalid.one("status", "unknown_incident_status", status=status)
    page, size = int(filters.get("page", 1)), int(filters.get("page_size", 20))
    with store.session() as session:
        repo = DispatchRepository(session)
        total, ids = repo.list_incidents(status, (page - 1) * size, size)
        found = repo.get_incidents(ids)
        units = repo.units({d.unit_id for inc in found for d in inc.dispatches})
    return {"items": [incident_view(i, units) for i in found], "page": page,
            "page_size": size, "total": total}


def board(store, principal, limit=50):
    """The live board: latest incidents with their dispatches, and every unit."""
    authorized(principal, "board")
    with store.session() as session:
        repo = DispatchRepository(session)
        _, ids = repo.list_incidents(None, 0, limit)
        found = repo.get_incidents(ids)
        units = repo.units()
    return {"incidents": [incident_view(i, units) for i in found],
            "units": [unit_view(u) for u in units.values()]}


def close(store, now, incident_id, principal):
    authorized(principal, "close_incident")
    with store.uow() as uow:
        repo = DispatchRepository(uow.session)
        inc = incident(repo, incident_id, for_update=True)
        units = repo.units({d.unit_id for d in inc.dispatches}, for_update=True)
        rules.close_incident(inc, units, now)
        repo.save_incident(inc)
        repo.save_units(units.values())
    return incident_view(inc, units)
