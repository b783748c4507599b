"""Pure domain of the committee office (intake.domain): the acceptance decision (Art. 14,
16) and the written reply clock it starts.

Time is always passed in; the calendar is the real one (package data + repo file), so the
dates below are the SPEC.md "Time rules" examples on the 2026 official schedule."""
import pytest

from intake.domain import rules
from intake.domain.model import ACCEPTANCE_DECISION, APPEAL_WINDOW, WRITTEN_REPLY
from intake.domain.records import record_fields
from tests.unit.helpers_intake import (CYBER, DIRECTOR, MEMBER, OFFICE, OFFICER, at, decision,
                                       end_of, raises, submitted)

pytestmark = pytest.mark.unit


# ---- decision (Art. 14, 16) --------------------------------------------------------------

def test_accept_starts_the_thirty_day_reply_clock_past_holidays(cal):
    case = submitted(cal)
    now = at("2026-09-02T15:00")
    rules.decide(case, decision(True), OFFICE, now, cal)
    assert case.status == "accepted"
    assert record_fields(case.decision) == {"accept": True, "reason": None, "decided_at": now,
                                            "decided_by": "office1", "recorded_at": now}
    acceptance = case.clock(ACCEPTANCE_DECISION)
    assert acceptance.satisfied_at == now
    assert acceptance.state(now) == "met"
    reply = case.clock(WRITTEN_REPLY)
    # day 30 is Fri 2026-10-02 in the National Day break -> Thu 2026-10-08
    assert reply.due_at.isoformat() == "2026-10-08T23:59:59+08:00"
    assert reply.start_at == now
    assert reply.provisional is False
    assert case.clock(APPEAL_WINDOW) is None
    assert [h.action for h in case.history] == ["application_submitted", "case_accepted"]
    assert case.history[-1].detail == {"accept": True,
                                       "decided_at": "2026-09-02T15:00:00+08:00"}


@pytest.mark.parametrize("accepted, due", [
    ("2026-09-02T15:00", "2026-10-08"),   # day 30 = Fri 10-02, National Day break
    ("2026-10-12T10:00", "2026-11-11"),   # day 30 = Wed 11-11, a working day
    ("2026-10-24T10:00", "2026-11-23"),   # accepted on a Saturday; day 30 = Mon 11-23
    ("2026-10-23T10:00", "2026-11-23"),   # day 30 = Sun 11-22 -> Mon 11-23
])
def test_reply_clock_is_thirty_calendar_days(cal, accepted, due):
    case = submitted(cal, now=at("2026-09-02T09:00"))
    rules.decide(case, decision(True), OFFICE, at(accepted), cal)
    assert case.clock(WRITTEN_REPLY).due_at == end_of(due)


def test_refuse_opens_the_appeal_window(cal):
    case = submitted(cal, now=at("2026-09-29T09:00"))
    now = at("2026-09-30T11:00")
    rules.decide(case, decision(False, "  不属于维权范围  "), OFFICE, now, cal)
    assert case.status == "rejected"
    assert case.decision.reason == "不属于维权范围"
    assert case.clock(WRITTEN_REPLY) is None
    window = case.clock(APPEAL_WINDOW)
    assert window.start_at == now
    assert window.due_at == end_of("2026-10-20")  # 10 working days after 09-30
    assert window.state(now) == "running"
    assert case.history[-1].action == "case_rejected"
    assert case.history[-1].detail == {"accept": False,
                                       "decided_at": "2026-09-30T11:00:00+08:00",
                                       "reason": "不属于维权范围"}


def test_paper_decision_date_drives_the_clocks(cal):
    case = submitted(cal, now=at("2026-09-02T09:00"))
    now = at("2026-09-10T10:00")
    rules.decide(case, decision(True, decided_at="2026-09-02T16:00:00+08:00"), OFFICE, now, cal)
    assert case.decision.decided_at == at("2026-09-02T16:00")
    assert case.decision.recorded_at == now
    assert case.clock(ACCEPTANCE_DECISION).satisfied_at == at("2026-09-02T16:00")
    assert case.clock(WRITTEN_REPLY).due_at == end_of("2026-10-08")
    assert case.history[-1].detail["paper_decision"] is True


def test_late_decision_is_missed(cal):
    case = submitted(cal, now=at("2026-09-18T15:00"))  # due 2026-09-22
    now = at("2026-09-23T09:00")
    rules.decide(case, decision(True), OFFICE, now, cal)
    assert case.clock(ACCEPTANCE_DECISION).state(now) == "missed"


@pytest.mark.parametrize("principal", [DIRECTOR, MEMBER, OFFICER, CYBER])
def test_only_the_committee_office_decides(cal, principal):
    case = submitted(cal)
    err = raises(rules.decide, case, decision(True), principal, at("2026-09-02T15:00"), cal)
    assert err.status == 403
    assert case.status == "submitted"


def test_deciding_twice_is_a_conflict(cal):
    case = submitted(cal)
    rules.decide(case, decision(True), OFFICE, at("2026-09-02T15:00"), cal)
    err = raises(rules.decide, case, decision(False, "重复"), OFFICE, at("2026-09-02T16:00"), cal)
    assert err.status == 409
    assert err.code == "already_decided"
    assert err.to_dict()["error"]["status_now"] == "accepted"
    assert case.status == "accepted"


def test_decided_at_in_the_future_is_refused(cal):
    case = submitted(cal)
    err = raises(rules.decide, case, decision(True, decided_at="2026-09-02T16:00:00+08:00"),
                 OFFICE, at("2026-09-02T15:00"), cal)
    assert err.status == 422
    assert list(err.fields) == ["decided_at"]
    assert case.status == "submitted"


def test_decided_at_before_receipt_is_refused(cal):
    case = submitted(cal, now=at("2026-09-02T09:00"))
    err = raises(rules.decide, case, decision(True, decided_at="2026-09-02T08:59:00+08:00"),
                 OFFICE, at("2026-09-02T15:00"), cal)
    assert err.status == 422
    assert list(err.fields) == ["decided_at"]
    assert case.decision is None
