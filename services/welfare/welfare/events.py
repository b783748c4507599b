"""The events the political-work office announces: each work-item change the rules recorded
becomes one outbox event (contracts.events_work), staged in the caller's unit of work."""
from weiquan.config import TZ

from welfare.domain import events as domain
from welfare.domain.model import DEPARTMENT, OWNER

SOURCE = "welfare"


def payload(e):
    return {"item_id": e.item_id, "department": DEPARTMENT, "kind": e.kind, "owner": OWNER,
            "due": None if e.due is None else e.due.astimezone(TZ).isoformat(),
            "state": e.state, "summary": e.summary}


def announce(uow, *changed):
    """Stage what the rules recorded on these objects (and forget it there)."""
    return [uow.emit(SOURCE, e.event_type, e.case_no, e.actor, payload(e), e.at)
            for e in domain.pull(*changed)]
