"""Idempotent inbox: a consumer records each ``event_id`` in the same transaction as its effects,
so a redelivered event is recognised and skipped instead of applied twice."""
from datetime import datetime, timezone

from sqlalchemy import Column, MetaData, String, Table, insert
from sqlalchemy.exc import IntegrityError

from weiquan.kit import metrics
from weiquan.kit.db import UtcDateTime
from weiquan.kit.metrics_labels import CURRENT_EVENT, code_name
from weiquan.kit.upsert import UPSERT_DIALECTS, insert_once


def inbox_table(metadata: MetaData) -> Table:
    return Table(
        "inbox", metadata,
        Column("event_id", String(36), primary_key=True),
        Column("handler", String(200), primary_key=True),
        Column("received_at", UtcDateTime(), nullable=False),
    )


def claim(session, table, event_id, handler):
    """Record the event for this handler; False when it was already applied.

    A duplicate never poisons the caller's transaction: on PostgreSQL and SQLite the insert
    skips a conflicting row (a concurrent twin waits for the first claim's transaction, then
    sees its row); elsewhere the insert runs in a savepoint."""
    values = claim_values(event_id, handler)
    if session.get_bind().dialect.name in UPSERT_DIALECTS:
        # INSERT ... ON CONFLICT DO NOTHING (kit.upsert, from the compiled cache): one
        # statement where a savepoint takes three round trips, on every event applied
        claimed = insert_once(session, table, values)
    else:
        try:
            with session.begin_nested():
                session.execute(insert(table).values(**values))
            claimed = True
        except IntegrityError:
            claimed = False
    if not claimed:
        count_duplicate(handler)
    return claimed


def claim_values(event_id, handler):
    """The inbox row claiming ``event_id`` for ``handler`` (``claim`` inserts it; a caller
    claiming inside a statement of its own binds these)."""
    return dict(event_id=event_id, handler=handler, received_at=datetime.now(timezone.utc))


def count_duplicate(handler):
    """weiquan_inbox_duplicates_total, labelled with the event the current worker handles
    (set by WorkerMetrics); outside a worker, the handler's service prefix and ``unknown``."""
    current = CURRENT_EVENT.get()
    if current is None:
        current = (code_name(handler.split(".", 1)[0]), "unknown")
    metrics.INBOX_DUPLICATES.labels(*current).inc()
