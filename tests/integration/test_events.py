"""Every change in intake is announced exactly once on RabbitMQ (real broker, real PostgreSQL)."""
import time
from datetime import datetime

import pytest

from weiquan.config import TZ
from weiquan.contracts.events import INTAKE_EVENTS

from tests.support.bodies import application
from tests.support.infra import raw_pg

pytestmark = pytest.mark.integration


def applied(system, case_no, event_type, wait=10):
    """How many times the probe consumer applied this event type for the case."""
    deadline = time.monotonic() + wait
    count = 0
    while time.monotonic() < deadline:
        with raw_pg(system.probe_db) as conn, conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM applied WHERE case_no=%s AND event_type=%s",
                        (case_no, event_type))
            count = cur.fetchone()[0]
        if count:
            break
        time.sleep(0.2)
    return count


def assert_one_valid(tap, event_type, case_no):
    got = tap.wait_for(event_type, case_no)
    assert len(got) == 1, got
    body = got[0]
    assert INTAKE_EVENTS[event_type]().validate(body) == {}
    assert body["schema_version"] == 1 and body["case_no"] == case_no
    return body


def submit(system, username="officer", body=None):
    r = system.call("POST", "/api/applications", username, json=body or application())
    assert r.status_code == 201, r.text
    return r.json()


def test_submission_emits_one_application_submitted(system, tap):
    answer = submit(system)
    assert answer["status"] == "submitted"
    assert set(answer["decision_due"]) >= {"kind", "due", "provisional", "state"}
    body = assert_one_valid(tap, "application_submitted", answer["case_no"])
    assert body["decision_due"]["due"] == answer["decision_due"]["due"]
    assert body["flags"]["injury"] is True
    assert "13800000000" not in str(body), "phone numbers must not ride on the bus"
    time.sleep(1)
    assert applied(system, answer["case_no"], "application_submitted") == 1


def test_acceptance_emits_one_case_accepted(system, tap):
    case_no = submit(system)["case_no"]
    r = system.call("POST", f"/api/cases/{case_no}/decision", "committee_office",
                    json={"accept": True})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "accepted"
    body = assert_one_valid(tap, "case_accepted", case_no)
    reply = [d for d in r.json()["deadlines"] if d["kind"] == "written_reply"][0]
    assert body["reply_due"]["due"] == reply["due"]
    assert applied(system, case_no, "case_accepted") == 1


def test_refusal_and_appeal_each_emit_one_event(system, tap):
    case_no = submit(system)["case_no"]
    r = system.call("POST", f"/api/cases/{case_no}/decision", "committee_office",
                    json={"accept": False, "reason": "不属于第十一条规定的情形"})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "rejected"
    assert_one_valid(tap, "case_rejected", case_no)
    today = datetime.now(TZ).date().isoformat()
    r = system.call("POST", f"/api/cases/{case_no}/appeal", "officer",
                    json={"reason": "申请复议", "answer_received_at": today})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "appealed"
    assert_one_valid(tap, "case_appealed", case_no)
    assert applied(system, case_no, "case_rejected") == 1
    assert applied(system, case_no, "case_appealed") == 1
