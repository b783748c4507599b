"""Database engines that behave under eventlet: neither SQLite nor PostgreSQL may hold the hub."""
import json
import sqlite3
import time
from collections import namedtuple
from datetime import timezone

import orjson
from sqlalchemy import create_engine, event, types
from sqlalchemy.exc import DisconnectionError, OperationalError
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import QueuePool

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


# JSON columns read and written by orjson: a list page's 50 rows each carry their clocks as a
# JSON array, decoded by the driver (psycopg2) or SQLAlchemy (SQLite) with the standard
# decoder at several times orjson's cost. Same values both ways; what orjson refuses (an
# integer beyond 64 bits, a type the standard encoder refuses too) takes the standard path,
# which decodes it or raises as before. Stored text is UTF-8 as is, not \u-escaped.
_JSON_OPTIONS = (orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME
                 | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_SUBCLASS)


def json_column_text(value):
    """A JSON column's value as the text stored: what json.dumps stores, decoded equal."""
    try:
        return orjson.dumps(value, option=_JSON_OPTIONS).decode("utf-8")
    except TypeError:
        return json.dumps(value)


def json_column_value(text):
    """A JSON column's stored text as the value json.loads gives."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


_json_registered = False


def _psycopg_json_via_orjson():
    """psycopg2 decodes json and jsonb itself (SQLAlchemy's decoder is not used there)."""
    global _json_registered
    if not _json_registered:
        from psycopg2.extras import register_default_json, register_default_jsonb
        register_default_json(globally=True, loads=json_column_value)
        register_default_jsonb(globally=True, loads=json_column_value)
        _json_registered = True


# SQLite's own busy wait is a C sleep that holds the eventlet hub: keep each one short and do
# the waiting in Python, where it yields (see _begin_immediate).
SQLITE_BUSY_MS = 50
SQLITE_LOCK_WAIT = 30.0  # seconds a transaction waits for another process's write lock


def _sqlite_engine(url, **kwargs):
    """One connection per process, handed out by a pool whose waits are green.

    Every transaction starts with BEGIN IMMEDIATE (the write lock up front: no lock-upgrade
    deadlocks). Under eventlet, a second connection of the same process waiting in SQLite's busy
    handler would freeze every greenlet, the lock holder included, for up to the busy timeout:
    with one connection, a greenlet that wants the database waits in the pool (a green wait)
    until the holder is done. Other processes on the same file (a migration, a test reading
    rows) are waited for by short busy timeouts and green sleeps, never by a long C call."""
    kwargs.setdefault("poolclass", QueuePool)
    kwargs.setdefault("pool_size", 1)
    kwargs.setdefault("max_overflow", 0)
    kwargs.setdefault("pool_timeout", SQLITE_LOCK_WAIT)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_MS / 1000,
                                              "check_same_thread": False}, **kwargs)

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        _retry_locked(lambda: cur.execute("PRAGMA journal_mode=WAL"))
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin_immediate(conn):
        _retry_locked(lambda: conn.exec_driver_sql("BEGIN IMMEDIATE"))

    return engine


def _retry_locked(statement):
    """Run ``statement`` until another process's lock is gone, sleeping between tries (a green
    sleep under eventlet's monkey patching, so the other greenlets go on)."""
    deadline = time.monotonic() + SQLITE_LOCK_WAIT
    pause = 0.005
    while True:
        try:
            return statement()
        except (OperationalError, sqlite3.OperationalError) as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


# A pooled PostgreSQL connection idle longer than this is pinged before it is handed out.
IDLE_PING_SECONDS = 2.0


def _ping_when_idle(engine, idle=IDLE_PING_SECONDS):
    """Pessimistic disconnect handling for connections that sat in the pool: a database
    restart or a dropped connection is noticed at checkout, and the pool connects again.
    SQLAlchemy's pool_pre_ping does this on every checkout, a round trip on each transaction
    of a busy service; a connection checked in a moment ago has just proved alive."""
    @event.listens_for(engine, "checkin")
    def _stamp(_dbapi_conn, record):
        record.info["checked_in_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping(dbapi_conn, record, _proxy):
        last = record.info.get("checked_in_at")
        if last is None or time.monotonic() - last < idle:
            return  # just connected, or used a moment ago
        try:
            alive = engine.dialect.do_ping(dbapi_conn)
        except engine.dialect.loaded_dbapi.Error as exc:
            raise DisconnectionError(str(exc)) from exc
        if not alive:
            raise DisconnectionError("ping failed")
    return engine


def make_engine(url, pool_size=None, **kwargs):
    """``pool_size``: PostgreSQL connections kept (DB_POOL_SIZE; default 10), and
    ``max_overflow`` more opened under load (DB_MAX_OVERFLOW; default 20). SQLite keeps its
    one connection per process whatever they say (see _sqlite_engine)."""
    kwargs.setdefault("json_serializer", json_column_text)
    kwargs.setdefault("json_deserializer", json_column_value)
    if url.startswith("sqlite"):
        return _sqlite_engine(url, **kwargs)
    _patch_psycopg_for_eventlet()
    _psycopg_json_via_orjson()
    # kept connections: DB_POOL_SIZE (Database passes it). Past the pool, overflow connections
    # are opened under load and closed on return (a reconnect each time): a busy service is
    # best given a pool as large as its workers, if the server's max_connections allows.
    kwargs["pool_size"] = pool_size or 10
    if kwargs.get("max_overflow") is None:
        kwargs["max_overflow"] = 20
    engine = _autocommit_by_flag(create_engine(url, **kwargs))
    if kwargs.get("pool_pre_ping"):
        return engine
    return _ping_when_idle(engine)


def _autocommit_by_flag(engine):
    """AUTOCOMMIT (a read or the filing statement as its own transaction, which saves the
    BEGIN and COMMIT round trips) switched by psycopg2's client-side ``autocommit`` flag.
    SQLAlchemy switches it with ``set_isolation_level``, and back to the default level when
    the connection returns to the pool: psycopg2 then sends ``SET default_transaction_isolation``
    on that return and on every later switch, a round trip each (measured: 35-120 us, against
    1 us for the flag). A connection that never had a level of its own runs at the server's
    default, which is what the default level is; any other level goes the usual way."""
    dialect = engine.dialect
    usual = dialect.set_isolation_level

    def set_isolation_level(dbapi_connection, level):
        if dbapi_connection.isolation_level is None and level == "AUTOCOMMIT":
            dbapi_connection.autocommit = True
        elif (dbapi_connection.isolation_level is None
              and level == dialect.default_isolation_level):
            dbapi_connection.autocommit = False
        else:
            usual(dbapi_connection, level)

    dialect.set_isolation_level = set_isolation_level
    return engine


_RECORD_TYPES = {}  # a result's column names -> the named tuple type of its rows


def records(rows):
    """``rows`` (SQLAlchemy Rows of one result) as named tuples with the same fields. A Row
    finds a column by attribute only after the usual lookup failed (``__getattr__``): 0.7 us
    an attribute, against 0.03 us for a named tuple's, and a list page of 50 cases reads
    450 of them (0.3 ms of intake's CPU per page, measured). Index and unpack them as Rows."""
    if not rows:
        return []
    fields = rows[0]._fields
    kind = _RECORD_TYPES.get(fields)
    if kind is None:
        kind = _RECORD_TYPES[fields] = namedtuple("Record", fields)
    return [kind._make(row) for row in rows]


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
