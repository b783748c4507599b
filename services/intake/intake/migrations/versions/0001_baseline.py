"""Baseline: intake's schema as metadata.create_all made it before migrations (no cases.request_id).

Revision ID: 0001
Revises:
Create Date: 2026-11-26

A frozen copy of the tables, not an import of intake.models: later model changes get their own
revisions. UtcDateTime is stored as a naive UTC DATETIME, hence sa.DateTime() here.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = "0001"
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")  # INTEGER PRIMARY KEY = rowid on SQLite


def upgrade() -> None:
    op.create_table(
        "case_counters",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year"),
    )

    op.create_table(
        "cases",
        sa.Column("case_no", sa.String(length=32), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("applicant", sa.JSON(), nullable=False),
        sa.Column("officer", sa.JSON(), nullable=False),
        sa.Column("officer_police_id", sa.String(length=20), nullable=False),
        sa.Column("officer_unit", sa.String(length=100), nullable=False),
        sa.Column("incident", sa.JSON(), nullable=False),
        sa.Column("anti_gang", sa.Boolean(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("filed_by", sa.String(length=64), nullable=False),
        sa.Column("decision", sa.JSON(), nullable=True),
        sa.Column("appeal", sa.JSON(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("case_no"),
    )
    op.create_index("ix_cases_status", "cases", ["status"])
    op.create_index("ix_cases_category", "cases", ["category"])
    op.create_index("ix_cases_officer_police_id", "cases", ["officer_police_id"])
    op.create_index("ix_cases_officer_unit", "cases", ["officer_unit"])
    op.create_index("ix_cases_filed_by", "cases", ["filed_by"])
    op.create_index("uq_cases_year_seq", "cases", ["year", "seq"], unique=True)

    op.create_table(
        "clocks",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("case_no", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("start_at", sa.DateTime(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("provisional", sa.Boolean(), nullable=False),
        sa.Column("satisfied_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["case_no"], ["cases.case_no"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_clocks_case_no", "clocks", ["case_no"])
    op.create_index("uq_clocks_case_kind", "clocks", ["case_no", "kind"], unique=True)
    # The sweeps only look at open clocks, ordered by due date (partial on PostgreSQL).
    op.create_index("ix_clocks_open_due", "clocks", ["due_at"],
                    postgresql_where=sa.text("satisfied_at IS NULL"))

    op.create_table(
        "case_history",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("case_no", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["case_no"], ["cases.case_no"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_case_history_case_no", "case_history", ["case_no"])

    # weiquan.kit.outbox.outbox_table
    op.create_table(
        "outbox",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("exchange", sa.String(length=100), nullable=False),
        sa.Column("routing_key", sa.String(length=100), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("event_id"),
    )
    op.create_index("ix_outbox_pending", "outbox", ["id"],
                    postgresql_where=sa.text("published_at IS NULL"))

    # weiquan.kit.inbox.inbox_table
    op.create_table(
        "inbox",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("handler", sa.String(length=200), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("event_id", "handler"),
    )


def downgrade() -> None:
    op.drop_table("inbox")
    op.drop_index("ix_outbox_pending", table_name="outbox",
                  postgresql_where=sa.text("published_at IS NULL"))
    op.drop_table("outbox")
    op.drop_index("ix_case_history_case_no", table_name="case_history")
    op.drop_table("case_history")
    op.drop_index("ix_clocks_open_due", table_name="clocks",
                  postgresql_where=sa.text("satisfied_at IS NULL"))
    op.drop_index("uq_clocks_case_kind", table_name="clocks")
    op.drop_index("ix_clocks_case_no", table_name="clocks")
    op.drop_table("clocks")
    for name in ("uq_cases_year_seq", "ix_cases_filed_by", "ix_cases_officer_unit",
                 "ix_cases_officer_police_id", "ix_cases_category", "ix_cases_status"):
        op.drop_index(name, table_name="cases")
    op.drop_table("cases")
    op.drop_table("case_counters")
