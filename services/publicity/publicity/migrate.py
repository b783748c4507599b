"""Bring publicity's schema to the newest migration (idempotent). Run before the service starts.
The history lives in publicity/migrations (Alembic, driven by weiquan.kit.migrations)."""
from pathlib import Path

from weiquan.config import database_url
from weiquan.kit import migrations

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def migrate(url=None):
    migrations.upgrade(url or database_url("publicity"), MIGRATIONS)


if __name__ == "__main__":
    migrations.cli("publicity", migrate)
