"""The logistics office's nameko service: every entrypoint it has, in one place. Each delegates
to a handler module (logistics.handlers) with its dependencies passed explicitly; the RPC
methods' names and arguments are what the gateway calls."""

from weiquan.contracts.events import subscriptions_of
from weiquan.kit import readiness
from weiquan.kit.consumer import reliable_event_handler
from weiquan.kit.correlation import CorrelationId
from weiquan.kit.nameko_deps import Clock, Database, MetricsEndpoint, SettingsProvider
from weiquan.kit.rpc import answers, asks
from weiquan.kit.rpc_entry import rpc

from logistics.handlers import approvals, claims, funds, payments
from logistics.handlers.common import CaseCheck
from logistics import gauges
from logistics.models import metadata


class LogisticsService:
    name = "logistics"

    db = Database(metadata, "logistics", declare_queues=subscriptions_of("logistics"))
    clock = Clock()
    settings = SettingsProvider()
    correlation = CorrelationId()  # the worker's correlation id: logs, RPCs, events
    metrics_endpoint = MetricsEndpoint(gauges=gauges.refresh)
    intake = asks("intake")

    def _case_status(self):
        return CaseCheck(self.intake, self.settings.rpc_timeout)

    @rpc
    @answers
    def ping(self):
        """The gateway's /readyz: this service consumes RPC and reaches its database."""
        return readiness.ping(self.db)

    # ---- funds (Art. 25-27) ----------------------------------------------------------------
    @rpc
    @answers
    def set_budget(self, command, principal):
        return funds.set_budget(self.db, self.clock.now(), command, principal)

    @rpc
    @answers
    def list_funds(self, filters, principal):
        return funds.list_funds(self.db, filters, principal)

    @rpc
    @answers
    def fund_statement(self, fund, year, principal):
        return funds.statement(self.db, fund, year, principal)

    # ---- payment requests -------------------------------------------------------------------
    @rpc
    @answers
    def request_payment(self, command, principal, request_id=None):
        return payments.request(self.db, self.clock.now(), command, principal,
                                self._case_status(), request_id)

    @rpc
    @answers
    def file_compensation_claim(self, command, principal, request_id=None):
        return claims.file_compensation(self.db, self.clock.now(), command, principal,
                                        self._case_status(), request_id)

    @rpc
    @answers
    def review_payment(self, payment_id, command, principal):
        return payments.review(self.db, self.clock.now(), payment_id, command, principal)

    @rpc
    @answers
    def approve_payment(self, payment_id, command, principal):
        return approvals.approve(self.db, self.clock.now(), payment_id, command, principal)

    @rpc
    @answers
    def disburse(self, payment_id, command, principal):
        return approvals.disburse(self.db, self.clock.now(), payment_id, command, principal)

    @rpc
    @answers
    def get_payment(self, payment_id, principal):
        return payments.get(self.db, payment_id, principal)

    @rpc
    @answers
    def list_payments(self, filters, principal):
        return payments.list_(self.db, filters, principal)

    # ---- events -----------------------------------------------------------------------------
    @reliable_event_handler("logistics", "payment_approved")
    def on_payment_approved(self, body):
        approvals.schedule(self.db, self.clock.now(), body)

    @reliable_event_handler("legal_aid", "counsel_fee_claimed")
    def on_counsel_fee_claimed(self, body):
        claims.counsel_fee_claimed(self.db, self.clock.now(), body)
