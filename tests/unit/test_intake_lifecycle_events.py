"""What the case answer shows of the lifecycle (intake.views) and the lifecycle events announced
(intake.events, contracts/events.py).

Builders, time and calendar notes: tests/unit/helpers_lifecycle.py."""
import pytest

from weiquan.contracts.events import build_event

from intake import events
from intake.domain import lifecycle, rules
from intake.views import case_view
from tests.unit.helpers_intake import (DIRECTOR, OFFICE, OFFICER, appeal_cmd, at, decision,
                                       submitted)
from tests.unit.helpers_lifecycle import (accepted, appeal_outcome_cmd, appealed, conclusion_cmd,
                                          escalation_cmd, escalation_outcome_cmd, extension_cmd,
                                          in_status, reexam_cmd, reexam_outcome_cmd)

pytestmark = pytest.mark.unit


# ---- the case answer ---------------------------------------------------------------------

def test_case_view_shows_the_lifecycle_with_shanghai_times(cal):
    case = accepted(cal)
    lifecycle.escalate(case, escalation_cmd(), OFFICE, at("2026-09-10T10:00"), cal)
    view = case_view(case, at("2026-09-11T10:00"), cal)
    assert view["conclusion"] is None and view["reexamination"] is None
    assert view["escalations"][0]["escalated_at"] == "2026-09-10T10:00:00+08:00"
    assert view["location"] == {"at": "higher_level", "why": "escalation"}
    lifecycle.record_escalation_outcome(case, escalation_outcome_cmd("2026-09-12"), OFFICE,
                                        at("2026-09-14T10:00"), cal)
    lifecycle.conclude(case, conclusion_cmd(), OFFICE, at("2026-09-30T10:00"), cal)
    lifecycle.request_reexamination(case, reexam_cmd(), OFFICER, at("2026-10-09T09:00"), cal)
    view = case_view(case, at("2026-10-09T10:00"), cal)
    assert view["conclusion"] == {"findings": "经调查，侵权事实成立，已依法处理。",
                                  "outcome": "established",
                                  "concluded_at": "2026-09-30T10:00:00+08:00", "by": "office1"}
    assert view["reexamination"]["requested_at"] == "2026-10-09T09:00:00+08:00"
    assert view["escalations"][0]["answered_at"] == "2026-09-12T00:00:00+08:00"
    assert view["location"] == {"at": "higher_level", "why": "reexamination"}
    assert [t["action"] for t in view["timeline"]] == [
        "application_submitted", "case_accepted", "case_escalated", "escalation_answered",
        "case_concluded", "reexamination_requested"]


@pytest.mark.parametrize("status, where", [
    ("submitted", {"at": "committee_office", "why": None}),
    ("accepted", {"at": "committee_office", "why": None}),
    ("rejected", {"at": "committee_office", "why": None}),
    ("appealed", {"at": "higher_level", "why": "appeal"}),
    ("concluded", {"at": "committee_office", "why": None}),
    ("reexamination", {"at": "higher_level", "why": "reexamination"}),
    ("closed", {"at": "committee_office", "why": None}),
])
def test_location_by_status(cal, status, where):
    assert case_view(in_status(cal, status), at("2026-10-25T10:00"), cal)["location"] == where


# ---- the events announced (contracts/events.py) ------------------------------------------

class FakeUow:
    def __init__(self):
        self.bodies = []

    def emit(self, source, event_type, case_no, actor, payload, now=None):
        body = build_event(source, event_type, case_no, actor, payload, now)  # validates
        self.bodies.append(body)
        return body


def _published(case):
    """The bodies of every event the rules recorded on the case since the last call."""
    uow = FakeUow()
    events.publish(uow, case)
    assert case.events == [], "published events are the outbox's, not the case's"
    return uow.bodies


def _announce(case):
    bodies = _published(case)
    assert len(bodies) == 1, [b["event_type"] for b in bodies]
    return bodies[0]


def test_submission_decision_and_appeal_events(cal):
    case = submitted(cal, now=at("2026-09-29T09:00"), ongoing=True)
    body = _announce(case)
    assert body["event_type"] == "application_submitted"
    assert (body["case_no"], body["actor"], body["occurred_at"]) == (
        case.case_no, {"username": "zhangwei", "roles": ["officer"]},
        "2026-09-29T09:00:00+08:00")
    assert {k: body[k] for k in ("category", "channel", "applicant_type", "police_id",
                                 "officer_unit", "personnel_type", "received_at",
                                 "decision_due", "incident_id")} == {
        "category": "violent_attack", "channel": "app", "applicant_type": "officer",
        "police_id": "360721001", "officer_unit": "城关派出所", "personnel_type": "regular",
        "received_at": "2026-09-29T09:00:00+08:00", "incident_id": None,
        "decision_due": {"due": "2026-10-09T23:59:59+08:00", "provisional": False}}
    assert body["flags"] == {"ongoing": True, "off_duty": False, "anti_gang": False,
                             "injury": False}
    assert "执勤时被当事人殴打" not in str(body), "no description on the bus"
    rules.decide(case, decision(False, "不属于维权范围"), OFFICE, at("2026-09-30T11:00"), cal)
    body = _announce(case)
    assert (body["event_type"], body["decided_at"]) == ("case_rejected",
                                                        "2026-09-30T11:00:00+08:00")
    assert "不属于维权范围" not in str(body), "no reasons on the bus"
    rules.appeal(case, appeal_cmd("2026-10-09"), OFFICER, at("2026-10-12T09:00"), cal)
    body = _announce(case)
    assert {k: body[k] for k in ("event_type", "appealed_at", "answer_received_at",
                                 "window_closes")} == {
        "event_type": "case_appealed", "appealed_at": "2026-10-12T09:00:00+08:00",
        "answer_received_at": "2026-10-09T00:00:00+08:00",
        "window_closes": "2026-10-22T23:59:59+08:00"}


def test_acceptance_event_carries_the_reply_deadline(cal):
    case = accepted(cal)
    bodies = _published(case)
    assert [b["event_type"] for b in bodies] == ["application_submitted", "case_accepted"]
    assert {k: bodies[1][k] for k in ("category", "decided_at", "reply_due")} == {
        "category": "violent_attack", "decided_at": "2026-09-02T15:00:00+08:00",
        "reply_due": {"due": "2026-10-08T23:59:59+08:00", "provisional": False}}
    assert bodies[1]["actor"]["username"] == "office1"


def test_lifecycle_events_follow_their_contracts_without_personal_data(cal):
    case = accepted(cal)
    _published(case)
    now = at("2026-09-10T10:00")
    lifecycle.escalate(case, escalation_cmd(), OFFICE, now, cal)
    body = _announce(case)
    assert (body["event_type"], body["escalation_id"], body["body"], body["reference"]) == \
        ("case_escalated", 1, "赣州市公安局维权委", None)
    assert body["escalated_at"] == "2026-09-10T10:00:00+08:00"
    now = at("2026-09-14T10:00")
    lifecycle.record_escalation_outcome(case, escalation_outcome_cmd("2026-09-12"), OFFICE,
                                        now, cal)
    body = _announce(case)
    assert (body["event_type"], body["escalation_id"]) == ("escalation_answered", 1)
    assert body["answered_at"] == "2026-09-12T00:00:00+08:00"
    assert "outcome" not in body, "free-text answers stay off the bus"
    lifecycle.extend(case, extension_cmd("2026-10-30"), DIRECTOR, now, cal)
    body = _announce(case)
    assert {k: body[k] for k in ("event_type", "clock_kind", "old_due", "new_due",
                                 "reason")} == {
        "event_type": "deadline_extended", "clock_kind": "written_reply",
        "old_due": "2026-10-08T23:59:59+08:00", "new_due": "2026-10-30T23:59:59+08:00",
        "reason": "案情重大复杂，需协调多部门调查"}
    assert body["actor"] == {"username": "director", "roles": ["committee_director"]}
    lifecycle.conclude(case, conclusion_cmd(), OFFICE, at("2026-10-20T10:00"), cal)
    body = _announce(case)
    assert (body["event_type"], body["outcome"], body["reply_state"]) == \
        ("case_concluded", "established", "met")
    assert "findings" not in body and "经调查" not in str(body)
    lifecycle.request_reexamination(case, reexam_cmd(), OFFICER, at("2026-10-21T10:00"), cal)
    body = _announce(case)
    assert body["body"] == "上级公安机关维权组织" and "对办理结论不服" not in str(body)
    assert body["requested_at"] == "2026-10-21T10:00:00+08:00"
    lifecycle.record_reexamination_outcome(case, reexam_outcome_cmd("2026-10-22", "revised"),
                                           OFFICE, at("2026-10-23T10:00"), cal)
    body = _announce(case)
    assert (body["event_type"], body["outcome"], body["decided_at"]) == \
        ("reexamination_decided", "revised", "2026-10-22T00:00:00+08:00")


def test_conclusion_without_an_open_reply_clock_has_no_reply_state(cal):
    case = accepted(cal)
    case.clock("written_reply").satisfied_at = at("2026-09-20T10:00")
    _published(case)
    lifecycle.conclude(case, conclusion_cmd(), OFFICE, at("2026-09-30T10:00"), cal)
    assert _announce(case)["reply_state"] is None


@pytest.mark.parametrize("outcome, status, reply_due", [
    ("refusal_upheld", "closed", None),
    ("refusal_overturned", "accepted", {"due": "2026-11-18T23:59:59+08:00",
                                        "provisional": False}),
])
def test_appeal_decided_event(cal, outcome, status, reply_due):
    case = appealed(cal)
    _published(case)
    now = at("2026-10-20T10:00")
    lifecycle.record_appeal_outcome(case, appeal_outcome_cmd("2026-10-19", outcome), OFFICE,
                                    now, cal)
    bodies = _published(case)
    # an overturned refusal is an acceptance for the departments: case_accepted comes first
    assert [b["event_type"] for b in bodies] == \
        (["case_accepted"] if reply_due else []) + ["appeal_decided"]
    body = bodies[-1]
    if reply_due:
        assert bodies[0]["reply_due"] == reply_due
        assert bodies[0]["decided_at"] == "2026-10-19T00:00:00+08:00"
    assert (body["outcome"], body["status"], body["reply_due"]) == (outcome, status, reply_due)
    assert body["flags"] == case.flags and body["category"] == case.category
