"""logistics's own tables. Only logistics reads or writes them. Money is integer fen
(BigInteger); a fund's ``committed_fen`` is what approvals reserved, and the conditional update
in repository.reserve keeps ``budget_fen - committed_fen`` from going below zero."""
from sqlalchemy import (JSON, BigInteger, CheckConstraint, Column, ForeignKey, Integer,
                        MetaData, String, Table, Text, UniqueConstraint)

from weiquan.kit.db import UtcDateTime
from weiquan.kit.inbox import inbox_table
from weiquan.kit.outbox import outbox_table

metadata = MetaData()

funds = Table(
    "funds", metadata,
    Column("id", String(40), primary_key=True),         # "<kind>-<year>"
    Column("kind", String(20), nullable=False),
    Column("year", Integer, nullable=False),
    Column("budget_fen", BigInteger, nullable=False),
    Column("committed_fen", BigInteger, nullable=False, default=0),
    Column("director_limit_fen", BigInteger, nullable=False),
    Column("committee_limit_fen", BigInteger),
    Column("set_by", String(64), nullable=False),
    Column("set_at", UtcDateTime(), nullable=False),
    UniqueConstraint("kind", "year", name="uq_funds_kind_year"),
    # the last line of defence: no approval can take a fund below zero
    CheckConstraint("committed_fen <= budget_fen", name="ck_funds_not_negative"),
)

payments = Table(
    "payments", metadata,
    Column("id", String(36), primary_key=True),
    # idempotency: a client's retried request, a redelivered counsel-fee claim
    Column("request_id", String(160), unique=True),
    Column("claim_id", String(100), unique=True),
    Column("origin", String(30), nullable=False),
    Column("case_no", String(40), nullable=False, index=True),
    Column("fund", String(20), nullable=False),
    Column("year", Integer, nullable=False),
    Column("amount_fen", BigInteger, nullable=False),
    Column("payee", String(300), nullable=False),
    Column("purpose", Text, nullable=False),
    Column("claimant", JSON),
    Column("damage", Text),
    Column("evidence_ids", JSON, nullable=False),
    Column("state", String(20), nullable=False, index=True),
    Column("requested_by", String(64), nullable=False),
    Column("requested_at", UtcDateTime(), nullable=False, index=True),
    Column("reviewed_by", String(64)),
    Column("reviewed_at", UtcDateTime()),
    Column("decided_by", String(64)),
    Column("decided_at", UtcDateTime()),
    Column("approval_id", String(36), unique=True),
    Column("refusal_reason", Text),
    Column("refused_stage", String(20)),
    CheckConstraint("amount_fen > 0", name="ck_payments_positive"),
)

disbursements = Table(
    "disbursements", metadata,
    Column("id", String(36), primary_key=True),
    # exactly one order per payment and per approval, whatever the deliveries of the event
    Column("payment_id", String(36), ForeignKey("payments.id"), nullable=False, unique=True),
    Column("approval_id", String(36), nullable=False, unique=True),
    Column("fund", String(20), nullable=False),
    Column("year", Integer, nullable=False),
    Column("amount_fen", BigInteger, nullable=False),
    Column("state", String(20), nullable=False, index=True),
    Column("scheduled_at", UtcDateTime(), nullable=False),
    Column("voucher_no", String(64)),
    Column("paid_at", UtcDateTime()),
    Column("recorded_by", String(64)),
)

outbox = outbox_table(metadata)
inbox = inbox_table(metadata)
