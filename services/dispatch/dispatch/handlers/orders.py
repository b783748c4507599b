"""Protective orders (Art. 20): measures for named officers or close relatives. The address
is stored here only, returned to the command center only, and never put on the bus."""
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import ProtectiveOrderV1
from weiquan.errors import NotFound

from dispatch import events
from dispatch.domain import rules
from dispatch.handlers.common import authorized, new_id
from dispatch.repository import DispatchRepository
from dispatch.views import order_view


def issue(store, now, command, principal):
    principal = authorized(principal, "issue_protective_order")
    cmd = load_or_error(ProtectiveOrderV1, command)
    with store.uow() as uow:
        repo = DispatchRepository(uow.session)
        incident = repo.get_incident(cmd["incident_id"]) if cmd.get("incident_id") else None
        order = rules.issue_order(new_id(), cmd, incident, principal, now)
        repo.add_order(order)
        events.announce(uow, order)
    return order_view(order, principal)


def get(store, order_id, principal):
    principal = authorized(principal, "get_protective_order")
    with store.session() as session:
        order = DispatchRepository(session).get_order(order_id)
    if order is None:
        raise NotFound("protective_order", order_id)
    return order_view(order, principal)
