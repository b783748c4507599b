"""Page benchmark: every GET page of the portal, as each role that has pages, over 10,000
cases in PostgreSQL, timed by the server (the frame's Server-Timing header) and the client.

Starts the whole system (bench.stack), fills intake with N cases the way
bench/ledger_stats.py does (its very statement, then the rows completed so the case pages
load them: named officers and applicants, full decision and conclusion records, a hundred of
them filed by the demo officer), adds one real object behind every path parameter
(tests.support.known: a case with evidence, an incident, a takedown ...), logs in through
the portal's login form as each role, and requests every GET page of the page table
(gateway.pages.table.PAGES, whatever the other areas have added) the role may open, --runs
times each. Prints p50/p95/max of the server time and p50/p95 of the client's, PASS/FAIL
against the --budget (p95, default 200 ms), then EXPLAIN ANALYZE of intake's case-list
queries behind the home page (the committee's intake queue and an officer's own cases).
Exits 1 when a page fails. Skipped: /static, /login, live streams (/stream), and a page
whose path parameter has no known value or that does not answer 200 (said why). The timed
requests share --seconds (at least --least runs each), so a longer page table does not make
a longer run; the table says how many runs each row had.
Usage: .venv/bin/python bench/pages.py [--cases 10000] [--runs 50] [--budget 200]
                                       [--seconds 60] [--least 15]
"""
import argparse
import re
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import requests  # noqa: E402
from sqlalchemy import event, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from weiquan.kit.db import make_engine  # noqa: E402

from bench.ledger_stats import FIRST, LAST, fill  # noqa: E402
from bench.rows import record  # noqa: E402
from bench.stack import header, percentile, progress, run, whole_system  # noqa: E402
from gateway.pages.table import PAGES  # noqa: E402
from intake.domain.access import ListScope  # noqa: E402
from intake.repository import CaseRepository  # noqa: E402
from tests.support.known import known_objects  # noqa: E402

ROLES = ("officer", "committee_office", "committee_director", "command_center",
         "cyber_brigade")
TIMING = re.compile(r"\bapp;dur=([0-9.]+)")
# Query strings for pages that need one: the ledger over the whole seeded range by place
# (the most groups), its downloads for one month (a monthly report, about 400 cases).
QUERIES = {
    "ledger_page": {"from": FIRST.isoformat(), "to": LAST.isoformat(), "by": "place"},
    "ledger_cases_csv_page": {"from": "2025-06-01", "to": "2025-06-30"},
    "ledger_cases_xlsx_page": {"from": "2025-06-01", "to": "2025-06-30"},
}

# The filled rows, completed into cases intake loads: the officer and applicant objects, the
# records' fields the fill leaves out, and an owner (the demo officer files every 100th).
COMPLETE = """
UPDATE cases SET
  applicant = json_build_object('type', 'officer', 'name', '民警' || seq),
  officer = json_build_object('name', '民警' || seq, 'police_id', lpad(seq::text, 9, '9'),
                              'unit', officer_unit, 'personnel_type', 'regular'),
  officer_police_id = lpad(seq::text, 9, '9'),
  filed_by = CASE WHEN seq % 100 = 0 THEN 'officer' ELSE 'bench-' || (seq % 997) END,
  decision = CASE WHEN decision IS NOT NULL THEN json_build_object(
      'accept', (decision->>'accept')::boolean,
      'reason', CASE WHEN (decision->>'accept')::boolean THEN NULL ELSE '不属于受理范围' END,
      'decided_at', decision->>'decided_at', 'decided_by', 'committee_office',
      'recorded_at', decision->>'decided_at') END,
  conclusion = CASE WHEN conclusion IS NOT NULL THEN json_build_object(
      'findings', conclusion->>'findings', 'outcome', conclusion->>'outcome',
      'concluded_at', conclusion->>'concluded_at', 'by', 'committee_office') END
WHERE case_no LIKE 'GX-WQ-B-%'
"""


def seed(system, cases):
    engine = make_engine(system.intake_db)
    try:
        total, late, seconds = fill(engine, cases)
        with engine.begin() as conn:
            conn.execute(text(COMPLETE))
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE cases"))  # the update's dead rows gone
    finally:
        engine.dispose()
    return total, late, seconds


def portal_login(base_url, username):
    """A browser's session: the login form's CSRF token, then the form posted."""
    browser = requests.Session()
    page = browser.get(base_url + "/login", timeout=30)
    token = re.search(r'name="csrf" value="([^"]*)"', page.text).group(1)
    r = browser.post(base_url + "/login", data={"username": username, "password": "demo",
                                                "csrf": token},
                     allow_redirects=False, timeout=30)
    if r.status_code != 303:
        raise RuntimeError(f"portal login as {username}: {r.status_code}")
    return browser


def targets(role, known):
    """(page, url or None, why skipped) for every GET page the role may open."""
    found = []
    for page in PAGES:
        if page.method != "GET" or not page.allows({"roles": [role]}):
            continue
        if page.path.startswith(("/static/", "/login")) or page.path.endswith("/stream"):
            continue
        missing = [p for p in page.path_params if p not in known]
        if missing:
            found.append((page, None, f"no value for path parameter {', '.join(missing)}"))
            continue
        path = page.path
        for name in page.path_params:
            path = path.replace("{" + name + "}", str(known[name]))
        query = QUERIES.get(page.name)
        found.append((page, (path, query), None))
    return found


def measure(browser, base_url, target, runs, share, least):
    """(server ms, client ms) of each run, or raises with the status of a refusal. Stops
    after ``runs``, or once ``share`` seconds are spent and ``least`` runs are done."""
    path, query = target
    r = browser.get(base_url + path, params=query, allow_redirects=False, timeout=60)  # warm
    if r.status_code != 200:
        raise LookupError(r.status_code)
    server, client = [], []
    stop = time.monotonic() + share
    while len(server) < runs and (len(server) < least or time.monotonic() < stop):
        t0 = time.perf_counter()
        r = browser.get(base_url + path, params=query, allow_redirects=False, timeout=60)
        client.append((time.perf_counter() - t0) * 1000)
        found = TIMING.search(r.headers.get("Server-Timing", ""))
        if r.status_code != 200 or not found:
            raise LookupError(r.status_code if r.status_code != 200 else "no Server-Timing")
        server.append(float(found.group(1)))
    return server, client


def time_one(browser, base_url, page, role, target, opts, share):
    """One row of the table, or (None, why it was skipped)."""
    label = f"{page.method} {page.path}"
    try:
        server, client = measure(browser, base_url, target, opts.runs, share,
                                 min(opts.runs, opts.least))
    except LookupError as exc:
        status = exc.args[0]
        if isinstance(status, int) and status < 500:
            return None, f"answered {status}"
        return (label, role, 0, None, None, None, None, None, f"FAIL ({status})"), None
    p95 = percentile(server, 95)
    verdict = "PASS" if p95 <= opts.budget else "FAIL"
    progress(f"{label} as {role}: {len(server)} runs, p95 {p95:.1f} ms {verdict}")
    return (label, role, len(server), percentile(server, 50), p95, max(server),
            percentile(client, 50), percentile(client, 95), verdict), None


def bench_pages(system, known, opts):
    """Rows of the table and the skipped lines. Each page and role gets an equal share of
    what is left of --seconds: the page table grows, the run must not (beyond --least runs
    of each)."""
    rows, skipped, browsers = [], [], {}
    plan = [(role, found) for role in ROLES for found in targets(role, known)]
    left = sum(1 for _role, (_p, target, _w) in plan if target)
    deadline = time.monotonic() + opts.seconds
    for role, (page, target, why) in plan:
        if target is not None:
            if role not in browsers:
                browsers[role] = portal_login(system.base_url, role)
            share = max(0.0, deadline - time.monotonic()) / left  # a slow page's overrun
            left -= 1                                             # is the others' loss
            row, why = time_one(browsers[role], system.base_url, page, role, target, opts,
                                share)
            if row:
                rows.append(row)
        if why:
            skipped.append(f"{page.method} {page.path} as {role}: {why}")
    return rows, skipped


def print_table(rows, budget):
    width = max([len(r[0]) for r in rows] + [10])
    print(f"{'page':<{width}}  {'role':<18}  {'runs':>4}  {'p50':>7}  {'p95':>7}  {'max':>7}"
          f"  {'client p50':>10}  {'client p95':>10}  p95<={budget:g}ms")
    for label, role, runs, *numbers, verdict in rows:
        shown = ["-" if n is None else f"{n:.1f}" for n in numbers]
        print(f"{label:<{width}}  {role:<18}  {runs:>4}  {shown[0]:>7}  {shown[1]:>7}  "
              f"{shown[2]:>7}  {shown[3]:>10}  {shown[4]:>10}  {verdict}")


def list_plans(system):
    """EXPLAIN ANALYZE of the statements intake runs for the home page's case list (its own
    repository code, captured as the driver receives them), and what loading the listed
    cases then costs (get_many, as list_cases does): {list: (cases, statements, ms)}."""
    engine = make_engine(system.intake_db)
    captured = []
    event.listen(engine, "before_cursor_execute",
                 lambda conn, cursor, statement, params, context, many:
                 captured.append((statement, params)))
    now = datetime.now(timezone.utc)
    lists = {"committee queue (status=submitted, 100 a page)": (None, {"status": "submitted"}),
             "officer's own cases (100 a page)": (
                 ListScope("officer", "360721001", None, False), {})}
    plans, loads = {}, {}
    try:
        for name, (scope, filters) in lists.items():
            captured.clear()
            with Session(engine) as session:
                repo = CaseRepository(session)
                _total, numbers = repo.search(scope, now=now, limit=100, **filters)
                statements = list(captured)
                t0 = time.perf_counter()
                repo.get_many(numbers)  # what list_cases does next
                loads[name] = (len(numbers), len(captured) - len(statements),
                               (time.perf_counter() - t0) * 1000)
            with engine.connect() as conn:
                plans[name] = [(sql, [r[0] for r in conn.exec_driver_sql(
                    "EXPLAIN (ANALYZE, BUFFERS) " + sql, params)]) for sql, params in statements]
    finally:
        engine.dispose()
    return plans, loads


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--budget", type=float, default=200.0, help="p95 limit, ms")
    parser.add_argument("--seconds", type=float, default=60.0,
                        help="time for all the timed requests together (shared equally)")
    parser.add_argument("--least", type=int, default=15,
                        help="runs per page and role even when its share is spent")
    opts = parser.parse_args()
    with whole_system("pages") as system:
        progress(f"filling {opts.cases:,} cases ...")
        total, late, fill_s = seed(system, opts.cases)
        known = known_objects(system)
        started = time.monotonic()
        rows, skipped = bench_pages(system, known, opts)
        took = time.monotonic() - started
        plans, loads = list_plans(system)
    header(f"pages: {total:,} cases (PostgreSQL), up to {opts.runs} runs per page and role")
    print(f"filled in {fill_s:.1f} s; open committee clocks past due: {late:,}; "
          f"{len(rows)} page/role pairs timed in {took:.0f} s; times in ms")
    print_table(rows, opts.budget)
    for line in skipped:
        print(f"skipped {line}")
    for name, statements in plans.items():
        for sql, plan in statements:
            print(f"\nplan of the case list, {name}:\n  " + " ".join(sql.split()))
            print("\n".join("  " + line for line in plan))
    for name, (cases, statements, ms) in loads.items():
        print(f"then loading the listed cases, {name}: {cases} cases, {statements} statements, "
              f"{ms:.0f} ms (repository only, without the views)")
    timed = [r for r in rows if r[4] is not None]
    if timed:
        worst = max(timed, key=lambda r: r[4])
        record(f"slowest portal page ({worst[0]} as {worst[1]}), {total:,} cases: server p95",
               worst[4], "ms", "budget", opts.budget, "<= 1")
    failed = sorted({f"{r[0]} as {r[1]}" for r in rows if r[-1] != "PASS"})
    if failed:
        print(f"over the {opts.budget:g} ms budget (p95) or failing: "
              f"{', '.join(failed)}")
        return 1
    print(f"every page within {opts.budget:g} ms (p95)")
    return 0


if __name__ == "__main__":
    sys.exit(run(main))
