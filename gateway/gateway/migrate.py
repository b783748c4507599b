"""Bring the gateway's schema to the newest migration; in development also the demo accounts
(never in production).

The history lives in gateway/migrations (Alembic). A database made by the old
metadata.create_all (users table present, no alembic_version) is stamped at 0001 first.
"""
from pathlib import Path

from weiquan import settings
from weiquan.config import database_url, is_development
from weiquan.kit import migrations
from weiquan.kit.db import make_engine, make_session_factory

from gateway.demo_users import ensure_demo_users

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def legacy_revision(inspector):
    """The revision a schema made before migrations matches; None for an empty database."""
    return "0001" if inspector.has_table("users") else None


def migrate(url=None, demo=None):
    url = url or database_url("gateway")
    migrations.upgrade(url, MIGRATIONS, legacy_revision)
    if is_development() if demo is None else demo:
        engine = make_engine(url)
        with make_session_factory(engine)() as session, session.begin():
            ensure_demo_users(session, settings.current().demo_password)
        engine.dispose()


if __name__ == "__main__":
    migrations.cli("gateway", migrate, " (demo accounts present)" if is_development() else "")
