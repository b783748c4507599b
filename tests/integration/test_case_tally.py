"""The case tally (migration 0008) on SQLite and PostgreSQL: how many cases are in each status
always equals counting them, whoever wrote the cases (the repository, plain SQL, a bulk load,
concurrent transactions, a rollback), and the case list's total is read off it."""
import threading
from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select, text

import intake.migrate
from intake.models import case_tally, cases
from intake.repository import CaseRepository
from weiquan.kit import migrations
from weiquan.kit.db import make_engine, make_session_factory

pytestmark = pytest.mark.integration

INSERT = text(
    "INSERT INTO cases (case_no, year, seq, status, category, channel, applicant, officer, "
    "officer_police_id, officer_unit, incident, place, anti_gang, received_at, submitted_at, "
    "filed_by, version) VALUES (:no, 2026, :seq, :status, 'other', 'app', '{}', '{}', '1', "
    "'u', '{}', 'p', false, '2026-03-02 02:00:00', :at, 'x', 0)")
NOW = datetime(2026, 3, 3, 2, 0, tzinfo=timezone.utc)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tally.db'}"
    return request.getfixturevalue("pg").create("tally")


def add(conn, seq, status="submitted"):
    conn.execute(INSERT, {"no": f"C{seq:06d}", "seq": seq, "status": status,
                          "at": f"2026-03-02 02:{seq // 60 % 60:02d}:{seq % 60:02d}"})


def tally(engine):
    with engine.connect() as conn:
        return {s: n for s, n in conn.execute(select(case_tally.c.status, func.sum(case_tally.c.n))
                                              .group_by(case_tally.c.status)) if n}


def counted(engine):
    with engine.connect() as conn:
        return dict(conn.execute(select(cases.c.status, func.count()).group_by(cases.c.status))
                    .all())


def test_cases_filed_before_the_migration_are_tallied(url):
    migrations.upgrade(url, intake.migrate.MIGRATIONS, revision="0007")
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            for seq in range(1, 8):
                add(conn, seq, ("submitted", "accepted", "refused")[seq % 3])
        migrations.upgrade(url, intake.migrate.MIGRATIONS)
        assert tally(engine) == counted(engine) == {"submitted": 2, "accepted": 3, "refused": 2}
    finally:
        engine.dispose()


def test_every_write_keeps_the_tally_equal_to_the_count(url):
    intake.migrate.migrate(url)
    engine = make_engine(url)
    try:
        with engine.begin() as conn:   # one by one, then a status change, then a delete
            for seq in range(1, 6):
                add(conn, seq)
            conn.execute(text("UPDATE cases SET status = 'accepted' WHERE seq IN (1, 2)"))
            conn.execute(text("UPDATE cases SET version = 1 WHERE seq = 3"))  # no move
            conn.execute(text("DELETE FROM cases WHERE seq = 5"))
        assert tally(engine) == counted(engine) == {"submitted": 2, "accepted": 2}
        with engine.connect() as conn:  # a rolled-back write leaves no trace in the tally
            with conn.begin() as tx:
                add(conn, 99, "concluded")
                conn.execute(text("UPDATE cases SET status = 'refused'"))
                tx.rollback()
        assert tally(engine) == counted(engine)
        with engine.begin() as conn:   # a bulk statement: many rows, several statuses
            conn.execute(text("UPDATE cases SET status = CASE WHEN seq % 2 = 0 THEN 'refused' "
                              "ELSE 'concluded' END"))
        assert tally(engine) == counted(engine) == {"refused": 2, "concluded": 2}
    finally:
        engine.dispose()


def test_the_list_total_is_the_tally_and_matches_a_count(url):
    intake.migrate.migrate(url)
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            for seq in range(1, 31):
                add(conn, seq, ("submitted", "accepted", "concluded")[seq % 3])
        with make_session_factory(engine)() as session:
            repo = CaseRepository(session)
            total, numbers = repo.search(None, now=NOW, limit=5)
            assert total == 30 and len(numbers) == 5
            assert repo.search(None, status="accepted", now=NOW, limit=50)[0] == 10
            assert repo.search(None, status="appealed", now=NOW, limit=50) == (0, [])
            # other filters still count the matching cases
            assert repo.search(None, category="other", status="concluded", now=NOW)[0] == 10
            # newest first, read off the list index
            assert numbers == [f"C{seq:06d}" for seq in range(30, 25, -1)]
    finally:
        engine.dispose()


def test_concurrent_writers_keep_the_tally_exact(pg):
    """Twelve threads insert and move cases at once on PostgreSQL (the tally rows are
    contended; statement triggers lock them in status order): no deadlock, no lost count."""
    url = pg.create("tally_race")
    intake.migrate.migrate(url)
    engine = make_engine(url)
    errors, barrier = [], threading.Barrier(12)

    def worker(k):
        try:
            barrier.wait()
            for i in range(15):
                seq = k * 100 + i + 1
                with engine.begin() as conn:
                    add(conn, seq)
                with engine.begin() as conn:
                    new = ("accepted", "refused", "concluded")[(k + i) % 3]
                    conn.execute(text("UPDATE cases SET status = :s WHERE seq = :q"),
                                 {"s": new, "q": seq})
        except Exception as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(12)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert errors == []
        assert tally(engine) == counted(engine)
        assert sum(tally(engine).values()) == 12 * 15
    finally:
        engine.dispose()


def test_writers_on_other_shards_do_not_wait_for_each_other(pg):
    """Migration 0009: a transaction that moved a case holds its shard's tally rows until it
    commits; another connection, on another shard, moves a case meanwhile without waiting
    (its lock_timeout would fail it), and the sum over the shards is the count."""
    url = pg.create("tally_shards")
    intake.migrate.migrate(url)
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            for seq in (1, 2):
                add(conn, seq)
        first = engine.connect()
        shard = first.execute(text("SELECT pg_backend_pid() % 16")).scalar_one()
        first.commit()
        others = []
        while True:  # a connection on another shard (pids differ; 16 shards)
            other = engine.connect()
            others.append(other)
            if other.execute(text("SELECT pg_backend_pid() % 16")).scalar_one() != shard:
                other.commit()
                break
        try:
            with first.begin():
                first.execute(text("UPDATE cases SET status = 'accepted' WHERE seq = 1"))
                with other.begin():
                    other.execute(text("SET LOCAL lock_timeout = '2s'"))
                    other.execute(text("UPDATE cases SET status = 'accepted' WHERE seq = 2"))
        finally:
            for conn in (first, *others):
                conn.close()
        assert tally(engine) == counted(engine) == {"accepted": 2}
        with engine.connect() as conn:
            rows = conn.execute(select(case_tally.c.shard).where(
                case_tally.c.status == "accepted", case_tally.c.n != 0)).scalars().all()
        assert len(rows) == 2  # each writer added to its own shard's row
    finally:
        engine.dispose()
