"""`make bench`: every benchmark in turn, each a process of its own (the gateway paths, the live
board, the outbox relay and the upload each on a whole system of their own), then one table of
every hot path beside the raw limit measured in the same run, their ratio and the target.

A benchmark that fails does not stop the others: every block and the table are printed, then
the exit code is 1. A row that misses its target is shown as MISS; it is a finding, not a
failure of the run. --tiny runs each at a size that takes seconds (the smoke test's), --only
names the benchmarks to run.
Usage: .venv/bin/python bench/all.py [--tiny] [--only gateway_paths,relay_drain ...]
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.rows import ROWS_ENV, load, table  # noqa: E402

REPO = Path(__file__).resolve().parents[1]

# name -> (arguments of the full run, arguments of the tiny run)
BENCHMARKS = {
    "gateway_paths": (["--cases", "100000", "--requests", "1500"],
                      ["--cases", "300", "--requests", "40"]),
    "board_latency": (["--boards", "10", "--incidents", "200"],
                      ["--boards", "2", "--incidents", "5"]),
    "relay_drain": (["--events", "10000"], ["--events", "200"]),
    "upload_evidence": (["--size-mb", "1024"], ["--size-mb", "2"]),
    "sweep_clocks": (["--cases", "500000"], ["--cases", "1000"]),
    "ledger_stats": (["--cases", "100000"], ["--cases", "2000", "--runs", "3"]),
    "pages": (["--cases", "10000"],
              ["--cases", "300", "--runs", "3", "--least", "1", "--seconds", "5",
               "--budget", "60000"]),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tiny", action="store_true")
    parser.add_argument("--only", default="", help="comma-separated names of benchmarks")
    opts = parser.parse_args()
    names = [n for n in opts.only.split(",") if n] or list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
    rows_file = Path(tempfile.mkstemp(prefix="wq-bench-rows-", suffix=".jsonl")[1])
    failed = []
    started = time.monotonic()
    try:
        for name in names:
            full, tiny = BENCHMARKS[name]
            print(f"\n[bench] {name} {' '.join(tiny if opts.tiny else full)}", file=sys.stderr,
                  flush=True)
            code = subprocess.call(
                [sys.executable, "-W", "ignore", f"bench/{name}.py",
                 *(tiny if opts.tiny else full)],
                cwd=REPO, env={**os.environ, ROWS_ENV: str(rows_file)})
            if code != 0:
                failed.append(f"{name} (exit {code})")
        rows = load(rows_file)
    finally:
        rows_file.unlink(missing_ok=True)
    print(f"\n== every hot path against its limit, measured in the same run "
          f"({os.cpu_count()} cores, {time.monotonic() - started:.0f} s) ==")
    print(table(rows))
    misses = [r.hot_path for r in rows if r.verdict == "MISS"]
    print(f"rows: {len(rows)}  targets met: {sum(r.verdict == 'PASS' for r in rows)}  "
          f"missed: {len(misses)}")
    if failed:
        print(f"benchmarks that failed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
