"""What the political-work office announces, as the rules record it: only work items (their
kind, due date, state and a summary safe for every role that sees the case). welfare/events.py
turns each into its outbox event; no hospital, contact, outcome, name or note is ever here."""
from dataclasses import dataclass
from datetime import datetime
from typing import Optional

# Work opened by an event (a submission, an acceptance) acts for the office itself.
SYSTEM = {"username": "system", "roles": ["political_work"]}


@dataclass(frozen=True)
class WorkChanged:
    event_type: str                # work_opened | work_updated | work_closed
    case_no: str
    item_id: str
    kind: str
    due: Optional[datetime]
    state: str
    summary: str
    actor: dict
    at: datetime


def actor_of(principal):
    """Who acted, as an event names them (the principal's other facts stay behind)."""
    return {"username": principal["username"], "roles": list(principal["roles"])}


def record(item, event_type, actor, at):
    item.recorded.append(WorkChanged(event_type=event_type, case_no=item.case_no,
                                     item_id=item.id, kind=item.kind, due=item.due,
                                     state=item.state, summary=item.summary,
                                     actor=actor_of(actor), at=at))


def pull(*changed):
    """The events recorded on these objects, in order, leaving them empty."""
    found = []
    for obj in changed:
        if obj is not None:
            found.extend(obj.recorded)
            obj.recorded.clear()
    return found
