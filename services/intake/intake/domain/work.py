"""Work items of every department projected onto the case (DESIGN.md "Work items"): the item
as its department last announced it, and one timeline entry per announcement.

Events of different types come through different queues and may overtake each other, so the
item takes an event's state only when the event is not older than the last one applied; an
update or a close that overtook its open creates the item. Pure: no I/O, times passed in."""
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Optional

from weiquan.config import TZ

from intake.domain.model import HistoryEntry

OPENED, UPDATED, CLOSED = "work_opened", "work_updated", "work_closed"
# The states that let a department see the case; a cancelled item grants nothing.
GRANTING = ("open", "done")
_ITEM_KEYS = ("department", "kind", "owner", "state", "summary")


@dataclass(frozen=True)
class WorkItem:
    item_id: str
    case_no: str
    department: str
    kind: str
    owner: str
    due_at: Optional[datetime]
    state: str
    summary: str
    opened_at: datetime
    updated_at: datetime
    last_event_at: datetime

    @property
    def grants_access(self):
        return self.state in GRANTING


@dataclass(frozen=True)
class WorkEvent:
    """A work_opened / work_updated / work_closed body, its times parsed."""
    event_type: str
    case_no: str
    item_id: str
    department: str
    kind: str
    owner: str
    due_at: Optional[datetime]
    state: str
    summary: str
    occurred_at: datetime
    actor: str

    @classmethod
    def from_body(cls, body):
        due = body.get("due")
        return cls(event_type=body["event_type"], case_no=body["case_no"],
                   item_id=body["item_id"], department=body["department"], kind=body["kind"],
                   owner=body["owner"], due_at=datetime.fromisoformat(due) if due else None,
                   state=body["state"], summary=body["summary"],
                   occurred_at=datetime.fromisoformat(body["occurred_at"]),
                   actor=body["actor"]["username"])


def is_stale(item, event):
    """The event is older than what the item already shows (an open arriving at the same
    instant as an update or close it produced is stale too: it says less)."""
    if item is None:
        return False
    if event.occurred_at != item.last_event_at:
        return event.occurred_at < item.last_event_at
    return event.event_type == OPENED


def apply(item, event):
    """The item after ``event``: created if new; its fields taken from the event unless the
    event is stale; opened_at the earliest time the item is known to have been open."""
    if item is None:
        return WorkItem(item_id=event.item_id, case_no=event.case_no,
                        department=event.department, kind=event.kind, owner=event.owner,
                        due_at=event.due_at, state=event.state, summary=event.summary,
                        opened_at=event.occurred_at, updated_at=event.occurred_at,
                        last_event_at=event.occurred_at)
    opened_at = min(item.opened_at, event.occurred_at) if event.event_type == OPENED \
        else item.opened_at
    if is_stale(item, event):
        return replace(item, opened_at=opened_at)
    return replace(item, opened_at=opened_at, updated_at=event.occurred_at,
                   last_event_at=event.occurred_at, due_at=event.due_at,
                   **{k: getattr(event, k) for k in _ITEM_KEYS})


def timeline_entry(event):
    """What the case timeline shows of an announcement: the item's id, department, kind,
    state, summary and due date (the summary is safe for every role that sees the case)."""
    return HistoryEntry(event.occurred_at, event.event_type, event.actor, {
        "item_id": event.item_id, "department": event.department, "kind": event.kind,
        "state": event.state, "summary": event.summary,
        "due": None if event.due_at is None else event.due_at.astimezone(TZ).isoformat()})


def departments_with_access(items):
    """The departments whose open or done items on the case let them see it."""
    return {item.department for item in items if item.grants_access}
