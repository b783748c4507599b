"""Ledger benchmark: the Art. 35 statistics over 100,000 cases in PostgreSQL, each grouping
timed, the query plan shown.

Builds a throw-away database with N cases received over two years (every status, category,
channel; 40 units, 200 places; occurred 0-12 hours before; a third concluded, an open
committee clock on each undecided or accepted case, about a third of them past due), then
runs intake's very statement
(intake.ledger_queries.stats_statement) for each `by` over the whole two years, the worst
case, --runs times, then the hot spots (top 10 place x Shanghai hour of occurrence x category,
intake.ledger_patterns) and the trends (per category and month, against the year before),
and prints p50/p95 of each and EXPLAIN (ANALYZE) of the `month` and hot-spot queries
(--plans: of every one). Fails when a p95 is over the 500 ms budget.
It needs PostgreSQL only (no services, no broker).
Usage: .venv/bin/python bench/ledger_stats.py [--cases 100000] [--runs 9] [--plans]
"""
import argparse
import sys
import time
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text  # noqa: E402

import intake.migrate  # noqa: E402
from weiquan.config import TZ  # noqa: E402
from weiquan.contracts.codes import (CASE_STATUSES, CATEGORIES, CHANNELS,  # noqa: E402
                                     CONCLUSION_OUTCOMES, LEDGER_GROUPINGS)
from weiquan.kit.db import make_engine  # noqa: E402

from intake.ledger_patterns import hotspots_statement, trends_statement  # noqa: E402
from intake.ledger_queries import stats_statement  # noqa: E402
from bench.rows import record  # noqa: E402
from bench.stack import deferred, header, percentile, progress, run  # noqa: E402
from tests.support.infra import PgDatabases  # noqa: E402

NOW = datetime(2026, 1, 15, 10, 0, tzinfo=TZ)
FIRST, LAST = date(2024, 1, 1), date(2025, 12, 31)
BUDGET_MS = 500


def _array(values):
    return "ARRAY[" + ", ".join(f"'{v}'" for v in values) + "]"


FILL = f"""
INSERT INTO cases (case_no, year, seq, status, category, channel, applicant, officer,
                   officer_police_id, officer_unit, incident, place, anti_gang, received_at,
                   submitted_at, filed_by, version, decision, conclusion, occurred_at)
SELECT 'GX-WQ-B-' || lpad(g::text, 8, '0'), 2025, g,
       ({_array(CASE_STATUSES)})[1 + g % 7], ({_array(CATEGORIES)})[1 + (g / 7) % 10],
       ({_array(CHANNELS)})[1 + (g / 3) % 4], '{{}}'::json, '{{}}'::json, '1',
       '派出所' || lpad((g % 40)::text, 2, '0'),
       json_build_object('place', '地点' || (g % 200), 'description', repeat('事', 200),
                         'occurred_at', to_char(timestamp '2023-12-30 16:00'
                                                + (g % 17520 + g % 13) * interval '1 hour',
                                                'YYYY-MM-DD"T"HH24:MI:SS"+00:00"')),
       '地点' || (g % 200), false,
       timestamp '2023-12-31 16:00' + (g % 17520) * interval '1 hour',
       timestamp '2023-12-31 16:00' + (g % 17520) * interval '1 hour', 'officer', 0,
       CASE WHEN g % 7 > 0 THEN json_build_object('accept', g % 7 <> 2,
            'decided_at', '2024-06-01T10:00:00+08:00') END,
       CASE WHEN g % 7 IN (4, 5) OR (g % 7 = 6 AND g % 2 = 0)
            THEN json_build_object('findings', repeat('查', 100),
                                   'outcome', ({_array(CONCLUSION_OUTCOMES)})[1 + g % 4],
                                   'concluded_at', '2024-07-01T10:00:00+08:00') END,
       timestamp '2023-12-30 16:00' + (g % 17520 + g % 13) * interval '1 hour'
FROM generate_series(1, :n) g;
INSERT INTO clocks (case_no, kind, start_at, due_at, provisional, holder, statutory)
SELECT case_no, CASE WHEN status = 'submitted' THEN 'acceptance_decision'
                     ELSE 'written_reply' END,
       received_at, timestamp '2026-01-15 02:00' + ((seq % 90) - 30) * interval '1 day',
       false, 'committee_office', true
FROM cases WHERE status IN ('submitted', 'accepted');
ANALYZE cases; ANALYZE clocks;
"""


def fill(engine, cases):
    """Returns (cases, open clocks past due, seconds)."""
    t0 = time.perf_counter()
    with engine.begin() as conn:
        for statement in FILL.split(";"):
            if statement.strip():
                conn.execute(text(statement), {"n": cases})
        late = conn.execute(text("SELECT count(*) FROM clocks WHERE due_at < :now"),
                            {"now": NOW.replace(tzinfo=None)}).scalar_one()
    return cases, late, time.perf_counter() - t0


# name -> the statement intake runs: each grouping of the statistics, the hot spots and the
# trends (2025 month by month against 2024: every case counted once).
STATEMENTS = {
    **{by: (lambda by=by: stats_statement(by, FIRST, LAST, NOW, "postgresql"))
       for by in LEDGER_GROUPINGS},
    "hotspots": lambda: hotspots_statement(FIRST, LAST, 10, "postgresql"),
    "trends": lambda: trends_statement(date(2025, 1, 1), LAST, FIRST, "postgresql"),
}
PARTIAL = {"hotspots"}  # counts only its top combinations, not every case


def _compiled(engine, name):
    """The statement's SQL and its parameters as the driver receives them."""
    compiled = STATEMENTS[name]().compile(
        dialect=engine.dialect, compile_kwargs={"render_postcompile": True})
    params = {}
    for key, value in compiled.params.items():
        bind = compiled.binds.get(key)
        process = bind.type._cached_bind_processor(engine.dialect) if bind is not None else None
        params[key] = process(value) if process else value
    return compiled.string, params


def explain(engine, name):
    sql, params = _compiled(engine, name)
    with engine.connect() as conn:
        return [r[0] for r in conn.exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)]


def time_statement(engine, name, runs):
    """(milliseconds of each run, the rows and cases counted of the last)."""
    timings, result = [], None
    with engine.connect() as conn:
        conn.execute(STATEMENTS[name]()).all()  # warm
        for _ in range(runs):
            t0 = time.perf_counter()
            result = conn.execute(STATEMENTS[name]()).all()
            timings.append((time.perf_counter() - t0) * 1000)
    return timings, len(result), sum(r.total for r in result)


# The limit beside the ledger: the least any statistics over the range must do, a plain count
# of the range's cases on the received_at index.
PLAIN = "SELECT count(*) FROM cases WHERE received_at >= :first AND received_at < :last"


def time_plain(engine, runs):
    params = {"first": datetime(FIRST.year, FIRST.month, FIRST.day),
              "last": datetime(LAST.year + 1, 1, 1)}
    timings = []
    with engine.connect() as conn:
        conn.execute(text(PLAIN), params).scalar_one()  # warm
        for _ in range(runs):
            t0 = time.perf_counter()
            conn.execute(text(PLAIN), params).scalar_one()
            timings.append((time.perf_counter() - t0) * 1000)
    return timings


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--plans", action="store_true", help="print every grouping's plan")
    opts = parser.parse_args()
    pg = PgDatabases()
    try:
        with deferred():
            url = pg.create("ledgerbench")
        intake.migrate.migrate(url)
        engine = make_engine(url)
        try:
            progress(f"filling {opts.cases:,} cases ...")
            total, late, fill_s = fill(engine, opts.cases)
            results = {name: time_statement(engine, name, opts.runs) for name in STATEMENTS}
            plain = time_plain(engine, opts.runs)
            plans = {name: explain(engine, name)
                     for name in (STATEMENTS if opts.plans else ("month", "hotspots"))}
        finally:
            engine.dispose()
    finally:
        pg.drop_all()
    header(f"ledger stats: {total:,} cases (PostgreSQL), {opts.runs} runs per grouping, "
           f"{FIRST} to {LAST}")
    print(f"filled in {fill_s:.1f} s; open committee clocks past due: {late:,}")
    slow = []
    for by, (timings, groups, counted) in results.items():
        p50, p95 = percentile(timings, 50), percentile(timings, 95)
        print(f"by={by:<9} p50 {p50:.1f} ms  p95 {p95:.1f} ms  groups={groups} "
              f"cases={counted:,}", flush=True)
        if p95 > BUDGET_MS or (counted != total and by not in PARTIAL):
            slow.append(by)
    for by, plan in plans.items():
        print(f"\nplan of by={by}:")
        print("\n".join("  " + line for line in plan))
    plain_p50 = percentile(plain, 50)
    print(f"plain indexed count over the range: p50 {plain_p50:.1f} ms")
    record(f"ledger stats by month, {total:,} cases: p50", percentile(results["month"][0], 50),
           "ms", "plain indexed SELECT count(*) over the range: p50", plain_p50)
    if slow:
        print(f"over the {BUDGET_MS} ms budget or miscounted: {', '.join(slow)}")
        return 1
    print(f"every grouping within {BUDGET_MS} ms (p95)")
    return 0


if __name__ == "__main__":
    sys.exit(run(main))
