"""Alembic, driven from code: one migration history per service, no alembic.ini.

Each service keeps its history inside its package (``<package>/migrations``: ``env.py`` calling
:func:`run_env`, ``versions/``) and its ``migrate.py`` calls :func:`upgrade`.

The whole upgrade runs in one transaction on one connection:

* PostgreSQL: DDL is transactional; an advisory lock serialises replicas migrating at once.
* SQLite: the engine from :func:`weiquan.kit.db.make_engine` opens transactions itself with
  ``BEGIN IMMEDIATE`` (so the write lock serialises migrators too). Foreign keys are switched
  off for the migration connection, because batch operations rebuild tables (copy, drop,
  rename) and dropping a referenced table would otherwise fail; ``PRAGMA foreign_key_check``
  runs before commit instead.

Databases made before migrations existed (tables present, no version table) are recognised by
the service's ``legacy_revision`` callback and stamped with the revision they match, then
upgraded as usual.

New revisions: ``python -m weiquan.kit.migrations intake revision "add x" --autogenerate``
(compares the service's models with its configured database; review the result).
"""
import argparse
import importlib
import logging
import sys
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import event, inspect, make_url, text

from weiquan.kit.db import UtcDateTime, make_engine

log = logging.getLogger(__name__)

VERSION_TABLE = "alembic_version"
_PG_LOCK_KEY = 0x77715F6D6967  # "wq_mig": advisory locks are per database, one key is enough


def make_config(script_location, url):
    """An Alembic Config built in code: the migrations folder and the database URL."""
    cfg = Config()
    cfg.set_main_option("script_location", str(script_location))
    # ConfigParser interpolation: a literal % in a password must be doubled.
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


@contextmanager
def migration_connection(url):
    """One connection in one transaction, locked against concurrent migrators."""
    engine = make_engine(url)
    sqlite = engine.dialect.name == "sqlite"
    if sqlite:
        @event.listens_for(engine, "connect")
        def _foreign_keys_off(dbapi_conn, _record):
            # Runs after make_engine's listener turned them on; must happen outside a transaction.
            dbapi_conn.execute("PRAGMA foreign_keys=OFF")
    try:
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
            yield conn
            if sqlite:
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration left rows violating foreign keys: {broken[:10]}")
    finally:
        engine.dispose()


def upgrade(url, script_location, legacy_revision=None, revision="head"):
    """Bring the database at ``url`` to ``revision`` (default: the newest).

    ``legacy_revision(inspector)`` is asked only when there is no version table: it returns the
    revision an existing schema made without Alembic corresponds to (it is stamped, not run), or
    None for an empty database. Returns the revision stamped, if any."""
    cfg = make_config(script_location, url)
    stamped = None
    with migration_connection(url) as conn:
        cfg.attributes["connection"] = conn
        if legacy_revision is not None:
            inspector = inspect(conn)
            if not inspector.has_table(VERSION_TABLE):
                stamped = legacy_revision(inspector)
                if stamped:
                    log.info("schema made before migrations: stamping revision %s", stamped)
                    command.stamp(cfg, stamped)
        command.upgrade(cfg, revision)
    return stamped


def where(url):
    """The database as an operator finds it: the file of a SQLite URL, or the URL without
    its password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"file {parsed.database}"
    return parsed.render_as_string(hide_password=True)


def cli(service, migrate, ready_note=""):
    """``python -m <service>.migrate``: migrate, or say in one line why not (exit code 3)."""
    from weiquan.config import database_url
    try:
        migrate()
    except Exception as exc:  # any failure: one line for `make run`, the cause in the text
        reason = (str(exc).splitlines() or [""])[0] or type(exc).__name__
        sys.stderr.write(
            f"{service}: 数据库无法迁移 / the database cannot be migrated ({where(database_url(service))}): "
            f"{type(exc).__name__}: {reason[:300]}; repair it, move it away (make clean removes "
            f"./var) or set {service.upper()}_DATABASE_URL to another database\n")
        raise SystemExit(3) from None
    print(f"{service}: schema ready{ready_note}")


def downgrade(url, script_location, revision):
    cfg = make_config(script_location, url)
    with migration_connection(url) as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def current_revision(url):
    """The revision recorded in the database (None: empty or made before migrations)."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table(VERSION_TABLE):
                return None
            return conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
    finally:
        engine.dispose()


def _render_item(type_, obj, autogen_context):
    """Autogenerate: UtcDateTime is a naive UTC DATETIME in the database, so write sa.DateTime()."""
    if type_ == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime()"
    return False


def run_env(target_metadata):
    """The body of every service's ``migrations/env.py``."""
    from alembic import context

    config = context.config
    options = dict(
        target_metadata=target_metadata,
        # Scripts written for SQLite (batch: copy and rename tables) also run unchanged on
        # PostgreSQL, where batch operations become plain ALTER TABLE statements.
        render_as_batch=True,
        compare_type=True,
        render_item=_render_item,
    )
    if context.is_offline_mode():
        context.configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True,
                          **options)
        with context.begin_transaction():
            context.run_migrations()
        return

    def run(conn):
        context.configure(connection=conn, **options)
        with context.begin_transaction():  # joins the caller's transaction
            context.run_migrations()

    conn = config.attributes.get("connection")
    if conn is not None:
        run(conn)
    else:
        with migration_connection(config.get_main_option("sqlalchemy.url")) as conn:
            run(conn)


def _next_revision_id(script_location):
    from alembic.script import ScriptDirectory
    heads = ScriptDirectory(str(script_location)).get_heads()
    if len(heads) == 1 and heads[0].isdigit():
        return f"{int(heads[0]) + 1:04d}"
    return None


def main(argv=None):
    from weiquan.config import database_url

    parser = argparse.ArgumentParser(prog="python -m weiquan.kit.migrations",
                                     description="Alembic commands for one service's database.")
    parser.add_argument("service", help="package owning the migrations, e.g. intake or gateway")
    parser.add_argument("--url", help="database URL (default: the service's configured URL)")
    sub = parser.add_subparsers(dest="cmd", required=True)
    rev = sub.add_parser("revision", help="write a new revision script")
    rev.add_argument("message")
    rev.add_argument("--autogenerate", action="store_true",
                     help="diff the models against the database (migrate it first)")
    sub.add_parser("current", help="show the database's revision")
    sub.add_parser("history", help="list the revisions")
    sub.add_parser("upgrade", help="upgrade to head (what <service>.migrate does, without extras)")
    down = sub.add_parser("downgrade", help="downgrade to a revision (base: drop everything)")
    down.add_argument("revision")
    args = parser.parse_args(argv)

    package = importlib.import_module(args.service)
    location = Path(package.__file__).parent / "migrations"
    url = args.url or database_url(args.service)
    if args.cmd == "revision":
        cfg = make_config(location, url)
        if args.autogenerate:
            with migration_connection(url) as conn:
                cfg.attributes["connection"] = conn
                command.revision(cfg, message=args.message, autogenerate=True,
                                 rev_id=_next_revision_id(location))
        else:
            command.revision(cfg, message=args.message, rev_id=_next_revision_id(location))
    elif args.cmd == "current":
        print(current_revision(url) or "(none)")
    elif args.cmd == "history":
        command.history(make_config(location, url))
    elif args.cmd == "upgrade":
        migrate = importlib.import_module(f"{args.service}.migrate")
        upgrade(url, location, getattr(migrate, "legacy_revision", None))
    elif args.cmd == "downgrade":
        downgrade(url, location, args.revision)


if __name__ == "__main__":
    main()
