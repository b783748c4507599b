"""The statutory clocks through the gateway, with the real sweeps running (every second in
tests): a missed deadline appears in the Art. 36 register and the director is told; who may
read the register and reload the calendar."""
import time
from datetime import datetime, timedelta

import pytest

from weiquan.config import TZ

from tests.support.bodies import application, written_application
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e


def _overdue_written_case(system):
    """A paper application received 12 days ago and never decided: its 3-working-day
    acceptance deadline has passed."""
    received = (datetime.now(TZ) - timedelta(days=12)).replace(hour=10, minute=0, second=0,
                                                               microsecond=0)
    body = written_application(received.isoformat())
    body["incident"]["occurred_at"] = (received - timedelta(days=1)).isoformat()
    r = system.call("POST", "/api/applications", "committee_office", json=body)
    assert r.status_code == 201, r.text
    return r.json()["case_no"]



def test_missed_deadline_reaches_the_register_and_the_director(system, tap):
    case_no = _overdue_written_case(system)

    def records():
        r = system.call("GET", f"/api/accountability?case_no={case_no}", "committee_director")
        assert r.status_code == 200, r.text
        return r.json()["items"]
    [record] = wait_until(records, 20, 0.3)
    assert record["clock_kind"] == "acceptance_decision"
    assert record["holder"] == "committee_office" and record["statutory"] is True
    assert record["late_seconds"] > 0 and record["still_open"] is True
    time.sleep(2.5)  # more sweeps run: still exactly one record and one event
    assert len(records()) == 1
    assert len(tap.wait_for("deadline_missed", case_no)) == 1
    notes = system.call("GET", "/api/notifications", "committee_director").json()["items"]
    assert any(n["kind"] == "deadline_missed" and n["items"][0]["case_no"] == case_no
               for n in notes)
    listed = system.call("GET", "/api/cases?overdue=true&page_size=100", "committee_office")
    assert case_no in [c["case_no"] for c in listed.json()["items"]]
    case = system.call("GET", f"/api/cases/{case_no}", "committee_office").json()
    assert "deadline_missed" in [e["action"] for e in case["timeline"]]
    assert case["decision_due"]["state"] == "overdue"
    # a late decision closes the record: the register keeps how late it was
    r = system.call("POST", f"/api/cases/{case_no}/decision", "committee_office",
                    json={"accept": True})
    assert r.status_code == 200, r.text
    [record] = records()
    assert record["still_open"] is False and record["satisfied_at"] is not None


def test_cases_due_within_working_days(system):
    """due_within=N: an open deadline of the bureau's due by the end of the N-th working day
    from today, overdue ones included; intake reckons the working days."""
    overdue = _overdue_written_case(system)
    fresh = system.call("POST", "/api/applications", "officer", json=application())
    assert fresh.status_code == 201, fresh.text
    fresh = fresh.json()["case_no"]  # decision due at the end of the 3rd working day

    def listed(n):
        r = system.call("GET", f"/api/cases?status=submitted&due_within={n}&page_size=100",
                        "committee_office")
        assert r.status_code == 200, r.text
        return {c["case_no"] for c in r.json()["items"]}
    soon, later = listed(0), listed(3)
    assert overdue in soon and fresh not in soon
    assert overdue in later and fresh in later
    bad = system.call("GET", "/api/cases?due_within=31", "committee_office")
    assert bad.status_code == 422 and "due_within" in bad.json()["error"]["fields"]


@pytest.mark.parametrize("user", ["officer", "relative", "cyber_brigade", "ops"])
def test_accountability_register_is_for_the_committee_only(system, user):
    r = system.call("GET", "/api/accountability", user)
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"


def test_calendar_reload_by_director_only(system):
    r = system.call("POST", "/api/calendar/reload", "officer")
    assert r.status_code == 403
    r = system.call("POST", "/api/calendar/reload", "committee_director")
    assert r.status_code == 200, r.text
    assert r.json()["last_official_year"] >= 2026 and r.json()["recomputed"] >= 0


def test_calendar_due_with_its_reckoning(system):
    r = system.call("GET", "/api/calendar/due?from=2026-09-30&working_days=3&reckoning=true",
                    "officer")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["due"] == "2026-10-10T23:59:59+08:00" and body["provisional"] is False
    days = {d["date"]: d for d in body["reckoning"]}
    assert days["2026-10-01"]["reason_zh"] == "国庆节" and not days["2026-10-01"]["counted"]
    assert days["2026-10-10"]["reason_zh"] == "调休上班（国庆节）" and days["2026-10-10"]["counted"]
    plain = system.call("GET", "/api/calendar/due?from=2026-09-30&working_days=3", "officer")
    assert "reckoning" not in plain.json()
    bad = system.call("GET", "/api/calendar/due?from=2026-09-30&days=3&reckoning=maybe",
                      "officer")
    assert bad.status_code == 422 and "reckoning" in bad.json()["error"]["fields"]


def test_a_case_deadline_with_days_left_and_its_reckoning(system):
    case_no = _overdue_written_case(system)
    case = system.call("GET", f"/api/cases/{case_no}", "committee_office").json()
    assert case["decision_due"]["state"] == "overdue"
    assert case["decision_due"]["days_overdue"] >= 1
    assert case["decision_due"]["working_days_left"] is None
    r = system.call("GET", f"/api/cases/{case_no}/deadlines/acceptance_decision",
                    "committee_office")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["rule"] == {"counting": "working_days", "n": 3}
    assert body["deadline"]["due"] == body["reckoned"]["due"] == case["decision_due"]["due"]
    counted = [d for d in body["reckoning"] if d["counted"]]
    assert len(counted) == 3 and counted[-1]["date"] == body["deadline"]["due"][:10]
    assert body["reckoning"][0] == {**body["reckoning"][0], "date": body["from"],
                                    "counted": False, "code": "start_day"}
    r = system.call("GET", f"/api/cases/{case_no}/deadlines/written_reply", "committee_office")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = system.call("GET", f"/api/cases/{case_no}/deadlines/acceptance_decision", "ops")
    assert r.status_code == 403
