"""legal_aid's own tables. Only legal_aid reads or writes them. Offender identities are kept
as typed (matching normalises them in the domain); they never leave through events."""
from sqlalchemy import (JSON, BigInteger, Boolean, Column, Date, Float, Integer, MetaData,
                        String, Table, Text, UniqueConstraint)

from weiquan.kit.db import UtcDateTime
from weiquan.kit.inbox import inbox_table
from weiquan.kit.outbox import outbox_table

metadata = MetaData()

# Every department step on a case (Art. 9, 19): announced as legal_aid.work_* events.
work_items = Table(
    "work_items", metadata,
    Column("id", String(36), primary_key=True),
    Column("case_no", String(40), nullable=False, index=True),
    Column("kind", String(40), nullable=False),
    Column("ref", String(100), nullable=False),      # the object the item is about
    Column("owner", String(64), nullable=False),
    Column("state", String(20), nullable=False, index=True),
    Column("summary", String(200), nullable=False),
    Column("opened_at", UtcDateTime(), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
    UniqueConstraint("case_no", "kind", "ref", name="uq_work_items_ref"),
)

classifications = Table(
    "classifications", metadata,
    Column("case_no", String(40), primary_key=True),
    Column("category", String(40), nullable=False),
    Column("flags", JSON, nullable=False),
    Column("suggested", String(20)),
    Column("reasons", JSON, nullable=False),
    Column("state", String(20), nullable=False),    # pending | decided
    Column("classification", String(20)),
    Column("changed", Boolean),
    Column("reason", Text),
    Column("decided_by", String(64)),
    Column("decided_at", UtcDateTime()),
    Column("opened_at", UtcDateTime(), nullable=False),
)

counsel = Table(
    "counsel", metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("firm", String(200), nullable=False),
    Column("specialities", JSON, nullable=False),
    Column("id_number", String(40)),
    Column("phone", String(40)),
    Column("capacity", Integer, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("relations", JSON, nullable=False),
    Column("updated_by", String(64), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
)

assignments = Table(
    "assignments", metadata,
    Column("id", String(36), primary_key=True),
    Column("case_no", String(40), nullable=False, index=True),
    Column("counsel_id", String(36), nullable=False, index=True),
    Column("speciality", String(40), nullable=False),
    Column("state", String(20), nullable=False),    # open | closed
    Column("passed_over", JSON, nullable=False),
    Column("assigned_by", String(64), nullable=False),
    Column("assigned_at", UtcDateTime(), nullable=False),
)

work_logs = Table(
    "work_logs", metadata,
    Column("id", String(36), primary_key=True),
    Column("assignment_id", String(36), nullable=False, index=True),
    Column("date", Date, nullable=False),
    Column("hours", Float, nullable=False),
    Column("note", Text, nullable=False),
    Column("logged_by", String(64), nullable=False),
    Column("logged_at", UtcDateTime(), nullable=False),
)

fee_claims = Table(
    "fee_claims", metadata,
    Column("claim_id", String(100), primary_key=True),
    Column("assignment_id", String(36), nullable=False, index=True),
    Column("amount_fen", BigInteger, nullable=False),
    Column("period", String(100), nullable=False),
    Column("claimed_by", String(64), nullable=False),
    Column("claimed_at", UtcDateTime(), nullable=False),
)

determinations = Table(
    "determinations", metadata,
    Column("id", String(36), primary_key=True),
    Column("case_no", String(40), nullable=False, index=True),
    Column("officer", String(40), nullable=False),
    Column("team", JSON, nullable=False),
    Column("findings", Text, nullable=False),
    Column("classification", String(20), nullable=False),
    Column("outcome", String(20), nullable=False),
    Column("mitigating_factors", JSON, nullable=False),
    Column("decided_by", String(64), nullable=False),
    Column("decided_at", UtcDateTime(), nullable=False),
)

appeals = Table(
    "appeals", metadata,
    Column("id", String(36), primary_key=True),
    Column("case_no", String(40), nullable=False, index=True),
    Column("scale", String(20), nullable=False),
    Column("appealed", String(40), nullable=False),
    Column("determination_id", String(36)),
    Column("statement", Text, nullable=False),
    Column("state", String(20), nullable=False),    # open | decided
    Column("outcome", String(40)),
    Column("result", String(20)),
    Column("committee_approved", Boolean),
    Column("reason", Text),
    Column("filed_by", String(64), nullable=False),
    Column("filed_at", UtcDateTime(), nullable=False),
    Column("decided_by", String(64)),
    Column("decided_at", UtcDateTime()),
)

reviews = Table(
    "reviews", metadata,
    Column("id", String(36), primary_key=True),
    Column("case_no", String(40), nullable=False, index=True),
    Column("discipline", String(40), nullable=False),
    Column("complaint", Text, nullable=False),
    Column("state", String(20), nullable=False),    # open | decided
    Column("result", String(20)),                   # revoked | upheld
    Column("grounds", JSON, nullable=False),
    Column("committee_approved", Boolean),
    Column("note", Text),
    Column("filed_by", String(64), nullable=False),
    Column("filed_at", UtcDateTime(), nullable=False),
    Column("decided_by", String(64)),
    Column("decided_at", UtcDateTime()),
)

liaisons = Table(
    "liaisons", metadata,
    Column("id", String(36), primary_key=True),
    Column("case_no", String(40), nullable=False, index=True),
    Column("body", String(20), nullable=False),
    Column("date", Date, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("note", Text, nullable=False),
    Column("recorded_by", String(64), nullable=False),
    Column("recorded_at", UtcDateTime(), nullable=False),
)

offenders = Table(
    "offenders", metadata,
    Column("id", String(36), primary_key=True),
    Column("case_no", String(40), nullable=False, index=True),
    Column("name", String(100), nullable=False),
    Column("id_number", String(40)),
    Column("phone", String(40)),
    Column("birth_date", Date),
    Column("relation", String(40), nullable=False),
    Column("conduct", Text, nullable=False),
    Column("pursuit", String(40), nullable=False),
    Column("recorded_by", String(64), nullable=False),
    Column("recorded_at", UtcDateTime(), nullable=False),
)

outbox = outbox_table(metadata)
inbox = inbox_table(metadata)
