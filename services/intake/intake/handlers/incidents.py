"""Events from the command center that intake folds into cases, and referrals (Art. 13).

A live incident opens its case through the ``dispatch.incident_reported`` event, never by a
write into intake's database; the case's ``application_submitted`` carries the incident id
back, so dispatch links the two. Dispatch steps land on the case timeline. Every handler is
idempotent (inbox, and the unique ``cases.incident_id``)."""
import logging

from weiquan.config import TZ
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import ReferralV1
from weiquan.errors import NotFound
from weiquan.kit import metrics
from weiquan.kit.inbox import claim

from intake import events
from intake.domain import access, incidents
from intake.handlers.cases import file_case
from intake.handlers.common import calendar_of, principal_of
from intake.models import inbox
from intake.repository import CaseRepository

log = logging.getLogger(__name__)


def on_incident_reported(deps, body):
    """The committee's case for a reported incident, once per incident whatever the number of
    deliveries; dispatch steps that overtook the report join its timeline."""
    now = deps.clock.now()
    year = now.astimezone(TZ).year
    incident_id = body["incident_id"]
    with deps.store.uow() as uow:
        if not claim(uow.session, inbox, body["event_id"], "intake.on_incident_reported"):
            return None
        repo = CaseRepository(uow.session)
        repo.lock_incident(incident_id)
        if repo.find_by_incident(incident_id) is not None:
            return None  # the same incident reported through another event: one case
        case_no, seq = repo.next_case_no(year)
        case = incidents.case_from_incident(case_no, body, now, calendar_of(deps))
        case.history.extend(repo.unpark(incident_id))  # steps that overtook the report
        repo.add(case, year, seq)
        events.publish(uow, case)
    metrics.APPLICATIONS.labels(case.channel, case.category).inc()
    log.info("case %s opened for incident %s", case_no, incident_id)
    return case_no


def fold(deps, body):
    """A dispatch step onto the case timeline; parked until the incident's case exists."""
    entry = incidents.dispatch_step(body)
    incident_id = body.get("incident_id")
    with deps.store.session() as session, session.begin():
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


def case_for_incident(deps, incident_id, principal):
    """The case opened for a live incident (404 until the event has been applied)."""
    access.require("case_for_incident", principal_of(principal))
    with deps.store.session() as session:
        case_no = CaseRepository(session).find_by_incident(incident_id)
    if case_no is None:
        raise NotFound("incident_case", incident_id)
    return {"incident_id": incident_id, "case_no": case_no}


def refer_case(deps, command, principal, request_id=None):
    """Art. 13 para. 2: a department passes a case to the committee; idempotent on
    ``request_id`` like submit_application."""
    principal = principal_of(principal)
    access.require("refer_case", principal)
    cmd = load_or_error(ReferralV1, command)
    now = deps.clock.now()
    calendar = calendar_of(deps)
    return file_case(deps, principal, request_id, now, lambda case_no: incidents.referred_case(
        case_no, cmd, principal, now, calendar))
