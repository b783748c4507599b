"""dispatch's own tables. Only dispatch reads or writes them."""
from sqlalchemy import (JSON, Boolean, Column, ForeignKey, Index, Integer, MetaData, String,
                        Table, Text, UniqueConstraint, text)

from weiquan.kit.db import UtcDateTime
from weiquan.kit.inbox import inbox_table
from weiquan.kit.outbox import outbox_table

metadata = MetaData()

incidents = Table(
    "incidents", metadata,
    Column("id", String(36), primary_key=True),
    # The report's idempotency key: a redelivered RPC or a client retry finds its incident.
    Column("request_id", String(160), unique=True),
    Column("status", String(10), nullable=False, index=True),
    Column("category", String(40), nullable=False),
    Column("officers", JSON, nullable=False),
    Column("place", String(200), nullable=False),
    Column("description", Text, nullable=False),
    Column("ongoing", Boolean, nullable=False),
    Column("injury", Boolean, nullable=False),
    Column("anti_gang", Boolean, nullable=False),
    Column("off_duty", Boolean, nullable=False),
    Column("reported_at", UtcDateTime(), nullable=False, index=True),
    Column("reported_by", String(64), nullable=False),
    Column("case_no", String(32), index=True),
    Column("closed_at", UtcDateTime()),
    Column("version", Integer, nullable=False, default=0),
)

units = Table(
    "units", metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("kind", String(20), nullable=False),
    Column("status", String(20), nullable=False, index=True),
)

dispatches = Table(
    "dispatches", metadata,
    Column("id", String(36), primary_key=True),
    Column("incident_id", String(36), ForeignKey("incidents.id"), nullable=False, index=True),
    Column("unit_id", String(36), ForeignKey("units.id"), nullable=False, index=True),
    Column("dispatched_at", UtcDateTime(), nullable=False),
    Column("dispatched_by", String(64), nullable=False),
    Column("acknowledged_at", UtcDateTime()),
    Column("acknowledged_by", String(64)),
    Column("arrived_at", UtcDateTime()),
    Column("escalated_at", UtcDateTime()),
    # The escalation sweep reads only dispatches still waiting for an acknowledgement.
    Index("ix_dispatches_awaiting_ack", "dispatched_at", postgresql_where=text(
        "acknowledged_at IS NULL AND escalated_at IS NULL")),
)

protective_orders = Table(
    "protective_orders", metadata,
    Column("id", String(36), primary_key=True),
    Column("incident_id", String(36), ForeignKey("incidents.id"), index=True),
    Column("case_no", String(32), index=True),
    Column("persons", JSON, nullable=False),
    Column("measures", JSON, nullable=False),
    Column("address", Text, nullable=False),   # confidential (Art. 20): command center only
    Column("valid_until", UtcDateTime(), nullable=False),
    Column("issued_at", UtcDateTime(), nullable=False),
    Column("issued_by", String(64), nullable=False),
    # The idempotency key (like an incident's): a retry finds its order.
    Column("request_id", String(160), unique=True),
    Column("revoked_at", UtcDateTime()),
)

# Art. 20: each extension or revocation of an order: who, when, why (the reason stays here).
protective_order_changes = Table(
    "protective_order_changes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("order_id", String(36), ForeignKey("protective_orders.id"), nullable=False,
           index=True),
    Column("change", String(10), nullable=False),
    Column("changed_at", UtcDateTime(), nullable=False),
    Column("changed_by", String(64), nullable=False),
    Column("reason", Text, nullable=False),
    Column("previous_valid_until", UtcDateTime(), nullable=False),
    Column("valid_until", UtcDateTime(), nullable=False),
)

# The command center's work items on cases (Art. 19, 20): one protection item per case.
work_items = Table(
    "work_items", metadata,
    Column("id", String(36), primary_key=True),
    Column("case_no", String(32), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("state", String(12), nullable=False),
    Column("owner", String(64), nullable=False),
    Column("summary", String(200), nullable=False),
    Column("due", UtcDateTime()),
    Column("opened_at", UtcDateTime(), nullable=False),
    Column("closed_at", UtcDateTime()),
    Column("closed_by", String(64)),
    Column("order_id", String(36)),
    UniqueConstraint("case_no", "kind", name="uq_work_items_case_kind"),
    Index("ix_work_items_state_due", "state", "due"),
)

outbox = outbox_table(metadata)
inbox = inbox_table(metadata)
