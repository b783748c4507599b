"""Idempotent inbox: a consumer records each ``event_id`` in the same transaction as its effects,
so a redelivered event is recognised and skipped instead of applied twice."""
from datetime import datetime, timezone

from sqlalchemy import Column, MetaData, String, Table, insert

from weiquan.kit.db import UtcDateTime
from sqlalchemy.exc import IntegrityError


def inbox_table(metadata: MetaData) -> Table:
    return Table(
        "inbox", metadata,
        Column("event_id", String(36), primary_key=True),
        Column("handler", String(200), primary_key=True),
        Column("received_at", UtcDateTime(), nullable=False),
    )


def claim(session, table, event_id, handler):
    """Record the event for this handler; False when it was already applied.

    Uses a savepoint so a duplicate does not poison the caller's transaction."""
    try:
        with session.begin_nested():
            session.execute(insert(table).values(
                event_id=event_id, handler=handler, received_at=datetime.now(timezone.utc)))
        return True
    except IntegrityError:
        return False
