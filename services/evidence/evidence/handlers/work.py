"""The cyber brigade's own work items (Art. 9(7)): a web-evidence item when the committee
accepts a case of an online category (intake.case_accepted), and one takedown item per
takedown request, closed when the platform removes or refuses. Each item commits with its
work event in the caller's unit of work (outbox); intake projects it onto the case."""
import logging
import uuid
from datetime import datetime

from weiquan.kit.inbox import claim

from evidence import events
from evidence.domain import work
from evidence.models import inbox
from evidence.repository import EvidenceRepository

log = logging.getLogger(__name__)
HANDLER = "evidence.on_case_accepted"
SYSTEM = {"username": "system", "roles": [work.DEPARTMENT]}


def web_evidence_due(calendar, accepted_at):
    """Five working days after the acceptance; a week when the calendar has no data."""
    try:
        return calendar.current().add_working_days(accepted_at, work.WEB_EVIDENCE_WORKING_DAYS).due
    except Exception:   # a year the calendar does not cover: still a date, never no item
        log.warning("calendar cannot reckon from %s; due in %s days", accepted_at,
                    work.FALLBACK_DAYS)
        return work.fallback_due(accepted_at)


def on_case_accepted(db, clock, calendar, body):
    """Once per case (inbox, and the unique case/kind): an accepted case of an online
    category opens the brigade's web-evidence item; any other case is none of ours."""
    if not work.concerns_cyber(body.get("category")):
        return None
    now = clock.now()
    due = web_evidence_due(calendar, datetime.fromisoformat(body["decided_at"]))
    with db.uow() as uow:
        if not claim(uow.session, inbox, body["event_id"], HANDLER):
            return None
        item = work.web_evidence_item(str(uuid.uuid4()), body["case_no"], due, now)
        if not EvidenceRepository(uow.session).add_work_item(item):
            return None   # the case was accepted before (e.g. after an appeal): one item
        events.work(uow, "work_opened", item, SYSTEM, now)
    log.info("web evidence item %s opened on %s", item["item_id"], body["case_no"])
    return item


def open_takedown(uow, repo, case_no, takedown_id, principal, now):
    """The item of a new takedown request, owned by the brigade member who asked for it."""
    item = work.takedown_item(str(uuid.uuid4()), case_no, takedown_id, principal["username"],
                              now)
    if repo.add_work_item(item):
        events.work(uow, "work_opened", item, principal, now)
    return item


def follow_takedown(uow, repo, case_no, takedown_id, status, principal, now):
    """The takedown moved: its item is updated (submitted) or closed (removed, refused)."""
    item = repo.work_item(case_no, work.TAKEDOWN, takedown_id, for_update=True)
    if item is None:   # a request made before the brigade's items existed
        return None
    item, event_type = work.follow_takedown(item, status, now)
    if event_type is not None:
        repo.save_work_item(item)
        events.work(uow, event_type, item, principal, now)
    return item
