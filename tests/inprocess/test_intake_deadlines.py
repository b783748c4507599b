"""intake's deadline_reckoning RPC in a real container: one deadline of a case with the
reckoning of its kind's rule, the days left in the case answer, the director's extension said
as such, 404 for a kind the case does not have, and view_case's rule for who may read it."""
from datetime import timedelta

import pytest

from tests.inprocess.test_intake_adapter import (DIRECTOR, OFFICE, OFFICER, call, error,  # noqa: F401
                                                 intake, ok, start_intake, submit)

pytestmark = pytest.mark.inprocess


def test_the_acceptance_deadline_and_its_reckoning(intake, clock):
    case_no = ok(submit(intake, clock))["case_no"]   # received Tue 2026-12-01
    answer = ok(call(intake, "deadline_reckoning", case_no, "acceptance_decision", OFFICER))
    assert answer["case_no"] == case_no
    assert answer["deadline"]["due"] == "2026-12-04T23:59:59+08:00"
    assert answer["deadline"]["working_days_left"] == 4   # 12-01 .. 12-04, today included
    assert answer["deadline"]["days_overdue"] is None
    assert answer["rule"] == {"counting": "working_days", "n": 3}
    assert answer["from"] == "2026-12-01" and answer["extended"] is False
    assert answer["reckoned"] == {"due": "2026-12-04T23:59:59+08:00", "provisional": False}
    assert answer["note"] is None and answer["note_zh"] is None
    assert [(d["date"], d["counted"], d["code"]) for d in answer["reckoning"]] == [
        ("2026-12-01", False, "start_day"), ("2026-12-02", True, None),
        ("2026-12-03", True, None), ("2026-12-04", True, None)]
    case = ok(call(intake, "get_case", case_no, OFFICER))
    assert case["decision_due"]["working_days_left"] == 4
    clock.advance(timedelta(days=4))                 # Sat 12-05: one day overdue
    case = ok(call(intake, "get_case", case_no, OFFICE))
    assert case["decision_due"]["state"] == "overdue"
    assert (case["decision_due"]["working_days_left"], case["decision_due"]["days_overdue"]) \
        == (None, 1)
    listed = ok(call(intake, "list_cases", {}, OFFICE))["items"][0]
    assert listed["deadlines"][0]["days_overdue"] == 1


def test_an_extended_reply_deadline_is_not_reckoned(intake, clock):
    case_no = ok(submit(intake, clock))["case_no"]
    ok(call(intake, "decide", case_no, {"accept": True}, OFFICE))
    clock.advance(timedelta(days=2))
    ok(call(intake, "extend", case_no, {"reason": "案情复杂，需协调多部门",
                                        "new_due": "2027-01-29"}, DIRECTOR))
    answer = ok(call(intake, "deadline_reckoning", case_no, "written_reply", OFFICE))
    assert answer["extended"] is True
    assert answer["deadline"]["due"] == "2027-01-29T23:59:59+08:00"
    assert answer["deadline"]["extended_from"] == "2026-12-31T23:59:59+08:00"
    assert answer["reckoned"]["due"] == "2026-12-31T23:59:59+08:00"   # the statutory date
    assert "not reckoned" in answer["note"] and "不按规则推算" in answer["note_zh"]
    assert answer["rule"] == {"counting": "days", "n": 30}
    assert answer["reckoning"][-1] == {"date": "2026-12-31", "counted": True, "code": None,
                                       "reason": None, "reason_zh": None,
                                       "provisional": False}


def test_unknown_kind_unknown_case_and_who_may_read(intake, clock):
    case_no = ok(submit(intake, clock))["case_no"]
    err = error(call(intake, "deadline_reckoning", case_no, "written_reply", OFFICE),
                404, "not_found")
    assert "written_reply" in err["message"]
    error(call(intake, "deadline_reckoning", case_no, "no_such_kind", OFFICE), 404, "not_found")
    error(call(intake, "deadline_reckoning", "GX-WQ-2026-999999", "acceptance_decision",
               OFFICE), 404, "not_found")
    stranger = dict(OFFICER, username="liqiang", police_id="360721999")
    error(call(intake, "deadline_reckoning", case_no, "acceptance_decision", stranger),
          403, "forbidden")
    ops = {"username": "ops1", "roles": ["ops"], "police_id": None, "unit": None, "name": "运维"}
    error(call(intake, "deadline_reckoning", case_no, "acceptance_decision", ops),
          403, "forbidden")
