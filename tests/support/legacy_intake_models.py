"""intake's tables exactly as metadata.create_all made them before Alembic (revision 0002 with
cases.request_id): the schema old development databases hold. Frozen here for the migration
tests; never change it to follow models.py."""
from sqlalchemy import (JSON, BigInteger, Boolean, Column, ForeignKey, Index, Integer, MetaData,
                        String, Table, Text, text)

from weiquan.kit.db import UtcDateTime
from weiquan.kit.inbox import inbox_table
from weiquan.kit.outbox import outbox_table

metadata = MetaData()
_ID = BigInteger().with_variant(Integer, "sqlite")

case_counters = Table(
    "case_counters", metadata,
    Column("year", Integer, primary_key=True),
    Column("last_seq", Integer, nullable=False),
)

cases = Table(
    "cases", metadata,
    Column("case_no", String(32), primary_key=True),
    Column("year", Integer, nullable=False),
    Column("seq", Integer, nullable=False),
    Column("status", String(20), nullable=False, index=True),
    Column("category", String(40), nullable=False, index=True),
    Column("channel", String(20), nullable=False),
    Column("applicant", JSON, nullable=False),
    Column("officer", JSON, nullable=False),
    Column("officer_police_id", String(20), nullable=False, index=True),
    Column("officer_unit", String(100), nullable=False, index=True),
    Column("incident", JSON, nullable=False),
    Column("anti_gang", Boolean, nullable=False, default=False),
    Column("received_at", UtcDateTime(), nullable=False),
    Column("submitted_at", UtcDateTime(), nullable=False),
    Column("filed_by", String(64), nullable=False, index=True),
    # The submission's idempotency key: a redelivered RPC or a client retry finds its case.
    Column("request_id", String(160), unique=True),
    Column("decision", JSON),
    Column("appeal", JSON),
    Column("version", Integer, nullable=False, default=0),
    Index("uq_cases_year_seq", "year", "seq", unique=True),
)

clocks = Table(
    "clocks", metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("case_no", String(32), ForeignKey("cases.case_no"), nullable=False, index=True),
    Column("kind", String(40), nullable=False),
    Column("start_at", UtcDateTime(), nullable=False),
    Column("due_at", UtcDateTime(), nullable=False),
    Column("provisional", Boolean, nullable=False),
    Column("satisfied_at", UtcDateTime()),
    Index("uq_clocks_case_kind", "case_no", "kind", unique=True),
    # The sweeps (statutory-clock issue) only look at open clocks, ordered by due date.
    Index("ix_clocks_open_due", "due_at", postgresql_where=text("satisfied_at IS NULL")),
)

history = Table(
    "case_history", metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("case_no", String(32), ForeignKey("cases.case_no"), nullable=False, index=True),
    Column("at", UtcDateTime(), nullable=False),
    Column("action", String(60), nullable=False),
    Column("actor", String(64), nullable=False),
    Column("detail", JSON, nullable=False),
)

outbox = outbox_table(metadata)
inbox = inbox_table(metadata)
