"""The hub guard and SQLite under eventlet, each in a monkey-patched process of its own."""
import json
import subprocess
import sys

import pytest

from weiquan.config import REPO_ROOT

pytestmark = pytest.mark.integration


def _run(module, *args):
    done = subprocess.run([sys.executable, "-W", "ignore", "-m", module, *args], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def test_hub_guard_reports_a_blocked_hub_with_the_blocking_stack(tmp_path):
    report = tmp_path / "hub.jsonl"
    done = _run("tests.support.green.block_hub", str(report))
    entries = [json.loads(line) for line in report.read_text().splitlines()]
    assert len(entries) == 2, entries
    assert "hold_the_hub_in_c" in entries[0]["stack"] and entries[0]["held_more_than"] == 1.0
    assert 1.3 < entries[1]["held_seconds"] < 2.5, entries[1]
    assert "HUB BLOCKED" in done.stderr and "hold_the_hub_in_c" in done.stderr


def test_a_greenlet_holding_the_sqlite_lock_never_freezes_the_others(tmp_path):
    """With one connection per process and green pool waits, writers queue behind the holder
    without holding the hub: the ticker keeps running and every write lands."""
    done = _run("tests.support.green.sqlite_contention", f"sqlite:///{tmp_path / 'x.db'}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["rows"] == 6, result
    assert result["max_gap"] < 0.25, result  # the old engine froze the hub here for 30 s
    assert all(0.8 < w < 5 for w in result["writers_waited"]), result
