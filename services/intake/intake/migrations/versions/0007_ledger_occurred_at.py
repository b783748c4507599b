"""cases.occurred_at (the incident's time, copied out of the incident JSON so the Art. 35
ledger's hot spots group by its Asia/Shanghai hour in SQL without parsing every case's JSON)
and ix_cases_received_hotspot, which holds every column the hot spots and trends read, so both
can be answered from the index alone within the ledger's date range.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30

Existing rows are backfilled from incident.occurred_at, stored like every UtcDateTime: naive
UTC (PostgreSQL ``->>`` cast with its offset; SQLite's date functions apply the offset).
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = "0007"
down_revision: Union[str, Sequence[str], None] = "0006"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

_BACKFILL = {
    "postgresql": "UPDATE cases SET occurred_at = "
                  "timezone('UTC', (incident ->> 'occurred_at')::timestamptz) "
                  "WHERE incident ->> 'occurred_at' IS NOT NULL",
    "sqlite": "UPDATE cases SET occurred_at = "
              "strftime('%Y-%m-%d %H:%M:%f', json_extract(incident, '$.occurred_at')) "
              "WHERE json_extract(incident, '$.occurred_at') IS NOT NULL",
}
_COLUMNS = ["received_at", "category", "place", "occurred_at"]


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch_op:
        batch_op.add_column(sa.Column("occurred_at", sa.DateTime(), nullable=True))
    op.execute(_BACKFILL[op.get_bind().dialect.name])
    op.create_index("ix_cases_received_hotspot", "cases", _COLUMNS, unique=False)


def downgrade() -> None:
    op.drop_index("ix_cases_received_hotspot", table_name="cases")
    with op.batch_alter_table("cases") as batch_op:
        batch_op.drop_column("occurred_at")
