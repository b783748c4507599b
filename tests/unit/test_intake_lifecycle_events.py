"""What the case answer shows of the lifecycle (intake.views) and the lifecycle events announced
(intake.events, contracts/events.py).

Builders, time and calendar notes: tests/unit/helpers_lifecycle.py."""
import pytest

from weiquan.contracts.events import build_event

from intake import events
from intake.domain import lifecycle
from intake.views import case_view
from tests.unit.helpers_intake import DIRECTOR, OFFICE, OFFICER, at
from tests.unit.helpers_lifecycle import (accepted, appeal_outcome_cmd, appealed, conclusion_cmd,
                                          escalation_cmd, escalation_outcome_cmd, extension_cmd,
                                          in_status, reexam_cmd, reexam_outcome_cmd)

pytestmark = pytest.mark.unit


# ---- the case answer ---------------------------------------------------------------------

def test_case_view_shows_the_lifecycle_with_shanghai_times(cal):
    case = accepted(cal)
    lifecycle.escalate(case, escalation_cmd(), OFFICE, at("2026-09-10T10:00"), cal)
    view = case_view(case, at("2026-09-11T10:00"))
    assert view["conclusion"] is None and view["reexamination"] is None
    assert view["escalations"][0]["escalated_at"] == "2026-09-10T10:00:00+08:00"
    assert view["location"] == {"at": "higher_level", "why": "escalation"}
    lifecycle.record_escalation_outcome(case, escalation_outcome_cmd("2026-09-12"), OFFICE,
                                        at("2026-09-14T10:00"), cal)
    lifecycle.conclude(case, conclusion_cmd(), OFFICE, at("2026-09-30T10:00"), cal)
    lifecycle.request_reexamination(case, reexam_cmd(), OFFICER, at("2026-10-09T09:00"), cal)
    view = case_view(case, at("2026-10-09T10:00"))
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
    assert case_view(in_status(cal, status), at("2026-10-25T10:00"))["location"] == where


# ---- the events announced (contracts/events.py) ------------------------------------------

class FakeUow:
    def __init__(self):
        self.bodies = []

    def emit(self, source, event_type, case_no, actor, payload, now=None):
        body = build_event(source, event_type, case_no, actor, payload, now)  # validates
        self.bodies.append(body)
        return body


def _announce(announcer, case, principal, now):
    uow = FakeUow()
    announcer(uow, case, principal, now)
    assert len(uow.bodies) == 1
    return uow.bodies[0]


def test_lifecycle_events_follow_their_contracts_without_personal_data(cal):
    case = accepted(cal)
    now = at("2026-09-10T10:00")
    lifecycle.escalate(case, escalation_cmd(), OFFICE, now, cal)
    body = _announce(events.escalated, case, OFFICE, now)
    assert (body["event_type"], body["escalation_id"], body["body"], body["reference"]) == \
        ("case_escalated", 1, "赣州市公安局维权委", None)
    now = at("2026-09-14T10:00")
    lifecycle.record_escalation_outcome(case, escalation_outcome_cmd("2026-09-12"), OFFICE,
                                        now, cal)
    body = _announce(events.escalation_answered, case, OFFICE, now)
    assert body["answered_at"] == "2026-09-12T00:00:00+08:00"
    assert "outcome" not in body, "free-text answers stay off the bus"
    lifecycle.extend(case, extension_cmd("2026-10-30"), DIRECTOR, now, cal)
    body = _announce(events.extended, case, DIRECTOR, now)
    assert {k: body[k] for k in ("clock_kind", "old_due", "new_due", "reason")} == {
        "clock_kind": "written_reply", "old_due": "2026-10-08T23:59:59+08:00",
        "new_due": "2026-10-30T23:59:59+08:00", "reason": "案情重大复杂，需协调多部门调查"}
    lifecycle.conclude(case, conclusion_cmd(), OFFICE, at("2026-10-20T10:00"), cal)
    body = _announce(events.concluded, case, OFFICE, at("2026-10-20T10:00"))
    assert (body["outcome"], body["reply_state"]) == ("established", "met")
    assert "findings" not in body and "经调查" not in str(body)
    lifecycle.request_reexamination(case, reexam_cmd(), OFFICER, at("2026-10-21T10:00"), cal)
    body = _announce(events.reexamination_requested, case, OFFICER, at("2026-10-21T10:00"))
    assert body["body"] == "上级公安机关维权组织" and "对办理结论不服" not in str(body)
    lifecycle.record_reexamination_outcome(case, reexam_outcome_cmd("2026-10-22", "revised"),
                                           OFFICE, at("2026-10-23T10:00"), cal)
    body = _announce(events.reexamination_decided, case, OFFICE, at("2026-10-23T10:00"))
    assert (body["outcome"], body["decided_at"]) == ("revised", "2026-10-22T00:00:00+08:00")


@pytest.mark.parametrize("outcome, status, reply_due", [
    ("refusal_upheld", "closed", None),
    ("refusal_overturned", "accepted", {"due": "2026-11-18T23:59:59+08:00",
                                        "provisional": False}),
])
def test_appeal_decided_event(cal, outcome, status, reply_due):
    case = appealed(cal)
    now = at("2026-10-20T10:00")
    lifecycle.record_appeal_outcome(case, appeal_outcome_cmd("2026-10-19", outcome), OFFICE,
                                    now, cal)
    uow = FakeUow()
    events.appeal_decided(uow, case, OFFICE, now)
    # an overturned refusal is an acceptance for the departments: case_accepted comes first
    assert [b["event_type"] for b in uow.bodies] == \
        (["case_accepted"] if reply_due else []) + ["appeal_decided"]
    body = uow.bodies[-1]
    if reply_due:
        assert uow.bodies[0]["reply_due"] == reply_due
    assert (body["outcome"], body["status"], body["reply_due"]) == (outcome, status, reply_due)
    assert body["flags"] == case.flags and body["category"] == case.category
