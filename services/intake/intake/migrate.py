"""Bring intake's schema to the newest migration (idempotent). Run before the service starts.

The history lives in intake/migrations (Alembic). A database made by the old metadata.create_all
(tables present, no alembic_version) is stamped with the revision it matches, then upgraded.
"""
from pathlib import Path

from weiquan.config import database_url
from weiquan.kit import migrations

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

# What the old create_all made; revision 0001 is exactly these tables without cases.request_id.
BASELINE_TABLES = {"case_counters", "cases", "clocks", "case_history", "outbox", "inbox"}


def legacy_revision(inspector):
    """The revision a schema made before migrations matches; None for an empty database."""
    present = BASELINE_TABLES & set(inspector.get_table_names())
    if not present:
        return None
    if present != BASELINE_TABLES:
        raise RuntimeError(
            f"intake: database has some tables ({', '.join(sorted(present))}) but no "
            f"alembic_version and not all of {', '.join(sorted(BASELINE_TABLES))}: "
            "cannot tell its revision; repair it or start from an empty database")
    columns = {c["name"] for c in inspector.get_columns("cases")}
    return "0002" if "request_id" in columns else "0001"


def migrate(url=None):
    migrations.upgrade(url or database_url("intake"), MIGRATIONS, legacy_revision)


if __name__ == "__main__":
    migrations.cli("intake", migrate)
