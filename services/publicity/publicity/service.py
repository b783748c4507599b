"""The publicity office's nameko service (Art. 30, 31, 35): every entrypoint it has, in one
place. Each delegates to a handler module with its dependencies passed explicitly; the RPC
methods' names and arguments are what the gateway calls."""

from weiquan.contracts.events import subscriptions_of
from weiquan.kit import readiness
from weiquan.kit.consumer import reliable_event_handler
from weiquan.kit.correlation import CorrelationId
from weiquan.kit.nameko_deps import Clock, Database, MetricsEndpoint, SettingsProvider
from weiquan.kit.rpc import answers, asks
from weiquan.kit.rpc_entry import rpc

from publicity.handlers import bus, public, statements
from publicity.handlers.common import CaseKnowledge
from publicity import gauges
from publicity.models import metadata


class PublicityService:
    name = "publicity"

    db = Database(metadata, "publicity", declare_queues=subscriptions_of("publicity"))
    clock = Clock()
    settings = SettingsProvider()
    correlation = CorrelationId()  # the worker's correlation id: logs, RPCs, events
    metrics_endpoint = MetricsEndpoint(gauges=gauges.refresh)
    intake = asks("intake")
    legal_aid = asks("legal_aid")

    def _knowledge(self):
        return CaseKnowledge(self.intake, self.legal_aid, self.settings.rpc_timeout)

    @rpc
    @answers
    def ping(self):
        """The gateway's /readyz: this service consumes RPC and reaches its database."""
        return readiness.ping(self.db)

    # ---- statements -------------------------------------------------------------------------
    @rpc
    @answers
    def draft_statement(self, command, principal):
        return statements.draft(self.db, self.clock.now(), command, principal,
                                self._knowledge())

    @rpc
    @answers
    def edit_statement(self, statement_id, command, principal):
        return statements.edit(self.db, self.clock.now(), statement_id, command, principal,
                               self._knowledge())

    @rpc
    @answers
    def submit_statement(self, statement_id, principal):
        return statements.submit(self.db, self.clock.now(), statement_id, principal)

    @rpc
    @answers
    def review_statement(self, statement_id, command, principal):
        return statements.review(self.db, self.clock.now(), statement_id, command, principal)

    @rpc
    @answers
    def approve_statement(self, statement_id, command, principal):
        return statements.approve(self.db, self.clock.now(), statement_id, command, principal)

    @rpc
    @answers
    def publish_statement(self, statement_id, command, principal):
        return statements.publish(self.db, self.clock.now(), statement_id, command, principal,
                                  self._knowledge())

    @rpc
    @answers
    def correct_statement(self, statement_id, principal):
        return statements.correct(self.db, self.clock.now(), statement_id, principal)

    @rpc
    @answers
    def get_statement(self, statement_id, principal):
        return statements.get(self.db, statement_id, principal)

    @rpc
    @answers
    def list_statements(self, filters, principal):
        return statements.list_(self.db, filters, principal)

    # ---- the public page (no login) ---------------------------------------------------------
    @rpc
    @answers
    def list_public_statements(self, filters, principal=None):
        return public.list_public(self.db, filters)

    @rpc
    @answers
    def get_public_statement(self, statement_id, principal=None):
        return public.get_public(self.db, statement_id)

    # ---- events -----------------------------------------------------------------------------
    @reliable_event_handler("intake", "application_submitted")
    def on_application_submitted(self, body):
        bus.case_facts(self.db, self.clock.now(), body, "publicity.on_application_submitted")

    @reliable_event_handler("intake", "case_accepted")
    def on_case_accepted(self, body):
        bus.case_facts(self.db, self.clock.now(), body, "publicity.on_case_accepted")

    @reliable_event_handler("intake", "case_concluded")
    def on_case_concluded(self, body):
        bus.case_facts(self.db, self.clock.now(), body, "publicity.on_case_concluded")

    @reliable_event_handler("legal_aid", "discipline_revoked")
    def on_discipline_revoked(self, body):
        bus.discipline_revoked(self.db, self.clock.now(), body)
