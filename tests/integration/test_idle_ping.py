"""PostgreSQL connections are pinged at checkout only after sitting idle in the pool
(kit/db.py): a connection the database dropped meanwhile is replaced without the caller
noticing, and a connection in steady use is not pinged before every transaction."""
import pytest
from sqlalchemy import create_engine, text

from weiquan.kit.db import _ping_when_idle, make_engine
from tests.support.infra import raw_pg

pytestmark = pytest.mark.integration


def backend_pid(engine):
    with engine.connect() as conn:
        return conn.execute(text("SELECT pg_backend_pid()")).scalar()


def test_a_connection_dropped_while_idle_is_replaced_at_checkout(pg):
    url = pg.create("idle_ping")
    engine = _ping_when_idle(create_engine(url, pool_size=1, max_overflow=0), idle=0)
    try:
        first = backend_pid(engine)
        with raw_pg(url) as admin, admin.cursor() as cur:
            cur.execute("SELECT pg_terminate_backend(%s)", (first,))
        second = backend_pid(engine)   # no error: the ping found it dead, the pool reconnected
        assert second != first
    finally:
        engine.dispose()


def count_pings(monkeypatch, engine):
    pings = []
    real = engine.dialect.do_ping
    monkeypatch.setattr(engine.dialect, "do_ping", lambda conn: pings.append(1) or real(conn))
    return pings


def test_a_connection_in_steady_use_is_not_pinged(pg, monkeypatch):
    engine = make_engine(pg.create("busy_ping"), pool_size=1, max_overflow=0)
    pings = count_pings(monkeypatch, engine)
    try:
        for _ in range(5):
            backend_pid(engine)
        assert pings == []
    finally:
        engine.dispose()


def test_an_idle_connection_is_pinged_each_time_it_is_checked_out(pg, monkeypatch):
    engine = _ping_when_idle(create_engine(pg.create("idle_pings"), pool_size=1,
                                           max_overflow=0), idle=0)
    pings = count_pings(monkeypatch, engine)
    try:
        for _ in range(5):
            backend_pid(engine)
        assert len(pings) == 4   # every checkout but the first (a fresh connection)
    finally:
        engine.dispose()
