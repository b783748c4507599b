"""The committee office's nameko service: every entrypoint intake has, each handing its
dependencies to a handler (intake/handlers) that validates, checks the policy, applies the
domain rule and commits it with its events."""
from weiquan.kit.rpc_entry import rpc
from nameko.timer import timer

from weiquan.contracts.events import subscriptions_of
from weiquan.kit import readiness
from weiquan.kit.consumer import reliable_event_handler
from weiquan.kit.correlation import CorrelationId
from weiquan.kit.nameko_deps import (Calendar, Clock, Database, MetricsEndpoint,
                                     SettingsProvider, every)
from weiquan.kit.rpc import answers

from intake.handlers import cases, changes, clocks, incidents, ledger, registers
from intake.handlers import deadlines, work
from intake.handlers.common import Deps
from intake import gauges
from intake.models import metadata

gauges.declare_counters()
GAUGE_INTERVAL = 300  # seconds: the clock gauges are a full count, not worth doing more often


class IntakeService:
    name = "intake"

    db = Database(metadata, "intake", declare_queues=subscriptions_of("intake"))
    clock = Clock()
    calendar = Calendar()
    settings = SettingsProvider()
    correlation = CorrelationId()  # the worker's correlation id: logs, RPCs, events
    metrics_endpoint = MetricsEndpoint(gauges=gauges.refresh)

    def _deps(self):
        return Deps(store=self.db, clock=self.clock, calendar=self.calendar,
                    settings=self.settings)

    @rpc
    @answers
    def ping(self):
        """Answers when the service consumes RPC and its database responds (/readyz)."""
        return readiness.ping(self.db)

    # ---- applications and cases ----------------------------------------------------------
    @rpc
    @answers
    def submit_application(self, command, principal, request_id=None):
        return cases.submit_application(self._deps(), command, principal, request_id)

    @rpc
    @answers
    def get_case(self, case_no, principal):
        return cases.get_case(self._deps(), case_no, principal)

    @rpc
    @answers
    def list_cases(self, filters, principal):
        return cases.list_cases(self._deps(), filters, principal)

    @rpc
    @answers
    def deadline_reckoning(self, case_no, kind, principal):
        return deadlines.deadline_reckoning_of(self._deps(), case_no, kind, principal)

    # ---- changes to a case (Art. 14-18) --------------------------------------------------
    @rpc
    @answers
    def decide(self, case_no, command, principal):
        return changes.change(self._deps(), "decide", case_no, command, principal)

    @rpc
    @answers
    def appeal(self, case_no, command, principal):
        return changes.change(self._deps(), "appeal", case_no, command, principal)

    @rpc
    @answers
    def conclude(self, case_no, command, principal):
        return changes.change(self._deps(), "conclude", case_no, command, principal)

    @rpc
    @answers
    def extend(self, case_no, command, principal):
        return changes.change(self._deps(), "extend", case_no, command, principal)

    @rpc
    @answers
    def request_reexamination(self, case_no, command, principal):
        return changes.change(self._deps(), "request_reexamination", case_no, command,
                              principal)

    @rpc
    @answers
    def record_reexamination_outcome(self, case_no, command, principal):
        return changes.change(self._deps(), "record_reexamination_outcome", case_no, command,
                              principal)

    @rpc
    @answers
    def escalate(self, case_no, command, principal):
        return changes.change(self._deps(), "escalate", case_no, command, principal)

    @rpc
    @answers
    def record_escalation_outcome(self, case_no, command, principal):
        return changes.change(self._deps(), "record_escalation_outcome", case_no, command,
                              principal)

    @rpc
    @answers
    def record_appeal_outcome(self, case_no, command, principal):
        return changes.change(self._deps(), "record_appeal_outcome", case_no, command,
                              principal)

    # ---- statutory clocks ----------------------------------------------------------------
    @every("sweep_interval")
    def sweep_clocks(self):
        clocks.sweep(self._deps())

    @timer(interval=GAUGE_INTERVAL, eager=True)  # the gauges exist from the start
    def refresh_clock_gauges(self):
        clocks.refresh_gauges(self._deps())

    @rpc
    @answers
    def reload_calendar(self, principal):
        return clocks.reload_calendar(self._deps(), principal)

    @rpc
    @answers
    def list_accountability(self, filters, principal):
        return registers.list_accountability(self._deps(), filters, principal)

    @rpc
    @answers
    def list_notifications(self, filters, principal):
        return registers.list_notifications(self._deps(), filters, principal)

    # ---- the ledger (Art. 35) -------------------------------------------------------------
    @rpc
    @answers
    def ledger_stats(self, query, principal):
        return ledger.ledger_stats(self._deps(), query, principal)

    @rpc
    @answers
    def ledger_cases(self, query, principal):
        return ledger.ledger_cases(self._deps(), query, principal)

    @rpc
    @answers
    def ledger_hotspots(self, query, principal):
        return ledger.ledger_hotspots(self._deps(), query, principal)

    @rpc
    @answers
    def ledger_trends(self, query, principal):
        return ledger.ledger_trends(self._deps(), query, principal)

    # ---- live incidents and referrals (Art. 13) ------------------------------------------
    @reliable_event_handler("dispatch", "incident_reported")
    def on_incident_reported(self, body):
        incidents.on_incident_reported(self._deps(), body)

    @reliable_event_handler("dispatch", "units_dispatched")
    def on_units_dispatched(self, body):
        incidents.fold(self._deps(), body)

    @reliable_event_handler("dispatch", "unit_acknowledged")
    def on_unit_acknowledged(self, body):
        incidents.fold(self._deps(), body)

    @reliable_event_handler("dispatch", "unit_arrived")
    def on_unit_arrived(self, body):
        incidents.fold(self._deps(), body)

    @reliable_event_handler("dispatch", "dispatch_unacknowledged")
    def on_dispatch_unacknowledged(self, body):
        incidents.fold(self._deps(), body)

    @reliable_event_handler("dispatch", "protective_order_issued")
    def on_protective_order_issued(self, body):
        incidents.fold(self._deps(), body)

    @reliable_event_handler("dispatch", "protective_order_changed")
    def on_protective_order_changed(self, body):
        incidents.fold(self._deps(), body)

    @rpc
    @answers
    def case_for_incident(self, incident_id, principal):
        return incidents.case_for_incident(self._deps(), incident_id, principal)

    @rpc
    @answers
    def refer_case(self, command, principal, request_id=None):
        return incidents.refer_case(self._deps(), command, principal, request_id)

    # ---- every department's work items (DESIGN.md "Work items"): one consumer per source and
    # event type (contracts.events SUBSCRIPTIONS), each folding the item onto its case ------
    @reliable_event_handler("dispatch", "work_opened")
    def on_dispatch_work_opened(self, body):
        work.on_work_event(self._deps(), "dispatch", body)

    @reliable_event_handler("dispatch", "work_updated")
    def on_dispatch_work_updated(self, body):
        work.on_work_event(self._deps(), "dispatch", body)

    @reliable_event_handler("dispatch", "work_closed")
    def on_dispatch_work_closed(self, body):
        work.on_work_event(self._deps(), "dispatch", body)

    @reliable_event_handler("evidence", "work_opened")
    def on_evidence_work_opened(self, body):
        work.on_work_event(self._deps(), "evidence", body)

    @reliable_event_handler("evidence", "work_updated")
    def on_evidence_work_updated(self, body):
        work.on_work_event(self._deps(), "evidence", body)

    @reliable_event_handler("evidence", "work_closed")
    def on_evidence_work_closed(self, body):
        work.on_work_event(self._deps(), "evidence", body)

    @reliable_event_handler("welfare", "work_opened")
    def on_welfare_work_opened(self, body):
        work.on_work_event(self._deps(), "welfare", body)

    @reliable_event_handler("welfare", "work_updated")
    def on_welfare_work_updated(self, body):
        work.on_work_event(self._deps(), "welfare", body)

    @reliable_event_handler("welfare", "work_closed")
    def on_welfare_work_closed(self, body):
        work.on_work_event(self._deps(), "welfare", body)

    @reliable_event_handler("logistics", "work_opened")
    def on_logistics_work_opened(self, body):
        work.on_work_event(self._deps(), "logistics", body)

    @reliable_event_handler("logistics", "work_updated")
    def on_logistics_work_updated(self, body):
        work.on_work_event(self._deps(), "logistics", body)

    @reliable_event_handler("logistics", "work_closed")
    def on_logistics_work_closed(self, body):
        work.on_work_event(self._deps(), "logistics", body)

    @reliable_event_handler("legal_aid", "work_opened")
    def on_legal_aid_work_opened(self, body):
        work.on_work_event(self._deps(), "legal_aid", body)

    @reliable_event_handler("legal_aid", "work_updated")
    def on_legal_aid_work_updated(self, body):
        work.on_work_event(self._deps(), "legal_aid", body)

    @reliable_event_handler("legal_aid", "work_closed")
    def on_legal_aid_work_closed(self, body):
        work.on_work_event(self._deps(), "legal_aid", body)

    @reliable_event_handler("publicity", "work_opened")
    def on_publicity_work_opened(self, body):
        work.on_work_event(self._deps(), "publicity", body)

    @reliable_event_handler("publicity", "work_updated")
    def on_publicity_work_updated(self, body):
        work.on_work_event(self._deps(), "publicity", body)

    @reliable_event_handler("publicity", "work_closed")
    def on_publicity_work_closed(self, body):
        work.on_work_event(self._deps(), "publicity", body)

    @rpc
    @answers
    def list_work_items(self, filters, principal):
        return work.list_work_items(self._deps(), filters, principal)
