"""The benchmarks still start, run and print their figures. Each script runs as `make bench`
runs it, as a process of its own (submission and upload start a whole system of their own),
at tiny sizes: the figures are not judged here, only that each is printed and positive."""
import os
import re
import signal
import subprocess
import sys

import pytest

from weiquan.config import REPO_ROOT

pytestmark = [pytest.mark.e2e, pytest.mark.stack]

NUMBER = r"([0-9][0-9,]*(?:\.[0-9]+)?)"


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


def test_sweep_benchmark_prints_both_sweeps():
    out = run_bench("sweep_clocks.py", "--cases", "1000", timeout=90)
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


def test_ledger_benchmark_prints_every_grouping_and_the_plan():
    out = run_bench("ledger_stats.py", "--cases", "2000", "--runs", "3", timeout=90)
    assert "== ledger stats: 2,000 cases (PostgreSQL), 3 runs per grouping" in out
    for by in ("category", "month", "unit", "channel", "outcome", "place"):
        p50, p95, groups, counted = figures(
            out, rf"by={by} +p50 {NUMBER} ms  p95 {NUMBER} ms  groups={NUMBER} cases={NUMBER}")
        assert 0 < p50 <= p95 and groups > 0 and counted == 2000
    assert re.search(r"plan of by=month:\n.*Group", out), out
    assert "every grouping within 500 ms (p95)" in out


def test_upload_benchmark_prints_both_throughputs_and_memory():
    out = run_bench("upload_evidence.py", "--size-mb", "2", timeout=150)
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


def test_pages_benchmark_prints_every_role_and_the_list_plan():
    out = run_bench("pages.py", "--cases", "300", "--runs", "3", "--least", "1",
                    "--seconds", "5", "--budget", "60000", timeout=180)
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
