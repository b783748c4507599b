"""Protective orders (Art. 20): measures for named officers or close relatives. The address
is stored here only, returned to the command center only, and never put on the bus.
Mixed into DispatchService."""
import uuid

from nameko.rpc import rpc

from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import ProtectiveOrderV1
from weiquan.kit.errors import not_found
from weiquan.kit.rpc import answers

from dispatch import events
from dispatch.domain import rules
from dispatch.repository import DispatchRepository
from dispatch.views import order_view


class OrderEntrypoints:
    @rpc
    @answers
    def issue_protective_order(self, command, principal):
        principal = self._principal(principal)
        cmd = load_or_error(ProtectiveOrderV1, command)
        now = self.clock.now()
        with self.db.uow() as uow:
            repo = DispatchRepository(uow.session)
            incident = repo.get_incident(cmd["incident_id"]) if cmd.get("incident_id") else None
            order = rules.issue_order(str(uuid.uuid4()), cmd, incident, principal, now)
            repo.add_order(order)
            events.protective_order_issued(uow, order, principal, now)
        return order_view(order, principal)

    @rpc
    @answers
    def get_protective_order(self, order_id, principal):
        principal = self._principal(principal)
        rules.require_reader(principal)
        with self.db.session() as session:
            order = DispatchRepository(session).get_order(order_id)
        if order is None:
            raise not_found("保护令", "Protective order", order_id)
        return order_view(order, principal)
