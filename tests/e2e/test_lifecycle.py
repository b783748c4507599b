"""The case after acceptance through the gateway with real services: extension by the
director, conclusion, re-examination, escalation and the higher level's answer to an appeal
(Art. 15-18); each change announced exactly once; bad input a clear 4xx."""
from datetime import date, datetime, timedelta

import pytest

from weiquan.calendar import WorkCalendar
from weiquan.config import TZ
from weiquan.contracts.events import INTAKE_EVENTS

from tests.support.bodies import application, written_application
from tests.support.answers import assert_error, ok

pytestmark = pytest.mark.e2e
CAL = WorkCalendar.load()   # the same calendar data as the services


# ---- helpers -----------------------------------------------------------------------------


def post(system, case_no, route, username, body):
    return system.call("POST", f"/api/cases/{case_no}/{route}", username, json=body)


def committee_steps(case):
    """The case's own steps on its timeline; the departments' work items (a consolation visit
    and the like, opened by other services as the case moves) interleave as they arrive."""
    return [t["action"] for t in case["timeline"] if not t["action"].startswith("work_")]


def one_event(tap, event_type, case_no):
    got = tap.wait_for(event_type, case_no)
    assert len(got) == 1, got
    assert INTAKE_EVENTS[event_type]().validate(got[0]) == {}
    return got[0]


def reply_deadline(case):
    [reply] = [d for d in case["deadlines"] if d["kind"] == "written_reply"]
    return reply


def working_day_from(day):
    return CAL.next_working_day(day)


def today():
    return datetime.now(TZ).date()


def accepted_case(system, username="officer"):
    case_no = ok(system.call("POST", "/api/applications", username, json=application()),
                 201)["case_no"]
    ok(post(system, case_no, "decision", "committee_office", {"accept": True}))
    return case_no


def overdue_case(system):
    """A written application received 41 days ago and accepted on paper 40 days ago: its
    30-day written reply is overdue today."""
    paper_day = (datetime.now(TZ) - timedelta(days=41)).replace(hour=10, minute=0, second=0,
                                                                microsecond=0)
    body = written_application(paper_day.isoformat())
    body["incident"]["occurred_at"] = (paper_day - timedelta(days=1)).isoformat()
    case_no = ok(system.call("POST", "/api/applications", "committee_office", json=body),
                 201)["case_no"]
    ok(post(system, case_no, "decision", "committee_office",
            {"accept": True, "decided_at": (paper_day + timedelta(days=1)).isoformat()}))
    return case_no


def overdue_listed(system):
    numbers, page = [], 1
    while True:
        answer = ok(system.call("GET", f"/api/cases?overdue=true&page_size=100&page={page}",
                                "committee_office"))
        numbers += [c["case_no"] for c in answer["items"]]
        if page * answer["page_size"] >= answer["total"]:
            return numbers
        page += 1


# ---- happy paths -------------------------------------------------------------------------

def test_accept_extend_conclude_reexamine_close(system, tap):
    case_no = accepted_case(system)
    case = ok(system.call("GET", f"/api/cases/{case_no}", "officer"))
    statutory_due = reply_deadline(case)["due"]
    assert case["location"] == {"at": "committee_office", "why": None}
    assert case["conclusion"] is None and case["reexamination"] is None
    assert case["escalations"] == []

    new_day = working_day_from(date.fromisoformat(statutory_due[:10]) + timedelta(days=14))
    case = ok(post(system, case_no, "extension", "committee_director",
                   {"reason": "案情重大复杂，需协调多部门调查", "new_due": new_day.isoformat()}))
    reply = reply_deadline(case)
    assert reply["due"] == f"{new_day.isoformat()}T23:59:59+08:00"
    assert reply["extended_from"] == statutory_due
    assert reply["state"] == "running" and reply["provisional"] is False
    extended = one_event(tap, "deadline_extended", case_no)
    assert (extended["old_due"], extended["new_due"]) == (statutory_due, reply["due"])
    assert extended["reason"] == "案情重大复杂，需协调多部门调查"

    case = ok(post(system, case_no, "conclusion", "committee_office",
                   {"findings": "经调查，侵权事实成立，已移送公安机关依法处理。",
                    "outcome": "established"}))
    assert case["status"] == "concluded"
    assert case["conclusion"]["outcome"] == "established"
    assert case["conclusion"]["by"] == "committee_office"
    assert reply_deadline(case)["state"] == "met"
    concluded = one_event(tap, "case_concluded", case_no)
    assert concluded["reply_state"] == "met" and "findings" not in concluded

    case = ok(post(system, case_no, "reexamination", "officer", {"reason": "对办理结论不服"}))
    assert case["status"] == "reexamination"
    assert case["reexamination"]["body"] == "上级公安机关维权组织"
    assert case["reexamination"]["by"] == "officer"
    assert case["location"] == {"at": "higher_level", "why": "reexamination"}
    requested = one_event(tap, "reexamination_requested", case_no)
    assert "对办理结论不服" not in str(requested), "reasons stay off the bus"

    case = ok(post(system, case_no, "reexamination/outcome", "committee_office",
                   {"reference": "赣市公维复〔2026〕3号", "outcome": "upheld",
                    "decided_at": today().isoformat(), "note": "维持原结论"}))
    assert case["status"] == "closed"
    assert case["reexamination"]["outcome"] == "upheld"
    assert case["reexamination"]["reference"] == "赣市公维复〔2026〕3号"
    assert case["reexamination"]["decided_at"] == f"{today().isoformat()}T00:00:00+08:00"
    assert case["location"] == {"at": "committee_office", "why": None}
    assert one_event(tap, "reexamination_decided", case_no)["outcome"] == "upheld"

    # the applicant reads the same case, with the whole story in the timeline
    case = ok(system.call("GET", f"/api/cases/{case_no}", "officer"))
    assert committee_steps(case) == [
        "application_submitted", "case_accepted", "deadline_extended", "case_concluded",
        "reexamination_requested", "reexamination_decided"]
    [extension] = [t for t in case["timeline"] if t["action"] == "deadline_extended"]
    assert extension["actor"] == "committee_director"
    assert extension["detail"]["old_due"] == statutory_due
    assert extension["detail"]["new_due"] == reply["due"]
    assert extension["detail"]["reason"] == "案情重大复杂，需协调多部门调查"
    assert all(t["at"].endswith("+08:00") for t in case["timeline"])


def test_extension_takes_an_overdue_case_off_the_overdue_list(system, tap):
    case_no = overdue_case(system)
    case = ok(system.call("GET", f"/api/cases/{case_no}", "committee_office"))
    old = reply_deadline(case)
    assert old["state"] == "overdue"
    assert case_no in overdue_listed(system)

    new_day = working_day_from(today() + timedelta(days=7))
    case = ok(post(system, case_no, "extension", "committee_director",
                   {"reason": "需等待伤情鉴定意见", "new_due": new_day.isoformat()}))
    reply = reply_deadline(case)
    assert reply["state"] == "running"
    assert reply["extended_from"] == old["due"]
    assert case_no not in overdue_listed(system)
    listed = ok(system.call("GET", "/api/cases?overdue=false&page_size=100",
                            "committee_office"))["items"]
    assert [c["overdue"] for c in listed if c["case_no"] == case_no] in ([False], [])
    assert one_event(tap, "deadline_extended", case_no)["old_due"] == old["due"]

    # concluded after the extension, the late statutory date is no longer what counts
    case = ok(post(system, case_no, "conclusion", "committee_office",
                   {"findings": "经调查，侵权事实部分成立。", "outcome": "partly_established"}))
    assert reply_deadline(case)["state"] == "met"
    # the office filed this written application: it may key in the paper re-examination
    case = ok(post(system, case_no, "reexamination", "committee_office",
                   {"reason": "申请人书面申请复查", "body": "赣州市公安局维权委"}))
    assert case["reexamination"]["body"] == "赣州市公安局维权委"


def test_escalation_and_its_answer(system, tap):
    case_no = accepted_case(system)
    case = ok(post(system, case_no, "escalation", "committee_director",
                   {"reason": "涉及市外单位，需上级协调", "body": "赣州市公安局维权委"}))
    assert case["status"] == "accepted"
    assert case["location"] == {"at": "higher_level", "why": "escalation"}
    [escalation] = case["escalations"]
    assert escalation["id"] == 1 and escalation["body"] == "赣州市公安局维权委"
    assert escalation["by"] == "committee_director" and escalation["outcome"] is None
    assert escalation["reference"] is None
    escalated = one_event(tap, "case_escalated", case_no)
    assert escalated["escalation_id"] == 1 and "需上级协调" not in str(escalated)

    case = ok(post(system, case_no, "escalation/outcome", "committee_member",
                   {"escalation_id": 1, "reference": "赣市公维函〔2026〕7号",
                    "outcome": "已协调市外单位配合调查", "answered_at": today().isoformat()}))
    assert case["location"] == {"at": "committee_office", "why": None}
    [escalation] = case["escalations"]
    assert escalation["outcome"] == "已协调市外单位配合调查"
    assert escalation["answered_at"] == f"{today().isoformat()}T00:00:00+08:00"
    answered = one_event(tap, "escalation_answered", case_no)
    assert answered["reference"] == "赣市公维函〔2026〕7号"
    assert committee_steps(case)[-2:] == ["case_escalated", "escalation_answered"]
    # answered once only
    assert_error(post(system, case_no, "escalation/outcome", "committee_office",
               {"escalation_id": 1, "reference": "x", "outcome": "y",
                "answered_at": today().isoformat()}), 409, "escalation_answered")
    assert_error(post(system, case_no, "escalation/outcome", "committee_office",
               {"escalation_id": 2, "reference": "x", "outcome": "y",
                "answered_at": today().isoformat()}), 422, "validation_failed", "escalation_id")


def test_appeal_overturned_accepts_with_a_new_reply_deadline(system, tap):
    case_no = ok(system.call("POST", "/api/applications", "officer", json=application()),
                 201)["case_no"]
    ok(post(system, case_no, "decision", "committee_office",
            {"accept": False, "reason": "不属于第十一条规定的情形"}))
    case = ok(post(system, case_no, "appeal", "officer",
                   {"reason": "申请复议", "answer_received_at": today().isoformat()}))
    assert case["location"] == {"at": "higher_level", "why": "appeal"}

    case = ok(post(system, case_no, "appeal/outcome", "committee_office",
                   {"reference": "赣市公维复〔2026〕9号", "outcome": "refusal_overturned",
                    "decided_at": today().isoformat()}))
    assert case["status"] == "accepted"
    assert case["appeal"]["outcome"] == "refusal_overturned"
    assert case["location"] == {"at": "committee_office", "why": None}
    reply = reply_deadline(case)
    expected = CAL.add_days(today(), 30)
    assert reply["due"] == expected.due.isoformat()
    assert reply["start"] == f"{today().isoformat()}T00:00:00+08:00"
    assert reply["state"] == "running" and reply["holder"] == "committee_office"
    decided = one_event(tap, "appeal_decided", case_no)
    assert decided["status"] == "accepted"
    # departments hear it as an acceptance, once
    assert one_event(tap, "case_accepted", case_no)["reply_due"]["due"] == reply["due"]
    assert decided["reply_due"] == {"due": reply["due"], "provisional": reply["provisional"]}
    # and it can now be concluded like any accepted case
    assert ok(post(system, case_no, "conclusion", "committee_office",
                   {"findings": "经调查，侵权事实不成立。", "outcome": "not_established"})
              )["status"] == "concluded"


def test_appeal_upheld_closes(system, tap):
    case_no = ok(system.call("POST", "/api/applications", "officer", json=application()),
                 201)["case_no"]
    ok(post(system, case_no, "decision", "committee_office",
            {"accept": False, "reason": "不属于第十一条规定的情形"}))
    ok(post(system, case_no, "appeal", "officer",
            {"reason": "申请复议", "answer_received_at": today().isoformat()}))
    case = ok(post(system, case_no, "appeal/outcome", "committee_office",
                   {"reference": "赣市公维复〔2026〕10号", "outcome": "refusal_upheld",
                    "decided_at": datetime.now(TZ).isoformat()}))
    assert case["status"] == "closed"
    assert [d["kind"] for d in case["deadlines"]] == ["acceptance_decision", "appeal_window"]
    assert one_event(tap, "appeal_decided", case_no)["reply_due"] is None


# ---- bad input ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def open_case(system):
    return accepted_case(system)


def _later_working_day(system, case_no, days=20):
    due = reply_deadline(ok(system.call("GET", f"/api/cases/{case_no}", "committee_office")))
    return working_day_from(date.fromisoformat(due["due"][:10]) + timedelta(days=days))


@pytest.mark.parametrize("username", ["committee_office", "committee_member", "officer"])
def test_extension_by_a_non_director_is_403(system, open_case, username):
    body = {"reason": "案情复杂", "new_due": _later_working_day(system, open_case).isoformat()}
    assert_error(post(system, open_case, "extension", username, body), 403, "forbidden")


@pytest.mark.parametrize("body", [{}, {"reason": ""}, {"reason": "   "}])
def test_extension_without_reason_is_422(system, open_case, body):
    body = {**body, "new_due": _later_working_day(system, open_case).isoformat()}
    assert_error(post(system, open_case, "extension", "committee_director", body), 422,
          "validation_failed", "reason")


def test_extension_to_an_earlier_date_is_422_naming_the_current_due(system, open_case):
    case = ok(system.call("GET", f"/api/cases/{open_case}", "committee_office"))
    current = reply_deadline(case)["due"][:10]
    earlier = CAL.next_working_day(today() + timedelta(days=1))
    for new_due in (earlier.isoformat(), current):
        err = assert_error(post(system, open_case, "extension", "committee_director",
                         {"reason": "案情复杂", "new_due": new_due}), 422, "validation_failed",
                    "new_due")
        assert current in err["fields"]["new_due"]
    assert reply_deadline(ok(system.call("GET", f"/api/cases/{open_case}",
                                         "committee_office")))["due"][:10] == current


def test_extension_to_a_day_off_is_422(system, open_case):
    day = _later_working_day(system, open_case)
    while CAL.is_working_day(day):
        day += timedelta(days=1)
    err = assert_error(post(system, open_case, "extension", "committee_director",
                     {"reason": "案情复杂", "new_due": day.isoformat()}), 422,
                "validation_failed", "new_due")
    assert day.isoformat() in err["fields"]["new_due"]


def test_extension_of_a_concluded_case_is_409(system):
    case_no = accepted_case(system)
    ok(post(system, case_no, "conclusion", "committee_office",
            {"findings": "经调查，已依法处理。", "outcome": "established"}))
    assert_error(post(system, case_no, "extension", "committee_director",
               {"reason": "案情复杂",
                "new_due": _later_working_day(system, case_no).isoformat()}), 409,
          "no_open_reply_deadline")


def test_reexamination_before_conclusion_is_409(system, open_case):
    err = assert_error(post(system, open_case, "reexamination", "officer", {"reason": "不服"}), 409,
                "not_concluded")
    assert err["status_now"] == "accepted"
    assert ok(system.call("GET", f"/api/cases/{open_case}", "officer"))["status"] == "accepted"


def test_conclusion_with_a_wrong_outcome_is_422(system, open_case):
    err = assert_error(post(system, open_case, "conclusion", "committee_office",
                     {"findings": "经调查……", "outcome": "resolved"}), 422, "validation_failed",
                "outcome")
    assert "established" in err["fields"]["outcome"]


def test_lifecycle_roles_at_the_gateway(system, open_case):
    assert_error(post(system, open_case, "conclusion", "committee_director",
               {"findings": "x", "outcome": "established"}), 403, "forbidden")
    assert_error(post(system, open_case, "reexamination", "committee_director", {"reason": "x"}), 403)
    assert_error(post(system, open_case, "escalation", "officer", {"reason": "x", "body": "y"}), 403)
    assert_error(post(system, open_case, "appeal/outcome", "committee_director",
               {"reference": "x", "outcome": "refusal_upheld", "decided_at": "2026-01-01"}), 403)
    assert_error(post(system, open_case, "appeal/outcome", "committee_office",
               {"reference": "x", "outcome": "refusal_upheld",
                "decided_at": today().isoformat()}), 409, "not_appealed")
    assert_error(post(system, "GX-WQ-2026-999999", "conclusion", "committee_office",
               {"findings": "x", "outcome": "established"}), 404, "not_found")
    assert ok(system.call("GET", f"/api/cases/{open_case}", "officer"))["status"] == "accepted"
