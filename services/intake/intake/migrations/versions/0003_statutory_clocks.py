"""Statutory clocks: who holds each clock, reminders, missed records, extensions; the
accountability register (Art. 36), notifications, and the case's later stages (Art. 16-18).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = "0003"
down_revision: Union[str, Sequence[str], None] = "0002"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch_op:
        batch_op.add_column(sa.Column("conclusion", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("reexamination", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("escalations", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("handler", sa.String(length=64), nullable=True))
    op.drop_index("ix_clocks_open_due", table_name="clocks")
    with op.batch_alter_table("clocks") as batch_op:
        batch_op.add_column(sa.Column("holder", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("statutory", sa.Boolean(), nullable=False,
                                      server_default=sa.text("true")))
        batch_op.add_column(sa.Column("reminded_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("missed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("extended_from", sa.DateTime(), nullable=True))
    # Clocks made before holders existed: the committee office answers for its own clocks.
    op.execute("UPDATE clocks SET holder = 'committee_office' WHERE kind <> 'appeal_window'")
    op.create_index("ix_clocks_open_due", "clocks", ["due_at"], unique=False,
                    postgresql_where=sa.text("satisfied_at IS NULL AND holder IS NOT NULL"))
    op.create_index("ix_clocks_unrecorded_miss", "clocks", ["due_at"], unique=False,
                    postgresql_where=sa.text(
                        "satisfied_at IS NULL AND holder IS NOT NULL AND missed_at IS NULL"))
    op.create_index("ix_clocks_provisional", "clocks", ["id"], unique=False,
                    postgresql_where=sa.text("provisional AND satisfied_at IS NULL"))
    op.create_table(
        "accountability",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False,
                  autoincrement=True),
        sa.Column("case_no", sa.String(length=32), nullable=False),
        sa.Column("clock_kind", sa.String(length=40), nullable=False),
        sa.Column("holder", sa.String(length=64), nullable=False),
        sa.Column("statutory", sa.Boolean(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.Column("satisfied_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["case_no"], ["cases.case_no"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_accountability_case_no", "accountability", ["case_no"], unique=False)
    op.create_index("uq_accountability_clock", "accountability",
                    ["case_no", "clock_kind", "due_at"], unique=True)
    op.create_table(
        "notifications",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False,
                  autoincrement=True),
        sa.Column("recipient", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_notifications_recipient", "notifications", ["recipient", "day"],
                    unique=False)
    op.create_index("uq_notifications_digest", "notifications", ["recipient", "day"],
                    unique=True, postgresql_where=sa.text("kind = 'reminder_digest'"),
                    sqlite_where=sa.text("kind = 'reminder_digest'"))


def downgrade() -> None:
    op.drop_index("uq_notifications_digest", table_name="notifications")
    op.drop_index("ix_notifications_recipient", table_name="notifications")
    op.drop_table("notifications")
    op.drop_index("uq_accountability_clock", table_name="accountability")
    op.drop_index("ix_accountability_case_no", table_name="accountability")
    op.drop_table("accountability")
    op.drop_index("ix_clocks_provisional", table_name="clocks")
    op.drop_index("ix_clocks_unrecorded_miss", table_name="clocks")
    op.drop_index("ix_clocks_open_due", table_name="clocks")
    with op.batch_alter_table("clocks") as batch_op:
        for name in ("extended_from", "missed_at", "reminded_on", "statutory", "holder"):
            batch_op.drop_column(name)
    op.create_index("ix_clocks_open_due", "clocks", ["due_at"], unique=False,
                    postgresql_where=sa.text("satisfied_at IS NULL"))
    with op.batch_alter_table("cases") as batch_op:
        for name in ("handler", "escalations", "reexamination", "conclusion"):
            batch_op.drop_column(name)
