"""publicity's own tables. Only publicity reads or writes them. A statement row is one version;
``origin_key`` is unique so an automatic draft exists once whatever the deliveries of its event."""
from sqlalchemy import JSON, Column, Integer, MetaData, String, Table, Text, UniqueConstraint

from weiquan.kit.db import UtcDateTime
from weiquan.kit.inbox import inbox_table
from weiquan.kit.outbox import outbox_table

metadata = MetaData()

statements = Table(
    "statements", metadata,
    Column("id", String(36), primary_key=True),
    Column("series_id", String(36), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("case_no", String(40), index=True),
    Column("case_unit", String(100)),
    Column("title", String(200), nullable=False),
    Column("body", Text, nullable=False),
    Column("findings", JSON, nullable=False),
    Column("state", String(20), nullable=False, index=True),
    Column("scope", String(20)),
    Column("origin", String(30), nullable=False),
    Column("origin_key", String(120), unique=True),
    Column("return_reason", Text),
    Column("returned_stage", String(20)),
    Column("created_by", String(64), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False, index=True),
    Column("submitted_by", String(64)),
    Column("submitted_at", UtcDateTime()),
    Column("legal_reviewed_by", String(64)),
    Column("legal_reviewed_at", UtcDateTime()),
    Column("committee_approved_by", String(64)),
    Column("committee_approved_at", UtcDateTime()),
    Column("published_by", String(64)),
    Column("published_at", UtcDateTime(), index=True),
    Column("superseded_at", UtcDateTime()),
    UniqueConstraint("series_id", "version", name="uq_statements_series_version"),
)

# What intake's events told publicity about a case (no personal data rides on the bus).
cases = Table(
    "cases", metadata,
    Column("case_no", String(40), primary_key=True),
    Column("category", String(40)),
    Column("officer_unit", String(100)),
    Column("outcome", String(30)),
)

outbox = outbox_table(metadata)
inbox = inbox_table(metadata)
