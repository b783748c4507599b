"""Database engines that behave under eventlet: SQLite serialises writers, PostgreSQL yields."""
from datetime import timezone

from sqlalchemy import create_engine, event, types
from sqlalchemy.orm import sessionmaker

_green_patched = False


def _patch_psycopg_for_eventlet():
    """Make psycopg2 cooperate with the eventlet hub so a slow query never starves heartbeats."""
    global _green_patched
    if _green_patched:
        return
    try:
        import eventlet.patcher
        if eventlet.patcher.is_monkey_patched("socket"):
            from psycogreen.eventlet import patch_psycopg
            patch_psycopg()
    except ImportError:  # pragma: no cover - eventlet is always installed with nameko
        pass
    _green_patched = True


def make_engine(url, **kwargs):
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False}, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn):
            # IMMEDIATE takes the write lock up front: no lock-upgrade deadlocks between writers.
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    _patch_psycopg_for_eventlet()
    kwargs.setdefault("pool_pre_ping", True)
    kwargs.setdefault("pool_size", 10)
    kwargs.setdefault("max_overflow", 20)
    return create_engine(url, **kwargs)


def make_session_factory(engine):
    return sessionmaker(bind=engine, expire_on_commit=False, future=True)


def is_postgres(engine):
    return engine.dialect.name == "postgresql"


class UtcDateTime(types.TypeDecorator):
    """Stores UTC, returns aware datetimes on every backend (SQLite has no time zones)."""
    impl = types.DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: times are stored with their zone")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value
