"""AUTOCOMMIT on PostgreSQL is psycopg2's client-side flag (kit/db.py _autocommit_by_flag):
a statement run so is its own transaction, the connection is back in transactions once it
returns to the pool, and neither switch sends a statement of its own to the server."""
import pytest
from sqlalchemy import text

from weiquan.kit.db import make_engine
from tests.support.infra import raw_pg

pytestmark = pytest.mark.integration


@pytest.fixture
def db(pg):
    url = pg.create("autocommit_flag")
    engine = make_engine(url, pool_size=1, max_overflow=0)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE marks (n integer)"))
    yield engine, url
    engine.dispose()


def last_statement(url, pid):
    with raw_pg(url) as admin, admin.cursor() as cur:
        cur.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", (pid,))
        return cur.fetchone()[0]


def marks(url):
    with raw_pg(url) as other, other.cursor() as cur:
        cur.execute("SELECT n FROM marks ORDER BY n")
        return [n for (n,) in cur.fetchall()]


def test_autocommit_and_back_without_a_statement_of_their_own(db):
    engine, url = db
    for n in (1, 2):  # the second pass: a connection that was switched once before
        with engine.connect() as conn:
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            pid = conn.execute(text("SELECT pg_backend_pid()")).scalar()
            conn.execute(text("INSERT INTO marks VALUES (:n)"), {"n": n})
            assert marks(url) == list(range(1, n + 1))  # committed on its own, no COMMIT
        # back in the pool: nothing was sent on the way (no SET default_transaction_isolation)
        assert last_statement(url, pid) == f"INSERT INTO marks VALUES ({n})"

    with engine.connect() as conn:  # the pool's connection runs in transactions again
        assert conn.execute(text("SELECT pg_backend_pid()")).scalar() == pid
        conn.execute(text("INSERT INTO marks VALUES (99)"))
        assert conn.execute(text("SHOW transaction_isolation")).scalar() == "read committed"
        conn.rollback()
    assert marks(url) == [1, 2]  # rolled back: it was a transaction


def test_another_level_still_takes_the_usual_way(db):
    engine, _ = db
    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
        assert conn.execute(text("SHOW transaction_isolation")).scalar() == "repeatable read"
    with engine.connect() as conn:
        assert conn.execute(text("SHOW transaction_isolation")).scalar() == "read committed"
    with engine.connect() as conn:  # and the flag works after a level was set and reset
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        conn.execute(text("INSERT INTO marks VALUES (7)"))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM marks")).scalar() == 1
