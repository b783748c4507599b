"""nameko adapter of the committee office: validate, load, call the domain, commit, emit."""
import logging

from nameko.rpc import rpc

from weiquan.calendar import default_calendar
from weiquan.config import TZ
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import AppealV1, DecisionV1, PrincipalV1, SubmitApplicationV1
from weiquan.contracts.commands import (AppealOutcomeV1, ConclusionV1, EscalationOutcomeV1,
                                       EscalationV1, ExtensionV1, ReexaminationOutcomeV1,
                                       ReexaminationV1)
from weiquan.contracts.codes import (APPLICANT_ROLES, CASE_STATUSES, CATEGORIES,
                                     DEPARTMENT_ROLES)
from weiquan.contracts.events import subscriptions_of
from weiquan.kit import metrics
from weiquan.kit.errors import conflict, forbidden, not_found, validation_error
from weiquan.kit.nameko_deps import Clock, Database, MetricsEndpoint
from weiquan.kit.idempotent import create_once
from weiquan.kit.readiness import Readiness
from weiquan.kit.rpc import answers

from intake import events
from intake.calendar_watch import CalendarWatch
from intake.clock_entrypoints import ClockEntrypoints
from intake.incident_entrypoints import IncidentEntrypoints
from intake.domain import lifecycle, rules
from intake.models import metadata
from intake.repository import CaseRepository
from intake.views import case_summary, case_view

log = logging.getLogger(__name__)

class IntakeService(ClockEntrypoints, IncidentEntrypoints, Readiness):
    name = "intake"

    db = Database(metadata, "intake", declare_queues=subscriptions_of("intake"))
    clock = Clock()
    calendar_watch = CalendarWatch()
    metrics_endpoint = MetricsEndpoint()

    @staticmethod
    def _principal(principal):
        return load_or_error(PrincipalV1, principal)

    def _load(self, repo, case_no, principal, for_update=False):
        case = repo.get(case_no, for_update=for_update)
        if case is None:
            raise not_found("案件", "Case", case_no)
        if not rules.can_view(case, principal):
            raise forbidden("无权查看此案件", "You may not see this case")
        return case

    @rpc
    @answers
    def submit_application(self, command, principal, request_id=None):
        """``request_id`` makes the submission idempotent: a redelivered request (the process
        died before acking it) or a client retry returns the case it already created."""
        principal = self._principal(principal)
        cmd = load_or_error(SubmitApplicationV1, command)
        now = self.clock.now()
        calendar = default_calendar()
        received_at = rules.check_submission(cmd, principal, now)  # before a number is taken
        return self._file_case(principal, request_id, now, lambda case_no: rules.open_case(
            case_no, cmd, principal, received_at, now, calendar))

    def _file_case(self, principal, request_id, now, build):
        """Number and store a new case built by ``build(case_no)``, idempotent on
        ``request_id``: a redelivered request or a client retry answers with the case it
        already created."""
        year = now.astimezone(TZ).year

        def create(uow):
            repo = CaseRepository(uow.session)
            case_no, seq = repo.next_case_no(year)
            case = build(case_no)
            repo.add(case, year, seq, request_id)
            events.application_submitted(uow, case, principal, now)
            return case

        existing, case = create_once(
            self.db, lambda session: CaseRepository(session).find_by_request(request_id), create)
        if existing is not None:
            with self.db.session() as session:
                case = CaseRepository(session).get(existing)
            if case.filed_by != principal["username"]:
                raise conflict("request_id_reused", "请求标识已被使用", "Idempotency key reused")
        else:
            metrics.APPLICATIONS.labels(case.channel, case.category).inc()
        view = case_view(case, now)
        return {"case_no": case.case_no, "status": case.status,
                "decision_due": view.get("decision_due")}

    @rpc
    @answers
    def get_case(self, case_no, principal):
        principal = self._principal(principal)
        with self.db.session() as session:
            case = self._load(CaseRepository(session), case_no, principal)
        return case_view(case, self.clock.now())

    @rpc
    @answers
    def list_cases(self, filters, principal):
        principal = self._principal(principal)
        status, category = filters.get("status"), filters.get("category")
        errors = {}
        if status and status not in CASE_STATUSES:
            errors["status"] = f"状态无效 / Unknown status: {status}"
        if category and category not in CATEGORIES:
            errors["category"] = f"类别无效 / Unknown category: {category}"
        if errors:
            raise validation_error(errors)
        page, size = int(filters.get("page", 1)), int(filters.get("page_size", 20))
        if rules.is_committee(principal):
            scope = None
        elif set(principal["roles"]) & (set(APPLICANT_ROLES) | set(DEPARTMENT_ROLES)):
            # applicants: what they filed or what concerns them; departments: what they
            # referred, and for the command center every case opened from an incident
            roles = set(principal["roles"])
            scope = (principal["username"],
                     principal.get("police_id") if "officer" in roles else None,
                     principal.get("unit") if "unit_liaison" in roles else None,
                     "command_center" in roles)
        else:
            raise forbidden("该角色不能查看案件列表", "This role cannot list cases")
        now = self.clock.now()
        with self.db.session() as session:
            repo = CaseRepository(session)
            total, numbers = repo.search(scope, status=status, category=category,
                                         overdue=filters.get("overdue"), now=now,
                                         offset=(page - 1) * size, limit=size)
            items = [case_summary(repo.get(n), now) for n in numbers]
        return {"items": items, "page": page, "page_size": size, "total": total}

    def _change(self, case_no, schema, command, principal, rule, announce):
        """The path of every change to an existing case: validate, lock, apply the domain
        rule, save and stage its event in one transaction, answer with the case."""
        principal = self._principal(principal)
        cmd = load_or_error(schema, command)
        now = self.clock.now()
        with self.db.uow() as uow:
            repo = CaseRepository(uow.session)
            case = self._load(repo, case_no, principal, for_update=True)
            rule(case, cmd, principal, now, default_calendar())
            repo.save(case)
            announce(uow, case, principal, now)
        return cmd, case_view(case, now)

    @rpc
    @answers
    def decide(self, case_no, command, principal):
        cmd, view = self._change(case_no, DecisionV1, command, principal, rules.decide,
                                 events.decided)
        metrics.DECISIONS.labels(str(cmd["accept"]).lower()).inc()
        return view

    @rpc
    @answers
    def appeal(self, case_no, command, principal):
        return self._change(case_no, AppealV1, command, principal, rules.appeal,
                            events.appealed)[1]


    # ---- case lifecycle after acceptance (Art. 15-18) ----------------------------------------
    @rpc
    @answers
    def conclude(self, case_no, command, principal):
        return self._change(case_no, ConclusionV1, command, principal, lifecycle.conclude,
                            events.concluded)[1]

    @rpc
    @answers
    def extend(self, case_no, command, principal):
        return self._change(case_no, ExtensionV1, command, principal, lifecycle.extend,
                            events.extended)[1]

    @rpc
    @answers
    def request_reexamination(self, case_no, command, principal):
        return self._change(case_no, ReexaminationV1, command, principal,
                            lifecycle.request_reexamination, events.reexamination_requested)[1]

    @rpc
    @answers
    def record_reexamination_outcome(self, case_no, command, principal):
        return self._change(case_no, ReexaminationOutcomeV1, command, principal,
                            lifecycle.record_reexamination_outcome,
                            events.reexamination_decided)[1]

    @rpc
    @answers
    def escalate(self, case_no, command, principal):
        return self._change(case_no, EscalationV1, command, principal, lifecycle.escalate,
                            events.escalated)[1]

    @rpc
    @answers
    def record_escalation_outcome(self, case_no, command, principal):
        return self._change(case_no, EscalationOutcomeV1, command, principal,
                            lifecycle.record_escalation_outcome, events.escalation_answered)[1]

    @rpc
    @answers
    def record_appeal_outcome(self, case_no, command, principal):
        return self._change(case_no, AppealOutcomeV1, command, principal,
                            lifecycle.record_appeal_outcome, events.appeal_decided)[1]
