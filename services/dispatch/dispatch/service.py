"""The command center's nameko service: every entrypoint it has, in one place. Each delegates
to a handler module (dispatch.handlers) with its dependencies passed explicitly; the RPC
methods' names and arguments are what the gateway calls."""
from weiquan.kit.rpc_entry import rpc

from weiquan.contracts.events import subscriptions_of
from weiquan.kit import readiness
from weiquan.kit.consumer import reliable_event_handler
from weiquan.kit.correlation import CorrelationId
from weiquan.kit.nameko_deps import (Clock, Database, MetricsEndpoint, SettingsProvider,
                                     every)
from weiquan.kit.rpc import answers

from dispatch.handlers import cases, dispatches, escalation, incidents, orders, units
from dispatch import gauges
from dispatch.models import metadata


class DispatchService:
    name = "dispatch"

    db = Database(metadata, "dispatch", declare_queues=subscriptions_of("dispatch"))
    clock = Clock()
    settings = SettingsProvider()
    correlation = CorrelationId()  # the worker's correlation id: logs, RPCs, events
    metrics_endpoint = MetricsEndpoint(gauges=gauges.refresh)

    @rpc
    @answers
    def ping(self):
        """The gateway's /readyz: this service consumes RPC and reaches its database."""
        return readiness.ping(self.db)

    # ---- incidents (Art. 13) -------------------------------------------------------------
    @rpc
    @answers
    def report_incident(self, command, principal, request_id=None):
        return incidents.report(self.db, self.clock.now(), command, principal, request_id)

    @rpc
    @answers
    def get_incident(self, incident_id, principal):
        return incidents.get(self.db, incident_id, principal)

    @rpc
    @answers
    def list_incidents(self, filters, principal):
        return incidents.list_(self.db, filters, principal)

    @rpc
    @answers
    def board(self, principal, limit=50):
        return incidents.board(self.db, principal, limit)

    @rpc
    @answers
    def close_incident(self, incident_id, principal):
        return incidents.close(self.db, self.clock.now(), incident_id, principal)

    # ---- units ---------------------------------------------------------------------------
    @rpc
    @answers
    def register_unit(self, command, principal):
        return units.register(self.db, command, principal)

    @rpc
    @answers
    def list_units(self, principal):
        return units.list_(self.db, principal)

    @rpc
    @answers
    def set_unit_status(self, unit_id, command, principal):
        return units.set_status(self.db, unit_id, command, principal)

    # ---- dispatch and the way to the scene -------------------------------------------------
    @rpc
    @answers
    def dispatch_units(self, incident_id, command, principal):
        return dispatches.dispatch(self.db, self.clock.now(), incident_id, command, principal)

    @rpc
    @answers
    def acknowledge(self, dispatch_id, principal):
        return dispatches.acknowledge(self.db, self.clock.now(), dispatch_id, principal)

    @rpc
    @answers
    def arrive(self, dispatch_id, principal):
        return dispatches.arrive(self.db, self.clock.now(), dispatch_id, principal)

    @every("dispatch_ack_timeout", scale=escalation.sweep_interval)
    def escalate_unacknowledged(self):
        escalation.sweep(self.db, self.clock.now(), self.settings.dispatch_ack_timeout)

    # ---- protective orders (Art. 20) -------------------------------------------------------
    @rpc
    @answers
    def issue_protective_order(self, command, principal, request_id=None):
        return orders.issue(self.db, self.clock.now(), command, principal, request_id)

    @rpc
    @answers
    def get_protective_order(self, order_id, principal):
        return orders.get(self.db, self.clock.now(), order_id, principal)

    @rpc
    @answers
    def extend_protective_order(self, order_id, command, principal):
        return orders.extend(self.db, self.clock.now(), order_id, command, principal)

    @rpc
    @answers
    def revoke_protective_order(self, order_id, command, principal):
        return orders.revoke(self.db, self.clock.now(), order_id, command, principal)

    # ---- the case intake opened: its incident's link, protection for a threat (Art. 20) ----
    @reliable_event_handler("intake", "application_submitted")
    def on_application_submitted(self, body):
        cases.on_submitted(self.db, self.clock.now(), body)
