"""Every bad input gets a clear 4xx error object naming the problem in Chinese and English,
never a 500, and nothing is half-written (through the gateway, real services)."""
import re
from datetime import datetime, timedelta

import pytest

from weiquan.config import TZ

from tests.support.bodies import application, written_application
from tests.support.answers import assert_error

pytestmark = pytest.mark.e2e


def case_count(system):
    return tuple(system.sql("intake", "SELECT (SELECT count(*) FROM cases), "
                            "(SELECT count(*) FROM outbox), "
                            "(SELECT coalesce(sum(last_seq), 0) FROM case_counters)")[1][0])


def _without(body, path):
    parts = path.split(".")
    target = body
    for p in parts[:-1]:
        target = target[p]
    del target[parts[-1]]
    return body


@pytest.mark.parametrize("path", ["applicant", "officer", "channel", "category", "incident",
                                  "officer.police_id", "incident.occurred_at", "applicant.name"])
def test_missing_field_is_named(system, path):
    before = case_count(system)
    r = system.call("POST", "/api/applications", "officer", json=_without(application(), path))
    assert_error(r, 422, "validation_failed", path)
    assert case_count(system) == before


@pytest.mark.parametrize("field,value", [("channel", "fax"), ("category", "robbery")])
def test_wrong_enum_value(system, field, value):
    r = system.call("POST", "/api/applications", "officer", json=application(**{field: value}))
    assert_error(r, 422, "validation_failed", field)


def test_personnel_type_enum(system):
    body = application()
    body["officer"]["personnel_type"] = "contractor"
    assert_error(system.call("POST", "/api/applications", "officer", json=body), 422,
                 "validation_failed", "officer.personnel_type")


@pytest.mark.parametrize("relation", ["cousin", "uncle", "grandfather", "friend"])
def test_relation_outside_art39(system, relation):
    before = case_count(system)
    body = application(applicant={"type": "relative", "name": "李娜", "relation": relation})
    err = assert_error(system.call("POST", "/api/applications", "relative", json=body), 422,
                       "validation_failed", "applicant.relation")
    assert "spouse" in err["fields"]["applicant.relation"]
    assert case_count(system) == before


def test_refusal_without_reason(system):
    case_no = system.call("POST", "/api/applications", "officer", json=application()).json()["case_no"]
    for body in ({"accept": False}, {"accept": False, "reason": ""}):
        r = system.call("POST", f"/api/cases/{case_no}/decision", "committee_office", json=body)
        assert_error(r, 422, "validation_failed", "reason")
    r = system.call("POST", f"/api/cases/{case_no}/decision", "committee_office",
                    json={"accept": False, "reason": "   "})
    assert_error(r, 422, "validation_failed", "reason")
    case = system.call("GET", f"/api/cases/{case_no}", "committee_office").json()
    assert case["status"] == "submitted" and case["decision"] is None


def test_future_received_at(system):
    before = case_count(system)
    future = (datetime.now(TZ) + timedelta(days=1)).isoformat()
    r = system.call("POST", "/api/applications", "committee_office",
                    json=written_application(future))
    assert_error(r, 422, "validation_failed", "received_at")
    assert case_count(system) == before


def test_received_at_only_from_committee_office(system):
    past = (datetime.now(TZ) - timedelta(hours=1)).isoformat()
    r = system.call("POST", "/api/applications", "officer", json=application(received_at=past))
    assert_error(r, 422, "validation_failed", "received_at")


def test_future_decided_at(system):
    case_no = system.call("POST", "/api/applications", "officer", json=application()).json()["case_no"]
    future = (datetime.now(TZ) + timedelta(days=2)).isoformat()
    r = system.call("POST", f"/api/cases/{case_no}/decision", "committee_office",
                    json={"accept": True, "decided_at": future})
    assert_error(r, 422, "validation_failed", "decided_at")


def test_malformed_json(system):
    r = system.call("POST", "/api/applications", "officer", data=b'{"applicant": {',
                    headers={"Content-Type": "application/json"})
    assert_error(r, 400, "malformed_json")


def test_wrong_content_type(system):
    r = system.call("POST", "/api/applications", "officer", data=b"applicant=x",
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert_error(r, 415, "unsupported_media_type")


def test_body_not_an_object(system):
    r = system.call("POST", "/api/applications", "officer", json=[1, 2, 3])
    assert_error(r, 422, "validation_failed")


def test_ten_megabyte_body(system):
    before = case_count(system)
    body = b'{"applicant": "' + b"x" * (10 * 1024 * 1024) + b'"}'
    r = system.call("POST", "/api/applications", "officer", data=body,
                    headers={"Content-Type": "application/json"})
    assert_error(r, 413, "payload_too_large")
    assert case_count(system) == before


def test_non_existent_case(system):
    r = system.call("GET", "/api/cases/GX-WQ-2026-999999", "committee_office")
    assert_error(r, 404, "not_found")
    r = system.call("POST", "/api/cases/GX-WQ-2026-999999/decision", "committee_office",
                    json={"accept": True})
    assert_error(r, 404, "not_found")


def test_another_applicants_case(system):
    case_no = system.call("POST", "/api/applications", "relative",
                          json=application(applicant={"type": "relative", "name": "李娜",
                                                      "relation": "spouse"},
                                           officer={"police_id": "360799999", "name": "赵六",
                                                    "unit": "茅店派出所",
                                                    "personnel_type": "auxiliary"})).json()["case_no"]
    # The demo officer is neither the filer nor the officer concerned.
    assert_error(system.call("GET", f"/api/cases/{case_no}", "officer"), 403, "forbidden")
    assert_error(system.call("POST", f"/api/cases/{case_no}/appeal", "officer",
                             json={"reason": "x", "answer_received_at": "2026-11-20"}), 403)
    assert system.call("GET", f"/api/cases/{case_no}", "relative").status_code == 200
    listed = system.call("GET", "/api/cases?page_size=100", "officer").json()["items"]
    assert case_no not in [c["case_no"] for c in listed]


def test_decision_by_applicant_is_forbidden(system):
    case_no = system.call("POST", "/api/applications", "officer", json=application()).json()["case_no"]
    assert_error(system.call("POST", f"/api/cases/{case_no}/decision", "officer",
                             json={"accept": True}), 403, "forbidden")


def test_no_token_and_bad_token(system):
    assert_error(system.call("GET", "/api/cases"), 401, "unauthorized")
    r = system.call("GET", "/api/cases", headers={"Authorization": "Bearer not.a.token"})
    assert_error(r, 401, "unauthorized")


def test_wrong_password(system):
    r = system.call("POST", "/api/auth/login", json={"username": "officer", "password": "nope"})
    assert_error(r, 401, "unauthorized")


def test_unknown_api_path(system):
    assert_error(system.call("GET", "/api/nothing-here", "officer"), 404, "not_found")


@pytest.mark.parametrize("query,field", [("from=2026-13-01&working_days=3", "from"),
                                         ("from=2026-09-30", "working_days"),
                                         ("from=2026-09-30&working_days=3&days=2", "working_days"),
                                         ("from=2026-09-30&days=-1", "days"),
                                         ("from=2026-09-30&working_days=abc", "working_days")])
def test_calendar_bad_query(system, query, field):
    assert_error(system.call("GET", f"/api/calendar/due?{query}", "officer"), 422,
                 "validation_failed", field)


def test_bad_list_filters(system):
    assert_error(system.call("GET", "/api/cases?status=lost", "committee_office"), 422,
                 "validation_failed", "status")
    assert_error(system.call("GET", "/api/cases?overdue=maybe", "committee_office"), 422,
                 "validation_failed", "overdue")
    assert_error(system.call("GET", "/api/cases?page_size=1000", "committee_office"), 422,
                 "validation_failed", "page_size")


def test_late_appeal_gives_closing_date(system):
    paper_day = (datetime.now(TZ) - timedelta(days=40)).replace(hour=10, minute=0, second=0,
                                                                microsecond=0)
    body = written_application(paper_day.isoformat())
    body["incident"]["occurred_at"] = (paper_day - timedelta(days=1)).isoformat()
    case_no = system.call("POST", "/api/applications", "committee_office", json=body).json()["case_no"]
    r = system.call("POST", f"/api/cases/{case_no}/decision", "committee_office",
                    json={"accept": False, "reason": "不属于受理范围",
                          "decided_at": (paper_day + timedelta(days=1)).isoformat()})
    assert r.status_code == 200, r.text
    r = system.call("POST", f"/api/cases/{case_no}/appeal", "committee_office",
                    json={"reason": "不服", "answer_received_at":
                          (paper_day + timedelta(days=2)).date().isoformat()})
    err = assert_error(r, 409, "appeal_window_closed")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", err["window_closed_on"])
    assert err["window_closed_on"] in err["message"]
    assert system.call("GET", f"/api/cases/{case_no}", "committee_office").json()["status"] == "rejected"
