"""work_items: the cyber brigade's own work items (web evidence per accepted online case, one
per takedown request), announced as evidence.work_opened / work_updated / work_closed.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30

A new table and its unique index only: the same on SQLite and PostgreSQL.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = "0002"
down_revision: Union[str, Sequence[str], None] = "0001"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "work_items",
        sa.Column("item_id", sa.String(length=36), nullable=False),
        sa.Column("case_no", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("ref", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=64), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=True),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("summary", sa.String(length=200), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("item_id"),
    )
    op.create_index("uq_work_items_case_kind_ref", "work_items", ["case_no", "kind", "ref"],
                    unique=True)


def downgrade() -> None:
    op.drop_index("uq_work_items_case_kind_ref", table_name="work_items")
    op.drop_table("work_items")
