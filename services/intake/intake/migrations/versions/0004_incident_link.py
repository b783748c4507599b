"""cases.incident_id (the live incident a case was opened from; unique, nullable) and
parked_history (dispatch steps that arrived before their incident's case existed).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26

As in 0002: batch mode rebuilds cases on SQLite to add the UNIQUE column; the constraint is
named as PostgreSQL names create_all's unnamed UNIQUE (incident_id).
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = "0004"
down_revision: Union[str, Sequence[str], None] = "0003"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch_op:
        batch_op.add_column(sa.Column("incident_id", sa.String(length=36), nullable=True))
        batch_op.create_unique_constraint("cases_incident_id_key", ["incident_id"])
    op.create_table(
        "parked_history",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("incident_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_parked_history_incident_id", "parked_history", ["incident_id"])


def downgrade() -> None:
    op.drop_index("ix_parked_history_incident_id", table_name="parked_history")
    op.drop_table("parked_history")
    with op.batch_alter_table("cases") as batch_op:
        batch_op.drop_column("incident_id")
