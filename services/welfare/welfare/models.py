"""welfare's own tables. Only welfare reads or writes them. Health and psychological details
(hospital, contact, outcome, counsellors, notes) live here and nowhere else."""
from sqlalchemy import (JSON, Column, Index, Integer, MetaData, String, Table, Text,
                        UniqueConstraint)

from weiquan.kit.db import UtcDateTime
from weiquan.kit.inbox import inbox_table
from weiquan.kit.outbox import outbox_table

metadata = MetaData()

# What welfare learnt of each case from intake's events (submission, acceptance).
cases = Table(
    "cases", metadata,
    Column("case_no", String(32), primary_key=True),
    Column("police_id", String(20)),
    Column("officer_unit", String(100)),
    Column("category", String(40)),
    Column("received_at", UtcDateTime()),
    Column("accepted_at", UtcDateTime()),
)

# The office's work items, as announced on the bus. ``ref`` tells apart several items of one
# kind on a case ("" for the one-per-case kinds: green channel, consolation visit, psych
# support), so (case_no, kind, ref) makes every opening idempotent.
work_items = Table(
    "work_items", metadata,
    Column("id", String(36), primary_key=True),
    Column("case_no", String(32), nullable=False, index=True),
    Column("kind", String(30), nullable=False),
    Column("ref", String(36), nullable=False, default=""),
    Column("state", String(10), nullable=False),
    Column("due", UtcDateTime()),
    Column("summary", String(200), nullable=False),
    Column("opened_at", UtcDateTime(), nullable=False),
    Column("closed_at", UtcDateTime()),
    UniqueConstraint("case_no", "kind", "ref", name="uq_work_items_case_kind_ref"),
    Index("ix_work_items_queue", "state", "due"),
)

# Art. 28: the medical green channel; its id is its work item's id.
green_channels = Table(
    "green_channels", metadata,
    Column("id", String(36), primary_key=True),
    Column("case_no", String(32), nullable=False, unique=True),
    Column("police_id", String(20)),
    Column("officer_unit", String(100)),
    Column("state", String(20), nullable=False, index=True),
    Column("hospital", String(200)),
    Column("contact", String(200)),
    Column("outcome", Text),
    Column("opened_at", UtcDateTime(), nullable=False),
    Column("due", UtcDateTime()),
    Column("updated_at", UtcDateTime()),
    Column("updated_by", String(64)),
    Column("closed_at", UtcDateTime()),
    Column("history", JSON, nullable=False),
)

visits = Table(
    "visits", metadata,
    Column("id", String(36), primary_key=True),
    Column("case_no", String(32), nullable=False, index=True),
    Column("visitors", String(200), nullable=False),
    Column("visited_at", UtcDateTime(), nullable=False),
    Column("gifts", String(500)),
    Column("notes", Text),
    Column("recorded_at", UtcDateTime(), nullable=False),
    Column("recorded_by", String(64), nullable=False),
)

insurance_claims = Table(
    "insurance_claims", metadata,
    Column("id", String(36), primary_key=True),
    Column("case_no", String(32), nullable=False, index=True),
    Column("insurer", String(100), nullable=False),
    Column("policy_no", String(50), nullable=False),
    Column("state", String(20), nullable=False),
    Column("filed_at", UtcDateTime(), nullable=False),
    Column("filed_by", String(64), nullable=False),
    Column("history", JSON, nullable=False),
)

# Art. 29: the most sensitive records; the political-work office's alone.
psych_referrals = Table(
    "psych_referrals", metadata,
    Column("id", String(36), primary_key=True),
    Column("case_no", String(32), nullable=False, index=True),
    Column("person", JSON, nullable=False),
    Column("reason", Text),
    Column("state", String(10), nullable=False, index=True),
    Column("referred_at", UtcDateTime(), nullable=False),
    Column("referred_by", String(64), nullable=False),
    Column("sessions", JSON, nullable=False),
    Column("closed_at", UtcDateTime()),
    Column("closing_note", Text),
    Column("version", Integer, nullable=False, default=0),
)

trainings = Table(
    "trainings", metadata,
    Column("id", String(36), primary_key=True),
    Column("title", String(200), nullable=False),
    Column("topic", String(200), nullable=False),
    Column("held_at", UtcDateTime(), nullable=False, index=True),
    Column("trainer", String(100), nullable=False),
    Column("created_by", String(64), nullable=False),
)

attendance = Table(
    "attendance", metadata,
    Column("training_id", String(36), primary_key=True),
    Column("police_id", String(20), primary_key=True),
    Column("recorded_at", UtcDateTime(), nullable=False),
    Column("recorded_by", String(64), nullable=False),
)

outbox = outbox_table(metadata)
inbox = inbox_table(metadata)
