"""The case tally in shards: each status's count spread over up to 16 rows, a writer adding
to the row of its connection's shard (PostgreSQL: backend pid mod 16), a reader summing them.

Why: with one row per status, every transaction that files, decides or closes a case locked
that status's row from its statement to its commit, so concurrent decisions queued behind
each other (16 clients deciding: 12 connections waited on the tally row on average, sampled
from pg_stat_activity; p99 1.4 s). With shards, two transactions wait for each other only
when their connections share a shard. Readers (the lists' totals, the open-cases gauge) sum
by status, as they did. SQLite has one writer at a time: its triggers use shard 0.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = "0009"
down_revision: Union[str, Sequence[str], None] = "0008"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

SHARDS = 16
_TRIGGERS = ("case_tally_insert", "case_tally_update", "case_tally_delete")


def _pg_apply(key, shard):
    """case_tally_apply() adding each statement's moves to the rows of (status[, shard])."""
    columns = "status, shard, n" if shard else "status, n"
    value = f"{shard}, " if shard else ""
    return f"""
    CREATE OR REPLACE FUNCTION case_tally_apply() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        INSERT INTO case_tally ({columns})
        SELECT status, {value}count(*) FROM new_rows GROUP BY status ORDER BY status
        ON CONFLICT ({key}) DO UPDATE SET n = case_tally.n + EXCLUDED.n;
      ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO case_tally ({columns})
        SELECT status, {value}sum(d) FROM (SELECT status, 1 AS d FROM new_rows
                                    UNION ALL SELECT status, -1 FROM old_rows) AS moved
        GROUP BY status HAVING sum(d) <> 0 ORDER BY status
        ON CONFLICT ({key}) DO UPDATE SET n = case_tally.n + EXCLUDED.n;
      ELSE
        INSERT INTO case_tally ({columns})
        SELECT status, {value}-count(*) FROM old_rows GROUP BY status ORDER BY status
        ON CONFLICT ({key}) DO UPDATE SET n = case_tally.n + EXCLUDED.n;
      END IF;
      RETURN NULL;
    END $$
    """


def _sqlite_triggers(sharded):
    columns, zero, key = (("status, shard, n", "0, ", "status, shard") if sharded
                          else ("status, n", "", "status"))
    return [
        f"""CREATE TRIGGER case_tally_insert AFTER INSERT ON cases BEGIN
          INSERT INTO case_tally ({columns}) VALUES (NEW.status, {zero}1)
          ON CONFLICT ({key}) DO UPDATE SET n = n + 1;
        END""",
        f"""CREATE TRIGGER case_tally_update AFTER UPDATE OF status ON cases
        WHEN OLD.status <> NEW.status BEGIN
          INSERT INTO case_tally ({columns}) VALUES (OLD.status, {zero}-1)
          ON CONFLICT ({key}) DO UPDATE SET n = n - 1;
          INSERT INTO case_tally ({columns}) VALUES (NEW.status, {zero}1)
          ON CONFLICT ({key}) DO UPDATE SET n = n + 1;
        END""",
        f"""CREATE TRIGGER case_tally_delete AFTER DELETE ON cases BEGIN
          INSERT INTO case_tally ({columns}) VALUES (OLD.status, {zero}-1)
          ON CONFLICT ({key}) DO UPDATE SET n = n - 1;
        END""",
    ]


def _rebuild(sharded):
    """case_tally made again with or without shards, holding the same counts per status."""
    columns = [sa.Column("status", sa.String(20), primary_key=True)]
    if sharded:
        columns.append(sa.Column("shard", sa.SmallInteger(), primary_key=True,
                                 server_default=sa.text("0")))
    op.create_table("case_tally_new", *columns, sa.Column("n", sa.Integer(), nullable=False))
    op.execute("INSERT INTO case_tally_new (status, n) SELECT status, sum(n) FROM case_tally "
               "GROUP BY status")
    op.drop_table("case_tally")
    op.rename_table("case_tally_new", "case_tally")


def _migrate(sharded):
    if op.get_bind().dialect.name == "postgresql":
        op.execute("LOCK TABLE cases IN SHARE ROW EXCLUSIVE MODE")  # no case moves meanwhile
        _rebuild(sharded)
        # the new table's primary key takes the name the old one had
        op.execute("ALTER INDEX case_tally_new_pkey RENAME TO case_tally_pkey")
        op.execute(_pg_apply("status, shard", f"pg_backend_pid() % {SHARDS}") if sharded
                   else _pg_apply("status", None))
        return
    for trigger in _TRIGGERS:
        op.execute(f"DROP TRIGGER {trigger}")
    _rebuild(sharded)
    for statement in _sqlite_triggers(sharded):
        op.execute(statement)


def upgrade() -> None:
    _migrate(sharded=True)


def downgrade() -> None:
    _migrate(sharded=False)
