"""cases.request_id: the submission's idempotency key (unique, nullable).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26

SQLite cannot ALTER TABLE ADD a UNIQUE column, so batch mode rebuilds the table there (copy,
drop, rename; weiquan.kit.migrations switches foreign keys off meanwhile). On PostgreSQL this is
ALTER TABLE cases ADD COLUMN request_id VARCHAR(160) and ADD CONSTRAINT cases_request_id_key
UNIQUE (request_id): the name PostgreSQL gives the unnamed constraint metadata.create_all makes,
so migrated and create_all-made databases match.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = "0002"
down_revision: Union[str, Sequence[str], None] = "0001"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch_op:
        batch_op.add_column(sa.Column("request_id", sa.String(length=160), nullable=True))
        # Named as PostgreSQL names create_all's unnamed UNIQUE (request_id); batch mode on
        # SQLite needs a name to rebuild the table with it.
        batch_op.create_unique_constraint("cases_request_id_key", ["request_id"])


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch_op:
        batch_op.drop_column("request_id")
