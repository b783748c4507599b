"""The command center's units: registered once by name, taken off duty and back when they are
not on a task."""
from sqlalchemy.exc import IntegrityError

from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import UnitStatusV1, UnitV1
from weiquan.errors import Conflict, NotFound

from dispatch.domain import rules
from dispatch.handlers.common import authorized, new_id
from dispatch.repository import DispatchRepository
from dispatch.views import unit_view


def register(store, command, principal):
    """A name is unique: checked first, and by the table when two register it at once."""
    authorized(principal, "register_unit")
    unit = rules.new_unit(new_id(), load_or_error(UnitV1, command))
    try:
        with store.uow() as uow:
            repo = DispatchRepository(uow.session)
            if repo.unit_by_name(unit.name):
                raise Conflict("unit_exists", name=unit.name)
            repo.add_unit(unit)
    except IntegrityError:
        raise Conflict("unit_exists", name=unit.name) from None
    return unit_view(unit)


def list_(store, principal):
    authorized(principal, "list_units")
    with store.session() as session:
        return {"items": [unit_view(u) for u in DispatchRepository(session).units().values()]}


def set_status(store, unit_id, command, principal):
    authorized(principal, "set_unit_status")
    cmd = load_or_error(UnitStatusV1, command)
    with store.uow() as uow:
        repo = DispatchRepository(uow.session)
        unit = repo.units([unit_id], for_update=True).get(unit_id)
        if unit is None:
            raise NotFound("unit", unit_id)
        rules.set_unit_status(unit, cmd["status"])
        repo.save_units([unit])
    return unit_view(unit)
