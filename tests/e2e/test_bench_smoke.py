"""The benchmarks still start, run and print their figures. `make bench` (bench/all.py) runs
once at tiny sizes, each benchmark a process of its own as in the full run; the submission
benchmark (`make bench-submit`) runs alone. The figures are not judged here, only that each
block and each row of the table is printed with positive figures."""
import os
import re
import signal
import subprocess
import sys

import pytest

from weiquan.config import REPO_ROOT

NUMBER = r"([0-9][0-9,]*(?:\.[0-9]+)?)"
ALL_TINY_TIMEOUT = 900  # seven benchmarks, five of them on a whole system of their own
# the first test that reads the tiny run waits for all of it (run_bench bounds it)
pytestmark = [pytest.mark.e2e, pytest.mark.stack, pytest.mark.timeout(ALL_TINY_TIMEOUT + 120)]


def run_bench(script, *args, timeout):
    """The script's stdout (its block of figures) once it exited 0 within ``timeout`` s."""
    proc = subprocess.Popen([sys.executable, "-W", "ignore", f"bench/{script}", *args],
                            cwd=REPO_ROOT, env=dict(os.environ), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGTERM)  # the benchmark cleans up as on Ctrl-C
        try:
            out, err = proc.communicate(timeout=40)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
        pytest.fail(f"{script} did not finish within {timeout} s\n{out}\n{err[-3000:]}")
    assert proc.returncode == 0, f"{script} exited {proc.returncode}\n{out}\n{err[-3000:]}"
    return out


@pytest.fixture(scope="module")
def tiny():
    """stdout of `bench/all.py --tiny`: every benchmark's block, then the table."""
    return run_bench("all.py", "--tiny", timeout=ALL_TINY_TIMEOUT)


def figures(out, pattern):
    """The numbers the one line matching ``pattern`` prints (NUMBER groups)."""
    found = re.search(pattern, out)
    assert found, f"no line matching {pattern!r} in:\n{out}"
    return [float(g.replace(",", "")) for g in found.groups()]


def test_submission_benchmark_prints_throughput_and_percentiles():
    out = run_bench("submit_load.py", "--clients", "2", "--requests", "20", timeout=150)
    assert "== submissions: 20 by 2 concurrent clients" in out
    assert figures(out, rf"errors: {NUMBER}  events missing: {NUMBER}") == [0, 0]
    (throughput,) = figures(out, rf"throughput: {NUMBER} applications/s")
    http = figures(out, rf"HTTP latency +p50 {NUMBER} ms +p99 {NUMBER} ms")
    e2e = figures(out, rf"end-to-end +p50 {NUMBER} ms +p99 {NUMBER} ms +mean {NUMBER} ms")
    assert throughput > 0 and all(v > 0 for v in http + e2e)
    assert http[0] <= http[1] and e2e[0] <= e2e[1]


def test_sweep_benchmark_prints_both_sweeps(tiny):
    out = tiny
    clocks, fill_s, backlog = figures(
        out, rf"open clocks: {NUMBER} \(filled in {NUMBER} s\), of which {NUMBER} are misses")
    assert clocks == 2000 and backlog > 0 and fill_s >= 0
    first = figures(out, rf"first sweep \(acts\): {NUMBER} s  missed={NUMBER} "
                         rf"digests={NUMBER} reminded={NUMBER}")
    idle = figures(out, rf"second sweep \(idle\): {NUMBER} s  missed={NUMBER}")
    assert all(v > 0 for v in first), out
    assert idle[0] > 0 and idle[1] == 0
    assert re.search(r"missed-deadline query: indexes .*ix_clocks_unrecorded_miss", out), out
    assert re.search(r"reminder query: indexes .*ix_clocks_open_due", out), out


def test_ledger_benchmark_prints_every_grouping_and_the_plan(tiny):
    out = tiny
    assert "== ledger stats: 2,000 cases (PostgreSQL), 3 runs per grouping" in out
    for by in ("category", "month", "unit", "channel", "outcome", "place"):
        p50, p95, groups, counted = figures(
            out, rf"by={by} +p50 {NUMBER} ms  p95 {NUMBER} ms  groups={NUMBER} cases={NUMBER}")
        assert 0 < p50 <= p95 and groups > 0 and counted == 2000
    assert re.search(r"plan of by=month:\n.*Group", out), out
    assert "every grouping within 500 ms (p95)" in out


def test_upload_benchmark_prints_both_throughputs_and_memory(tiny):
    out = tiny
    assert "== upload: 2 MiB" in out
    assert re.search(r"gateway answer sha256 [0-9a-f]{64} \(equal\)", out), out
    gateway = figures(out, rf"through the gateway : +{NUMBER} s +{NUMBER} MiB/s")
    direct = figures(out, rf"direct MinIO SDK +: +{NUMBER} s +{NUMBER} MiB/s")
    (ratio,) = figures(out, rf"ratio gateway/direct throughput: {NUMBER}")
    assert all(v > 0 for v in gateway + direct) and ratio > 0
    for service in ("gateway", "evidence"):
        rss = figures(out, rf"{service} +RSS +{NUMBER} -> +{NUMBER} MiB, peak \(VmHWM\) "
                           rf"+{NUMBER} -> +{NUMBER} MiB")
        assert all(v > 0 for v in rss)


def test_pages_benchmark_prints_every_role_and_the_list_plan(tiny):
    out = tiny
    assert "== pages: 300 cases (PostgreSQL), up to 3 runs per page and role" in out
    for role in ("officer", "committee_office", "committee_director", "command_center",
                 "cyber_brigade"):
        runs, p50, p95, top, client50, client95 = figures(
            out, rf"GET / +{role} +{NUMBER} +{NUMBER} +{NUMBER} +{NUMBER} +{NUMBER} +"
                 rf"{NUMBER} +PASS")
        assert 1 <= runs <= 3 and 0 < p50 <= p95 <= top and 0 < client50 <= client95
    assert re.search(r"GET /ledger +committee_office .* PASS", out), out
    assert re.search(r"plan of the case list, committee queue .*\n.*\n.*(Limit|Sort|Scan)",
                     out), out
    assert "every page within 60000 ms (p95)" in out


def test_gateway_paths_benchmark_prints_every_path_and_the_bare_pair(tiny):
    assert "== gateway paths: 300 cases" in tiny
    for label in ("bare echo, 1 client", "bare echo, 16 clients", "bare echo again, 1 client",
                  "bare echo again, 16 clients", "submission floor, 1 client",
                  "submission floor, 16 clients", "submission HTTP, 1 client",
                  "submission to event, 16 clients", "case read, 16 clients",
                  "case list, 16 clients", "decision, 16 clients", "plain SELECT page of 50"):
        rate, p50, p99, _mean, errors = figures(
            tiny, rf"{label} *: {NUMBER} req/s  p50 {NUMBER} ms  p99 {NUMBER} ms  "
                  rf"mean {NUMBER} ms  errors {NUMBER}")
        assert rate > 0 and 0 < p50 <= p99 and errors == 0, label
    assert figures(tiny, rf"errors and events missing: {NUMBER}") == [0]
    # the limit is measured before the paths and after them; the rows compare with the faster
    before, after, used = figures(
        tiny, rf"bare pair before and after the paths, 16 clients: {NUMBER} and {NUMBER} req/s; "
              rf"the rows use the faster \({NUMBER} req/s")
    assert used == max(before, after) > 0
    # where a submission's CPU goes: intake and the database take part in every one
    line = re.search(r"CPU per submission, 16 clients \(ms\): (.*); total ([\d.]+)", tiny)
    assert line, "no CPU line"
    shares = dict(part.rsplit(" ", 1) for part in line.group(1).split(", "))
    assert float(shares["intake"]) > 0 and float(shares["postgres"]) > 0
    # each share is rounded to 0.1 ms: their sum may pass the total by 0.05 ms a share
    assert float(line.group(2)) >= sum(float(v) for v in shares.values()) - 0.05 * len(shares)
    assert figures(tiny, rf"at the target's rate \(0.5 of it\): {NUMBER} ms")[0] > 0
    # the floor's CPU: its services and the broker, none of weiquan's own work
    floor = re.search(r"CPU per submission of the bare floor, 16 clients \(ms\): (.*); total", tiny)
    assert floor, "no floor CPU line"
    shares = dict(part.rsplit(" ", 1) for part in floor.group(1).split(", "))
    assert float(shares["bare BareIntake"]) > 0 and float(shares["rabbitmq"]) > 0


def test_board_benchmark_prints_the_latency_of_every_board(tiny):
    assert "== incident report -> live board: 5 incidents, 2 boards open" in tiny
    pairs, missing, errors, events = figures(
        tiny, rf"pairs: {NUMBER}  missing: {NUMBER}  board errors: {NUMBER}  "
              rf"data events received: {NUMBER}")
    assert (pairs, missing, errors) == (10, 0, 0) and events >= 10
    p50, p99, top = figures(
        tiny, rf"POST sent -> board event +p50 {NUMBER} ms +p99 {NUMBER} ms +max {NUMBER} ms")
    assert 0 < p50 <= p99 <= top


def test_relay_benchmark_prints_the_relay_and_raw_publishing(tiny):
    (relay,) = figures(tiny, rf"relay drained 200 events in {NUMBER} s")
    (raw_best,) = figures(tiny, rf"raw pipelined-confirm publishing: .*\(best {NUMBER} events/s\)")
    assert relay > 0 and raw_best > 0


def test_one_table_holds_every_hot_path_beside_its_limit(tiny):
    table = tiny[tiny.index("== every hot path against its limit"):]
    for hot_path, limit in (
            ("submission, 16 clients, to event consumed: throughput",
             "bare @http -> RPC echo, 16 clients"),
            ("submission, 1 client, to event consumed: p50", "bare @http -> RPC echo, 1 client"),
            ("submission floor, 16 clients, to event consumed: throughput",
             "bare @http -> RPC echo, 16 clients"),
            ("submission against its floor, 16 clients: throughput",
             "submission floor, 16 clients"),
            ("case read, 16 clients: throughput", "bare @http -> RPC echo, 16 clients"),
            ("case list (50 of 300), 16 clients: throughput", "bare @http -> RPC echo"),
            ("decision, 16 clients: throughput", "bare @http -> RPC echo, 16 clients"),
            ("incident report -> live board, 2 boards: p99", "budget"),
            ("outbox relay: 200-event backlog drained", "raw pipelined-confirm publishing"),
            ("evidence upload 2 MiB", "direct MinIO SDK upload"),
            ("clock sweep over 2,000 clocks: first sweep", "plain indexed SELECT"),
            ("ledger stats by month, 2,000 cases: p50", "plain indexed SELECT count(*)")):
        line = next((ln for ln in table.splitlines() if ln.startswith(hot_path)), None)
        assert line is not None and limit in line, f"no row {hot_path!r} in:\n{table}"
        numbers = [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*\.\d+", line)]
        assert len(numbers) >= 3 and all(n > 0 for n in numbers[:2]), line
    rows, met, missed = figures(table, rf"rows: {NUMBER}  targets met: {NUMBER}  "
                                       rf"missed: {NUMBER}")
    assert rows >= 10 and met + missed <= rows
