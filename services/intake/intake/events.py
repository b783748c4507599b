"""The adapter from recorded domain events (domain/events.py, ``case.events``) to outbox
emits: one event body per recorded event, the payload being the event's own fields, with
times in Asia/Shanghai and deadlines as {due, provisional} (contracts/events_intake.py)."""
from dataclasses import fields
from datetime import datetime

from weiquan.config import TZ

from intake.domain.events import CaseEvent, Due

_ENVELOPE = {f.name for f in fields(CaseEvent)}   # case_no, actor, at: the body's common part


def _wire(value):
    if isinstance(value, datetime):
        return value.astimezone(TZ).isoformat()
    if isinstance(value, Due):
        return {"due": _wire(value.due_at), "provisional": value.provisional}
    if isinstance(value, dict):
        return {k: _wire(v) for k, v in value.items()}
    return value


def payload(event):
    return {f.name: _wire(getattr(event, f.name)) for f in fields(event)
            if f.name not in _ENVELOPE}


def publish(uow, case):
    """Stage every event the rules recorded on ``case`` in the unit of work, in order; the
    case forgets them (they are the outbox's now)."""
    bodies = [uow.emit("intake", event.event_type, event.case_no, event.actor, payload(event),
                       event.at) for event in case.events]
    case.events.clear()
    return bodies


def outbox_rows(uow, case):
    """``publish`` for a caller inserting the events with its change in one statement
    (filing.py): the outbox rows of every event recorded on ``case``, in order."""
    rows = [uow.outbox_row("intake", event.event_type, event.case_no, event.actor,
                           payload(event), event.at) for event in case.events]
    case.events.clear()
    return rows
