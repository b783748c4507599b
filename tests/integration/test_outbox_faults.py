"""Kill intake between commit and publish (and between publish and marking): after a restart
the event arrives, and the idempotent consumer applies it exactly once."""
import time

import pytest

from tests.support.bodies import application
from tests.support.infra import raw_pg
from tests.integration.test_events import applied

pytestmark = pytest.mark.integration


def _latest_case(system):
    with raw_pg(system.intake_db) as conn, conn.cursor() as cur:
        cur.execute("SELECT case_no FROM cases ORDER BY year DESC, seq DESC LIMIT 1")
        return cur.fetchone()[0]


def _outbox_state(system, case_no):
    with raw_pg(system.intake_db) as conn, conn.cursor() as cur:
        cur.execute("SELECT published_at IS NOT NULL FROM outbox WHERE body::json->>'case_no'=%s",
                    (case_no,))
        return [r[0] for r in cur.fetchall()]


def _crash_during_submission(system, fault):
    system.stop("intake")
    # no sweeps in the faulty process: only the submission's own event may hit the fault point
    proc = system.start("intake", WEIQUAN_FAULT=fault, WEIQUAN_SWEEP_INTERVAL="3600")
    r = system.call("POST", "/api/applications", "officer", json=application())
    assert r.status_code in (201, 503), r.text  # the reply may die with the process
    proc.wait(timeout=30)
    assert proc.returncode == 137, "intake should have died at the fault point"
    system.procs.pop("intake")
    return r.json()["case_no"] if r.status_code == 201 else _latest_case(system)


def _restart(system):
    system.start("intake")
    system.wait_ready()


def test_crash_after_commit_before_publish(system, tap):
    case_no = _crash_during_submission(system, "crash_after_commit")
    assert _outbox_state(system, case_no) == [False], "the event must wait in the outbox"
    tap.drain(1.0)
    assert tap.matching("application_submitted", case_no) == []
    _restart(system)
    assert len(tap.wait_for("application_submitted", case_no)) == 1
    assert applied(system, case_no, "application_submitted") == 1
    assert _outbox_state(system, case_no) == [True]


def test_crash_after_publish_before_marking_is_absorbed_by_inbox(system, tap):
    case_no = _crash_during_submission(system, "crash_after_publish")
    assert _outbox_state(system, case_no) == [False]
    _restart(system)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and len(tap.matching("application_submitted", case_no)) < 2:
        tap.drain(0.2)
    raw = tap.matching("application_submitted", case_no)
    assert len(raw) == 2 and raw[0]["event_id"] == raw[1]["event_id"], "sent twice, same id"
    time.sleep(1)
    assert applied(system, case_no, "application_submitted") == 1
