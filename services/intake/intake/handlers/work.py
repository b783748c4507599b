"""Every department's work items on a case (DESIGN.md "Work items"): the projection of their
work_opened / work_updated / work_closed events, and a department's queue.

The projection is idempotent (inbox, in the same transaction) and order-safe (domain/work.py):
an item only takes an event's state when the event is not older than the last one applied.
An event about a case intake does not have is logged and acknowledged: retrying it would
not make the case appear."""
import logging

from weiquan.contracts.base import load_or_error
from weiquan.contracts.queries import WorkItemListQueryV1

from intake.domain import access, work
from intake.handlers.common import principal_of
from intake.repository import CaseRepository
from intake.views import work_item_view
from intake.work_repository import WorkItemRepository

log = logging.getLogger(__name__)


def on_work_event(deps, source, body):
    """Fold one announcement of ``source`` into its item and the case timeline."""
    event = work.WorkEvent.from_body(body)
    handler = f"intake.on_{source}_{event.event_type}"
    with deps.store.session() as session, session.begin():
        repo = WorkItemRepository(session)
        claimed, case_exists = repo.claim_and_lock(body["event_id"], handler, event.item_id,
                                                   event.case_no)
        if not claimed:
            return None
        if not case_exists:
            log.warning("%s %s: no case %s here; acknowledged, not applied",
                        handler, body["event_id"], event.case_no)
            return None
        before = repo.get(event.item_id)
        if before is not None and before.case_no != event.case_no:
            log.warning("%s %s: item %s belongs to case %s, not %s; not applied", handler,
                        body["event_id"], event.item_id, before.case_no, event.case_no)
            return None
        item = work.apply(before, event)
        repo.save(item, is_new=before is None)
        CaseRepository(session).add_history(event.case_no, work.timeline_entry(event))
    return item


def list_work_items(deps, filters, principal):
    """A department's queue (the caller's own by default; the committee any or all):
    items in a state (open by default), nearest due first, no due date last, paged."""
    principal = principal_of(principal)
    access.require("list_work_items", principal)
    query = load_or_error(WorkItemListQueryV1, filters or {})
    departments = access.work_queue_departments(principal, query.get("department"))
    page, size = query["page"], query["page_size"]
    with deps.store.session() as session:
        total, items = WorkItemRepository(session).queue(
            departments, state=query["state"], case_no=query.get("case_no"),
            offset=(page - 1) * size, limit=size)
    return {"items": [work_item_view(item) for item in items], "page": page,
            "page_size": size, "total": total,
            "departments": None if departments is None else list(departments),
            "state": query["state"]}
