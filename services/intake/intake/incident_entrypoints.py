"""Events from the command center that intake folds into cases, and referrals (Art. 13).

A live incident opens its case through the ``dispatch.incident_reported`` event, never by a
write into intake's database; the case's ``application_submitted`` carries the incident id
back, so dispatch links the two. Dispatch steps land on the case timeline. Every handler is
idempotent (inbox, and the unique ``cases.incident_id``). Mixed into IntakeService, which
provides ``db``, ``clock`` and ``_principal``."""
import logging

from nameko.rpc import rpc

from weiquan.calendar import default_calendar
from weiquan.config import TZ
from weiquan.contracts.base import load_or_error
from weiquan.contracts.codes import COMMITTEE_ROLES
from weiquan.contracts.commands import ReferralV1
from weiquan.kit import metrics
from weiquan.kit.consumer import reliable_event_handler
from weiquan.kit.errors import forbidden, not_found
from weiquan.kit.inbox import claim
from weiquan.kit.rpc import answers

from intake import events
from intake.domain import incidents
from intake.models import inbox
from intake.repository import CaseRepository

log = logging.getLogger(__name__)


class IncidentEntrypoints:
    @reliable_event_handler("dispatch", "incident_reported")
    def on_incident_reported(self, body):
        now = self.clock.now()
        year = now.astimezone(TZ).year
        incident_id = body["incident_id"]
        with self.db.uow() as uow:
            if not claim(uow.session, inbox, body["event_id"], "intake.on_incident_reported"):
                return
            repo = CaseRepository(uow.session)
            repo.lock_incident(incident_id)
            if repo.find_by_incident(incident_id) is not None:
                return  # the same incident reported through another event: one case
            case_no, seq = repo.next_case_no(year)
            case = incidents.case_from_incident(case_no, body, now, default_calendar())
            case.history.extend(repo.unpark(incident_id))  # steps that overtook the report
            repo.add(case, year, seq)
            events.application_submitted(uow, case, body["actor"], now)
        metrics.APPLICATIONS.labels(case.channel, case.category).inc()
        log.info("case %s opened for incident %s", case_no, incident_id)

    def _fold(self, body):
        """A dispatch step onto the case timeline; parked until the incident's case exists."""
        entry = incidents.dispatch_step(body)
        incident_id = body.get("incident_id")
        with self.db.session() as session, session.begin():
            if not claim(session, inbox, body["event_id"], f"intake.fold.{body['event_type']}"):
                return
            repo = CaseRepository(session)
            case_no = None
            if incident_id:
                repo.lock_incident(incident_id)
                case_no = repo.find_by_incident(incident_id)
            if case_no is None and body.get("case_no") and repo.exists(body["case_no"]):
                case_no = body["case_no"]
            if case_no is not None:
                repo.add_history(case_no, entry)
            elif incident_id:
                repo.park(incident_id, entry)
            else:
                log.warning("%s %s names no known case", body["event_type"], body["event_id"])

    @reliable_event_handler("dispatch", "units_dispatched")
    def on_units_dispatched(self, body):
        self._fold(body)

    @reliable_event_handler("dispatch", "unit_acknowledged")
    def on_unit_acknowledged(self, body):
        self._fold(body)

    @reliable_event_handler("dispatch", "unit_arrived")
    def on_unit_arrived(self, body):
        self._fold(body)

    @reliable_event_handler("dispatch", "dispatch_unacknowledged")
    def on_dispatch_unacknowledged(self, body):
        self._fold(body)

    @reliable_event_handler("dispatch", "protective_order_issued")
    def on_protective_order_issued(self, body):
        self._fold(body)

    @rpc
    @answers
    def case_for_incident(self, incident_id, principal):
        """The case opened for a live incident (404 until the event has been applied)."""
        principal = self._principal(principal)
        if not set(principal["roles"]) & ({"command_center"} | set(COMMITTEE_ROLES)):
            raise forbidden("仅指挥中心和维权委可查询警情案件",
                            "Only the command center and the committee may ask this")
        with self.db.session() as session:
            case_no = CaseRepository(session).find_by_incident(incident_id)
        if case_no is None:
            raise not_found("警情对应的案件", "Case of incident", incident_id)
        return {"incident_id": incident_id, "case_no": case_no}

    @rpc
    @answers
    def refer_case(self, command, principal, request_id=None):
        """Art. 13 para. 2: a department passes a case to the committee; idempotent on
        ``request_id`` like submit_application."""
        principal = self._principal(principal)
        cmd = load_or_error(ReferralV1, command)
        incidents.department_of(principal)  # refuse before a number is taken
        now = self.clock.now()
        return self._file_case(principal, request_id, now, lambda case_no: incidents.referred_case(
            case_no, cmd, principal, now, default_calendar()))
