"""evidence's own tables. Only the evidence service reads or writes them."""
from sqlalchemy import (JSON, BigInteger, Column, ForeignKey, Index, Integer, MetaData, String,
                        Table, Text)

from weiquan.kit.db import UtcDateTime
from weiquan.kit.inbox import inbox_table
from weiquan.kit.outbox import outbox_table

metadata = MetaData()
_ID = BigInteger().with_variant(Integer, "sqlite")

# Written (and committed) before a byte is streamed, so a sweep can remove what a killed
# process left in the object store: state pending -> streaming -> registered | failed | aborted.
upload_intents = Table(
    "upload_intents", metadata,
    Column("id", String(36), primary_key=True),
    Column("case_no", String(32), nullable=False),
    Column("object_key", String(200), nullable=False, unique=True),
    Column("state", String(12), nullable=False),
    Column("meta", JSON, nullable=False),
    Column("principal", JSON, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("touched_at", UtcDateTime(), nullable=False),   # heartbeat while streaming
    Column("finished_at", UtcDateTime()),
    Column("error", String(200)),
    Index("ix_upload_intents_open", "state", "touched_at"),
)

evidence = Table(
    "evidence", metadata,
    Column("id", String(36), primary_key=True),
    Column("case_no", String(32), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("filename", String(255), nullable=False),
    Column("content_type", String(100), nullable=False),
    Column("detected_format", String(20), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("object_key", String(200), nullable=False, unique=True),
    Column("version_id", String(200)),
    Column("source", String(200)),
    Column("device", String(200)),
    Column("acquired_at", UtcDateTime(), nullable=False),
    Column("acquired_by", String(64), nullable=False),
    Column("registered_at", UtcDateTime(), nullable=False),
    Column("upload_id", String(36), ForeignKey("upload_intents.id"), nullable=False, unique=True),
    Column("custody_head", String(64), nullable=False),
    Column("custody_count", Integer, nullable=False),
    Column("hold", JSON),
)

# Append-only: the service only inserts; verify_custody detects any other change.
custody_entries = Table(
    "custody_entries", metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("evidence_id", String(36), ForeignKey("evidence.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("action", String(20), nullable=False),
    Column("actor", String(64), nullable=False),
    Column("at", UtcDateTime(), nullable=False),
    Column("detail", JSON, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Index("uq_custody_evidence_seq", "evidence_id", "seq", unique=True),
)

web_captures = Table(
    "web_captures", metadata,
    Column("id", String(36), primary_key=True),
    Column("case_no", String(32), nullable=False, index=True),
    Column("evidence_id", String(36), ForeignKey("evidence.id"), nullable=False, unique=True),
    Column("url", Text, nullable=False),
    Column("captured_at", UtcDateTime(), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("captured_by", String(64), nullable=False),
)

takedowns = Table(
    "takedowns", metadata,
    Column("id", String(36), primary_key=True),
    Column("case_no", String(32), nullable=False, index=True),
    Column("url", Text, nullable=False),
    Column("platform", String(100), nullable=False),
    Column("capture_id", String(36), ForeignKey("web_captures.id")),
    Column("status", String(12), nullable=False),
    Column("history", JSON, nullable=False),   # [{status, at, note, actor}], oldest first
    Column("requested_by", String(64), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("version", Integer, nullable=False, default=0),
)

# The cyber brigade's own work items (domain/work.py), announced as evidence.work_opened /
# work_updated / work_closed: one web_evidence item per case, one takedown item per request
# (ref: the takedown's id; empty for web_evidence).
work_items = Table(
    "work_items", metadata,
    Column("item_id", String(36), primary_key=True),
    Column("case_no", String(32), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("ref", String(36), nullable=False),
    Column("owner", String(64), nullable=False),
    Column("due_at", UtcDateTime()),
    Column("state", String(12), nullable=False),
    Column("summary", String(200), nullable=False),
    Column("opened_at", UtcDateTime(), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
    Index("uq_work_items_case_kind_ref", "case_no", "kind", "ref", unique=True),
)

outbox = outbox_table(metadata)
inbox = inbox_table(metadata)
