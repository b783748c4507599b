"""Legal affairs' (法制大队) nameko service: every entrypoint it has, in one place. Each
delegates to a handler module (legal_aid.handlers) with its dependencies passed explicitly;
the RPC methods' names and arguments are what the gateway (and publicity) call."""

from weiquan.contracts.events import subscriptions_of
from weiquan.kit import readiness
from weiquan.kit.consumer import reliable_event_handler
from weiquan.kit.correlation import CorrelationId
from weiquan.kit.nameko_deps import Clock, Database, MetricsEndpoint, SettingsProvider
from weiquan.kit.rpc import answers, asks
from weiquan.kit.rpc_entry import rpc

from legal_aid.handlers import cases, classification, counsel, liability, offenders
from legal_aid.handlers.common import CaseCheck
from legal_aid import gauges
from legal_aid.models import metadata


class LegalAidService:
    name = "legal_aid"

    db = Database(metadata, "legal_aid", declare_queues=subscriptions_of("legal_aid"))
    clock = Clock()
    settings = SettingsProvider()
    correlation = CorrelationId()  # the worker's correlation id: logs, RPCs, events
    metrics_endpoint = MetricsEndpoint(gauges=gauges.refresh)
    intake = asks("intake")

    def _case(self):
        return CaseCheck(self.intake, self.settings.rpc_timeout)

    @rpc
    @answers
    def ping(self):
        """The gateway's /readyz: this service consumes RPC and reaches its database."""
        return readiness.ping(self.db)

    # ---- queue and case file ----------------------------------------------------------------
    @rpc
    @answers
    def list_legal_work(self, filters, principal):
        return cases.list_work(self.db, filters, principal)

    @rpc
    @answers
    def legal_case(self, case_no, principal):
        return cases.case_file(self.db, case_no, principal)

    # ---- classification (Art. 21) -----------------------------------------------------------
    @rpc
    @answers
    def decide_classification(self, case_no, command, principal):
        return classification.decide(self.db, self.clock.now(), case_no, command, principal)

    # ---- counsel (Art. 25) ------------------------------------------------------------------
    @rpc
    @answers
    def list_counsel(self, principal):
        return counsel.list_counsel(self.db, principal)

    @rpc
    @answers
    def add_counsel(self, command, principal):
        return counsel.create_counsel(self.db, self.clock.now(), command, principal)

    @rpc
    @answers
    def get_counsel(self, counsel_id, principal):
        return counsel.get_counsel(self.db, counsel_id, principal)

    @rpc
    @answers
    def update_counsel(self, counsel_id, command, principal):
        return counsel.update_counsel(self.db, self.clock.now(), counsel_id, command, principal)

    @rpc
    @answers
    def assign_counsel(self, command, principal):
        return counsel.assign(self.db, self.clock.now(), command, principal, self._case())

    @rpc
    @answers
    def get_assignment(self, assignment_id, principal):
        return counsel.get_assignment(self.db, assignment_id, principal)

    @rpc
    @answers
    def log_counsel_work(self, assignment_id, command, principal):
        return counsel.log_work(self.db, self.clock.now(), assignment_id, command, principal)

    @rpc
    @answers
    def claim_counsel_fee(self, assignment_id, command, principal):
        return counsel.claim_fee(self.db, self.clock.now(), assignment_id, command, principal)

    @rpc
    @answers
    def close_assignment(self, assignment_id, principal):
        return counsel.close_assignment(self.db, self.clock.now(), assignment_id, principal)

    # ---- liability, appeals, reviews (Art. 22-24) -------------------------------------------
    @rpc
    @answers
    def record_determination(self, command, principal):
        return liability.record_determination(self.db, self.clock.now(), command, principal,
                                              self._case())

    @rpc
    @answers
    def get_determination(self, determination_id, principal):
        return liability.get_determination(self.db, determination_id, principal)

    @rpc
    @answers
    def leniency_letter(self, determination_id, principal):
        return liability.leniency_letter(self.db, self.clock.now(), determination_id,
                                         principal)

    @rpc
    @answers
    def file_appeal(self, command, principal):
        return liability.file_appeal(self.db, self.clock.now(), command, principal,
                                     self._case())

    @rpc
    @answers
    def decide_appeal(self, appeal_id, command, principal):
        return liability.decide_appeal(self.db, self.clock.now(), appeal_id, command, principal)

    @rpc
    @answers
    def file_review(self, command, principal):
        return liability.file_review(self.db, self.clock.now(), command, principal,
                                     self._case())

    @rpc
    @answers
    def decide_review(self, review_id, command, principal):
        return liability.decide_review(self.db, self.clock.now(), review_id, command, principal)

    # ---- liaison (Art. 33) ------------------------------------------------------------------
    @rpc
    @answers
    def record_liaison(self, command, principal):
        return cases.record_liaison(self.db, self.clock.now(), command, principal, self._case())

    # ---- offenders (Art. 20, 35) ------------------------------------------------------------
    @rpc
    @answers
    def record_offender(self, case_no, command, principal):
        return offenders.record(self.db, self.clock.now(), case_no, command, principal,
                                self._case())

    @rpc
    @answers
    def case_offenders(self, case_no, principal):
        return offenders.list_for_case(self.db, case_no, principal)

    @rpc
    @answers
    def repeat_offenders(self, principal):
        return offenders.repeat_offenders(self.db, principal)

    @rpc
    @answers
    def redaction_terms(self, case_no, principal):
        """Publicity's only: names and numbers to black out. No gateway operation."""
        return offenders.redaction_terms(self.db, case_no, principal)

    # ---- events -----------------------------------------------------------------------------
    @reliable_event_handler("intake", "case_accepted")
    def on_case_accepted(self, body):
        classification.on_case_accepted(self.db, self.clock.now(), body)
