"""Sweep benchmark: 1,000,000 open clocks in PostgreSQL, one sweep timed, query plans shown.

Builds a throw-away database with 500,000 cases x 2 open clocks (due dates spread over four
months; 1 in 1,000 overdue), then times the first sweep (records the overdue ones and sends the
day's reminder digests) and a second, idle sweep, and prints EXPLAIN for the sweep's queries so
one can see they walk partial indexes (ix_clocks_unrecorded_miss, ix_clocks_open_due) instead of
scanning the table (--plans prints the plans in full; a plan that scans clocks fails the run).
100,000 of the clocks are misses already on record, as after months of use: the miss query must
not walk them again on every sweep. It needs PostgreSQL only (no services, no broker).
Usage: .venv/bin/python bench/sweep_clocks.py [--cases 500000] [--plans]
"""
import argparse
import re
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text  # noqa: E402

import intake.migrate  # noqa: E402
from weiquan.calendar import default_calendar  # noqa: E402
from weiquan.config import TZ  # noqa: E402
from weiquan.kit.db import make_engine, make_session_factory  # noqa: E402

from intake.domain.clock_rules import next_working_day_window  # noqa: E402
from intake.models import outbox  # noqa: E402
from intake.sweeps import Sweeper  # noqa: E402
from bench.rows import record  # noqa: E402
from bench.stack import deferred, header, progress, run  # noqa: E402
from tests.support.infra import PgDatabases  # noqa: E402

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=TZ)   # a Tuesday, in working hours

FILL = """
INSERT INTO cases (case_no, year, seq, status, category, channel, applicant, officer,
                   officer_police_id, officer_unit, incident, anti_gang, received_at,
                   submitted_at, filed_by, version)
SELECT 'GX-WQ-2026-' || lpad(g::text, 7, '0'), 2026, g, 'accepted', 'other', 'app',
       '{}'::json, '{}'::json, '1', 'u', '{}'::json, g % 50 = 0, now(), now(), 'officer', 0
FROM generate_series(1, :n) g;
INSERT INTO clocks (case_no, kind, start_at, due_at, provisional, holder, statutory)
SELECT c.case_no, k.kind, now(),
       CASE WHEN c.seq % 1000 = 0 THEN timestamp '2026-11-20 15:59:59'
            ELSE timestamp '2026-12-01 15:59:59' + (c.seq % 120) * interval '1 day' END,
       false, 'handler' || ((c.seq / 120) % 40), true
FROM cases c CROSS JOIN (VALUES ('acceptance_decision'), ('written_reply')) AS k(kind);
ANALYZE cases; ANALYZE clocks;
"""

MISSED_PLAN = """
EXPLAIN SELECT clocks.id FROM clocks JOIN cases ON cases.case_no = clocks.case_no
WHERE clocks.satisfied_at IS NULL AND clocks.holder IS NOT NULL AND clocks.missed_at IS NULL
  AND clocks.due_at <= :now ORDER BY clocks.due_at LIMIT 500 FOR UPDATE OF clocks SKIP LOCKED
"""
REMIND_PLAN = """
EXPLAIN SELECT DISTINCT clocks.holder FROM clocks
WHERE clocks.satisfied_at IS NULL AND clocks.holder IS NOT NULL AND clocks.reminded_on IS NULL
  AND clocks.due_at >= :start AND clocks.due_at <= :end
"""


# The limit beside the sweep: a plain indexed SELECT of the clocks the first sweep acts on
# (open, past due, not yet on record) and of those due on the next working day.
PLAIN = """
SELECT id FROM clocks WHERE satisfied_at IS NULL AND holder IS NOT NULL AND missed_at IS NULL
  AND due_at <= :now;
SELECT DISTINCT holder FROM clocks WHERE satisfied_at IS NULL AND holder IS NOT NULL
  AND reminded_on IS NULL AND due_at >= :start AND due_at <= :end
"""


def time_plain(engine, calendar):
    _, start, end = next_working_day_window(NOW, calendar)
    with engine.connect() as conn:
        t0 = time.perf_counter()
        for statement in PLAIN.split(";"):
            conn.execute(text(statement), {"now": NOW, "start": start, "end": end}).all()
        return time.perf_counter() - t0


def indexes(plan):
    return sorted(set(re.findall(r"Index (?:Only )?Scan (?:using|on) (\w+)", "\n".join(plan))))


def fill(engine, cases):
    """Returns (open clocks, misses already on record, seconds)."""
    t0 = time.perf_counter()
    with engine.begin() as conn:
        for statement in FILL.split(";"):
            if statement.strip():
                conn.execute(text(statement), {"n": cases})
        total = conn.execute(text("SELECT count(*) FROM clocks WHERE satisfied_at IS NULL")
                             ).scalar_one()
    with engine.begin() as conn:  # a backlog of misses already on record, as after months
        backlog = conn.execute(text(
            "UPDATE clocks SET due_at = timestamp '2026-10-01 15:59:59', missed_at = now() "
            "FROM cases WHERE cases.case_no = clocks.case_no AND cases.seq % 10 = 5")).rowcount
        conn.execute(text("ANALYZE clocks"))
    return total, backlog, time.perf_counter() - t0


def plans(engine, calendar):
    """{title: plan lines} of the sweep's two queries."""
    _, start, end = next_working_day_window(NOW, calendar)
    with engine.connect() as conn:
        return {title: [r[0] for r in conn.execute(text(sql), params)]
                for title, sql, params in (("missed-deadline query", MISSED_PLAN, {"now": NOW}),
                                           ("reminder query", REMIND_PLAN,
                                            {"start": start, "end": end}))}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=500_000)
    parser.add_argument("--plans", action="store_true", help="print the query plans in full")
    opts = parser.parse_args()
    pg = PgDatabases()
    try:
        with deferred():
            url = pg.create("sweepbench")
        intake.migrate.migrate(url)
        engine = make_engine(url)
        try:
            progress(f"filling {opts.cases:,} cases x 2 open clocks ...")
            total, backlog, fill_s = fill(engine, opts.cases)
            calendar = default_calendar()
            found = plans(engine, calendar)
            time_plain(engine, calendar)  # warm, as the sweep's own plan query warmed it
            plain_s = time_plain(engine, calendar)
            sweeper = Sweeper(make_session_factory(engine), outbox)
            sweeps = []
            for label in ("first sweep (acts)", "second sweep (idle)"):
                t0 = time.perf_counter()
                result = sweeper.sweep(NOW, calendar)
                sweeps.append((label, time.perf_counter() - t0, result))
        finally:
            engine.dispose()
    finally:
        pg.drop_all()
    scans = [title for title, plan in found.items()
             if any("Seq Scan on clocks" in line for line in plan)]
    if opts.plans:
        for title, plan in found.items():
            print(f"\nplan of the {title}:")
            print("\n".join("  " + line for line in plan))
    header(f"sweep: {total:,} open clocks (PostgreSQL, {opts.cases:,} cases)")
    print(f"open clocks: {total:,} (filled in {fill_s:.1f} s), of which {backlog:,} are misses "
          "already on record (past due, still open)")
    for title, plan in found.items():
        print(f"{title}: indexes {', '.join(indexes(plan)) or 'none'}"
              f"{'; SEQ SCAN ON CLOCKS' if title in scans else ''}")
    for label, seconds, result in sweeps:
        print(f"{label}: {seconds:.3f} s  missed={result.missed} "
              f"digests={result.digests} reminded={result.reminded}", flush=True)
    print(f"plain indexed SELECT of the same clocks: {plain_s:.3f} s")
    record(f"clock sweep over {total:,} clocks: first sweep", sweeps[0][1] * 1000, "ms",
           "plain indexed SELECT of the clocks it acts on", plain_s * 1000)
    if scans:
        print(f"table scan in the {' and the '.join(scans)}: a sweep would walk every clock")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(run(main))
