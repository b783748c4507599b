"""Baseline: the gateway's users table as metadata.create_all made it before migrations.

Revision ID: 0001
Revises:
Create Date: 2026-11-26

A frozen copy, not an import of gateway.models. UtcDateTime is stored as a naive UTC DATETIME,
hence sa.DateTime() here.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = "0001"
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("roles", sa.String(length=300), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=True),
        sa.Column("police_id", sa.String(length=20), nullable=True),
        sa.Column("unit", sa.String(length=100), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("username"),
    )


def downgrade() -> None:
    op.drop_table("users")
