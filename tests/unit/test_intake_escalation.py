"""Pure domain of the committee office after the acceptance decision (intake.domain.lifecycle):
escalation to a higher level (Art. 18) and the recording of its answer.

Builders, time and calendar notes: tests/unit/helpers_lifecycle.py."""
import pytest

from intake.domain import lifecycle
from intake.domain.records import record_fields
from intake.views import location
from tests.unit.helpers_intake import CYBER, DIRECTOR, MEMBER, OFFICE, OFFICER, at, raises
from tests.unit.helpers_lifecycle import (accepted, assert_conflict, conclusion_cmd,
                                          escalation_cmd, escalation_outcome_cmd, in_status)

pytestmark = pytest.mark.unit


# ---- escalation (Art. 18) ----------------------------------------------------------------

@pytest.mark.parametrize("status", ["submitted", "accepted"])
@pytest.mark.parametrize("principal", [OFFICE, DIRECTOR])
def test_escalation_from_an_open_case(cal, status, principal):
    case = in_status(cal, status)
    now = at("2026-09-10T10:00")
    lifecycle.escalate(case, escalation_cmd(reference=" 赣县公维〔2026〕1号 "), principal, now, cal)
    assert case.status == status, "escalation does not change the status"
    assert [record_fields(e) for e in case.escalations] == [{
        "id": 1, "reason": "涉及市外单位，需上级协调", "body": "赣州市公安局维权委",
        "reference": "赣县公维〔2026〕1号", "escalated_at": now,
        "by": principal["username"], "outcome": None}]
    assert case.history[-1].action == "case_escalated"
    assert case.history[-1].detail == {"escalation_id": 1, "body": "赣州市公安局维权委",
                                       "reference": "赣县公维〔2026〕1号",
                                       "escalated_at": "2026-09-10T10:00:00+08:00"}
    assert location(case) == {"at": "higher_level", "why": "escalation"}


def test_escalations_are_numbered(cal):
    case = accepted(cal)
    lifecycle.escalate(case, escalation_cmd(), OFFICE, at("2026-09-10T10:00"), cal)
    lifecycle.escalate(case, escalation_cmd("江西省公安厅维权委"), DIRECTOR,
                       at("2026-09-11T10:00"), cal)
    assert [(e.id, e.body, e.reference) for e in case.escalations] == [
        (1, "赣州市公安局维权委", None), (2, "江西省公安厅维权委", None)]


@pytest.mark.parametrize("status", ["rejected", "appealed", "concluded", "reexamination",
                                    "closed"])
def test_escalation_only_from_an_open_case(cal, status):
    case = in_status(cal, status)
    err = raises(lifecycle.escalate, case, escalation_cmd(), OFFICE, at("2026-10-25T10:00"), cal)
    assert_conflict(err, "not_open", status)
    assert case.escalations == []


@pytest.mark.parametrize("principal", [MEMBER, OFFICER, CYBER])
def test_only_office_or_director_escalates(cal, principal):
    case = accepted(cal)
    err = raises(lifecycle.escalate, case, escalation_cmd(), principal, at("2026-09-10T10:00"),
                 cal)
    assert err.status == 403


@pytest.mark.parametrize("principal", [OFFICE, DIRECTOR, MEMBER])
def test_escalation_outcome_brings_the_case_back(cal, principal):
    case = accepted(cal)
    lifecycle.escalate(case, escalation_cmd(), OFFICE, at("2026-09-10T10:00"), cal)
    now = at("2026-09-20T10:00")
    lifecycle.record_escalation_outcome(case, escalation_outcome_cmd("2026-09-18"), principal,
                                        now, cal)
    assert record_fields(case.escalations[0]) == {
        "id": 1, "reason": "涉及市外单位，需上级协调", "body": "赣州市公安局维权委",
        "reference": "赣市公维函〔2026〕7号", "escalated_at": at("2026-09-10T10:00"),
        "by": "office1", "outcome": "已协调市外单位配合调查", "answered_at": at("2026-09-18T00:00"),
        "outcome_recorded_at": now, "outcome_by": principal["username"]}
    assert case.history[-1].action == "escalation_answered"
    assert case.history[-1].detail == {"escalation_id": 1, "reference": "赣市公维函〔2026〕7号",
                                       "answered_at": "2026-09-18T00:00:00+08:00"}
    assert location(case) == {"at": "committee_office", "why": None}


def test_one_unanswered_escalation_keeps_the_case_at_the_higher_level(cal):
    case = accepted(cal)
    lifecycle.escalate(case, escalation_cmd(), OFFICE, at("2026-09-10T10:00"), cal)
    lifecycle.escalate(case, escalation_cmd("江西省公安厅维权委"), OFFICE,
                       at("2026-09-11T10:00"), cal)
    lifecycle.record_escalation_outcome(case, escalation_outcome_cmd("2026-09-12", 2), OFFICE,
                                        at("2026-09-14T10:00"), cal)
    assert case.escalations[0].outcome is None
    assert location(case) == {"at": "higher_level", "why": "escalation"}


def test_escalation_answered_after_the_conclusion(cal):
    case = accepted(cal)
    lifecycle.escalate(case, escalation_cmd(), OFFICE, at("2026-09-10T10:00"), cal)
    lifecycle.conclude(case, conclusion_cmd(), OFFICE, at("2026-09-30T10:00"), cal)
    lifecycle.record_escalation_outcome(case, escalation_outcome_cmd("2026-10-09"), OFFICE,
                                        at("2026-10-09T10:00"), cal)
    assert case.status == "concluded" and case.escalations[0].outcome


def test_escalation_outcome_bad_input(cal):
    case = accepted(cal)
    lifecycle.escalate(case, escalation_cmd(), OFFICE, at("2026-09-10T10:00"), cal)
    now = at("2026-09-20T10:00")
    err = raises(lifecycle.record_escalation_outcome, case, escalation_outcome_cmd(
        "2026-09-18", escalation_id=2), OFFICE, now, cal)
    assert err.status == 422 and "escalation_id" in err.fields
    for day in ("2026-09-09", "2026-09-21"):   # before the escalation, in the future
        err = raises(lifecycle.record_escalation_outcome, case, escalation_outcome_cmd(day),
                     OFFICE, now, cal)
        assert err.status == 422 and "answered_at" in err.fields
    err = raises(lifecycle.record_escalation_outcome, case, escalation_outcome_cmd("2026-09-18"),
                 OFFICER, now, cal)
    assert err.status == 403
    assert case.escalations[0].outcome is None
    lifecycle.record_escalation_outcome(case, escalation_outcome_cmd("2026-09-10"), OFFICE, now,
                                        cal)   # the same day as the escalation is fine
    err = raises(lifecycle.record_escalation_outcome, case, escalation_outcome_cmd("2026-09-18"),
                 OFFICE, now, cal)
    assert err.status == 409 and err.code == "escalation_answered"
