"""cases.place (the incident's place, copied out of the incident JSON so the Art. 35 ledger
can group by it in SQL on both backends) and ix_cases_received_at (the ledger's date range).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

Existing rows are backfilled from incident.place (PostgreSQL ``->>``, SQLite json_extract).
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = "0005"
down_revision: Union[str, Sequence[str], None] = "0004"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

_BACKFILL = {
    "postgresql": "UPDATE cases SET place = substr(incident ->> 'place', 1, 200)",
    "sqlite": "UPDATE cases SET place = substr(json_extract(incident, '$.place'), 1, 200)",
}


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch_op:
        batch_op.add_column(sa.Column("place", sa.String(length=200), nullable=True))
    op.execute(_BACKFILL[op.get_bind().dialect.name])
    op.create_index("ix_cases_received_at", "cases", ["received_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_cases_received_at", table_name="cases")
    with op.batch_alter_table("cases") as batch_op:
        batch_op.drop_column("place")
