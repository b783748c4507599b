"""work_items: every department's work items on a case, projected from their work_opened /
work_updated / work_closed events (DESIGN.md "Work items").

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

A new table and its indexes only: nothing to rebuild, the same on SQLite and PostgreSQL.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = "0006"
down_revision: Union[str, Sequence[str], None] = "0005"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "work_items",
        sa.Column("item_id", sa.String(length=64), nullable=False),
        sa.Column("case_no", sa.String(length=32), nullable=False),
        sa.Column("department", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("owner", sa.String(length=64), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=True),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("summary", sa.String(length=200), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("last_event_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_no"], ["cases.case_no"]),
        sa.PrimaryKeyConstraint("item_id"),
    )
    op.create_index("ix_work_items_case_no", "work_items", ["case_no"], unique=False)
    op.create_index("ix_work_items_queue", "work_items", ["department", "state", "due_at"],
                    unique=False)


def downgrade() -> None:
    op.drop_index("ix_work_items_queue", table_name="work_items")
    op.drop_index("ix_work_items_case_no", table_name="work_items")
    op.drop_table("work_items")
