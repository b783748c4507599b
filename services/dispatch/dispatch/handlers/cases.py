"""The case intake opened for an incident: the incident learns its case number (both link to
each other). Applied once per event (inbox); an ordinary application is none of ours."""
import logging

from weiquan.kit.inbox import claim

from dispatch.domain import rules
from dispatch.models import inbox
from dispatch.repository import DispatchRepository

log = logging.getLogger(__name__)
HANDLER = "dispatch.on_application_submitted"


def link(store, body):
    incident_id = body.get("incident_id")
    if not incident_id:
        return
    with store.uow() as uow:
        if not claim(uow.session, inbox, body["event_id"], HANDLER):
            return
        repo = DispatchRepository(uow.session)
        inc = repo.get_incident(incident_id, for_update=True)
        if inc is None:
            log.error("case %s names unknown incident %s", body["case_no"], incident_id)
            return
        if rules.link_case(inc, body["case_no"]):
            repo.save_incident(inc)
