"""intake's application_submitted, applied once per event (inbox) in one transaction: the
incident learns the case intake opened for it (both link to each other), and a case about a
threat, stalking, harassment or doxxing of an officer or a close relative opens the command
center's protection work item (Art. 20) at submission, before acceptance. Any other
application is none of ours."""
import logging
from datetime import datetime

from weiquan.kit.inbox import claim

from dispatch.domain import protection, rules
from dispatch.handlers import work
from dispatch.models import inbox
from dispatch.repository import DispatchRepository

log = logging.getLogger(__name__)
HANDLER = "dispatch.on_application_submitted"


def on_submitted(store, now, body):
    incident_id = body.get("incident_id")
    protect = protection.needs_protection(body.get("category"))
    if not incident_id and not protect:
        return
    with store.uow() as uow:
        if not claim(uow.session, inbox, body["event_id"], HANDLER):
            return
        repo = DispatchRepository(uow.session)
        if incident_id:
            _link(repo, body["case_no"], incident_id)
        if protect:
            submitted_at = (datetime.fromisoformat(body["occurred_at"])
                            if body.get("occurred_at") else now)
            work.open_protection(uow, repo, body["case_no"], incident_id, submitted_at, now)


def _link(repo, case_no, incident_id):
    inc = repo.get_incident(incident_id, for_update=True)
    if inc is None:
        log.error("case %s names unknown incident %s", case_no, incident_id)
        return
    if rules.link_case(inc, case_no):
        repo.save_incident(inc)
