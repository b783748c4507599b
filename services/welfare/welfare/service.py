"""The political-work office (welfare)'s nameko service: every entrypoint it has, in one place.
Each delegates to a handler module (welfare.handlers) with its dependencies passed explicitly;
the RPC methods' names and arguments are what the gateway calls, ``(...ids, [query or
command], principal)``. Every method checks the principal against contracts.policy.welfare
itself before it reads anything (Art. 29: psychological records are the office's alone)."""
from weiquan.kit.rpc_entry import rpc

from weiquan.contracts.events import subscriptions_of
from weiquan.kit import readiness
from weiquan.kit.consumer import reliable_event_handler
from weiquan.kit.correlation import CorrelationId
from weiquan.kit.nameko_deps import Clock, Database, MetricsEndpoint, SettingsProvider
from weiquan.kit.rpc import answers

from welfare.handlers import care, green, intake_events, psych, reads, training
from welfare import gauges
from welfare.models import metadata


class WelfareService:
    name = "welfare"

    db = Database(metadata, "welfare", declare_queues=subscriptions_of("welfare"))
    clock = Clock()
    settings = SettingsProvider()
    correlation = CorrelationId()  # the worker's correlation id: logs, RPCs, events
    metrics_endpoint = MetricsEndpoint(gauges=gauges.refresh)

    @rpc
    @answers
    def ping(self):
        """The gateway's /readyz: this service consumes RPC and reaches its database."""
        return readiness.ping(self.db)

    # ---- intake's events: urgent duties at once, the rest on acceptance ---------------------
    @reliable_event_handler("intake", "application_submitted")
    def on_application_submitted(self, body):
        intake_events.submitted(self.db, self.clock.now(), body)

    @reliable_event_handler("intake", "case_accepted")
    def on_case_accepted(self, body):
        intake_events.accepted(self.db, self.clock.now(), body)

    # ---- the office's queue and a case's welfare --------------------------------------------
    @rpc
    @answers
    def list_work(self, filters, principal):
        return reads.list_work(self.db, filters, principal)

    @rpc
    @answers
    def case_welfare(self, case_no, principal):
        return reads.case_welfare(self.db, case_no, principal)

    # ---- medical green channel (Art. 28) ----------------------------------------------------
    @rpc
    @answers
    def list_green_channels(self, filters, principal):
        return green.list_(self.db, filters, principal)

    @rpc
    @answers
    def get_green_channel(self, item_id, principal):
        return green.get(self.db, item_id, principal)

    @rpc
    @answers
    def update_green_channel(self, item_id, command, principal):
        return green.update(self.db, self.clock.now(), item_id, command, principal)

    @rpc
    @answers
    def close_green_channel(self, item_id, command, principal):
        return green.close(self.db, self.clock.now(), item_id, command, principal)

    # ---- consolation visits and insurance (Art. 9(2)) ---------------------------------------
    @rpc
    @answers
    def record_visit(self, case_no, command, principal):
        return care.record_visit(self.db, self.clock.now(), case_no, command, principal)

    @rpc
    @answers
    def file_insurance_claim(self, case_no, command, principal):
        return care.file_claim(self.db, self.clock.now(), case_no, command, principal)

    @rpc
    @answers
    def update_insurance_claim(self, claim_id, command, principal):
        return care.update_claim(self.db, self.clock.now(), claim_id, command, principal)

    # ---- psychological crisis intervention (Art. 29): political_work only -------------------
    @rpc
    @answers
    def refer_psych(self, case_no, command, principal):
        return psych.refer(self.db, self.clock.now(), case_no, command, principal)

    @rpc
    @answers
    def get_psych(self, referral_id, principal):
        return psych.get(self.db, referral_id, principal)

    @rpc
    @answers
    def list_psych(self, filters, principal):
        return psych.list_(self.db, filters, principal)

    @rpc
    @answers
    def record_psych_session(self, referral_id, command, principal):
        return psych.record_session(self.db, self.clock.now(), referral_id, command,
                                    principal)

    @rpc
    @answers
    def close_psych(self, referral_id, command, principal):
        return psych.close(self.db, self.clock.now(), referral_id, command, principal)

    # ---- training (Art. 32) -----------------------------------------------------------------
    @rpc
    @answers
    def create_training(self, command, principal):
        return training.create(self.db, self.clock.now(), command, principal)

    @rpc
    @answers
    def get_training(self, training_id, principal):
        return training.get(self.db, training_id, principal)

    @rpc
    @answers
    def record_attendance(self, training_id, command, principal):
        return training.record_attendance(self.db, self.clock.now(), training_id, command,
                                          principal)

    @rpc
    @answers
    def list_trainings(self, filters, principal):
        return training.list_(self.db, filters, principal)
