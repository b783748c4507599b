"""Portal page sessions and the per-user care mode (关怀版).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30

A frozen copy of gateway.models' page_sessions table and users.care_mode; UtcDateTime is a
naive UTC DATETIME, hence sa.DateTime() here.
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
        "page_sessions",
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("principal", sa.Text(), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id_hash"),
    )
    op.create_index("ix_page_sessions_username", "page_sessions", ["username"])
    op.create_index("ix_page_sessions_last_seen_at", "page_sessions", ["last_seen_at"])
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("care_mode", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("care_mode")
    op.drop_index("ix_page_sessions_last_seen_at", table_name="page_sessions")
    op.drop_index("ix_page_sessions_username", table_name="page_sessions")
    op.drop_table("page_sessions")
