"""Idempotent inbox: a consumer records each ``event_id`` in the same transaction as its effects,
so a redelivered event is recognised and skipped instead of applied twice."""
from datetime import datetime, timezone

from sqlalchemy import Column, MetaData, String, Table, bindparam, insert, text
from sqlalchemy.exc import IntegrityError

from weiquan.kit import metrics
from weiquan.kit.db import UtcDateTime
from weiquan.kit.metrics_labels import CURRENT_EVENT, code_name

# INSERT ... ON CONFLICT DO NOTHING: one statement where a savepoint takes three (SAVEPOINT,
# INSERT, RELEASE), each a round trip to the database on every event a consumer applies.
# Written as text with typed parameters: SQLAlchemy's PostgreSQL and SQLite insert constructs
# have no cache key (``inherit_cache = False``), so as constructs they were compiled again on
# every claim, about a third of a consumer's statement cost. PostgreSQL and SQLite (3.24+)
# share this syntax.
_UPSERT_DIALECTS = ("postgresql", "sqlite")
_STATEMENTS = {}  # (dialect, table) -> the claim's statement, built once


def _claim_statement(dialect, table):
    key = (dialect, table)
    if key not in _STATEMENTS:
        _STATEMENTS[key] = None if dialect not in _UPSERT_DIALECTS else text(
            f"INSERT INTO {table.name} (event_id, handler, received_at) "
            "VALUES (:event_id, :handler, :received_at) ON CONFLICT DO NOTHING"
        ).bindparams(bindparam("received_at", type_=table.c.received_at.type))
    return _STATEMENTS[key]


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
    values = dict(event_id=event_id, handler=handler, received_at=datetime.now(timezone.utc))
    statement = _claim_statement(session.get_bind().dialect.name, table)
    if statement is not None:
        claimed = session.execute(statement, values).rowcount == 1
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


def count_duplicate(handler):
    """weiquan_inbox_duplicates_total, labelled with the event the current worker handles
    (set by WorkerMetrics); outside a worker, the handler's service prefix and ``unknown``."""
    current = CURRENT_EVENT.get()
    if current is None:
        current = (code_name(handler.split(".", 1)[0]), "unknown")
    metrics.INBOX_DUPLICATES.labels(*current).inc()
