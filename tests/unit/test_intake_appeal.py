"""Pure domain of the committee office (intake.domain): the Art. 15 appeal window of a
refused application.

Time is always passed in; the calendar is the real one (package data + repo file), so the
dates below are the SPEC.md "Time rules" examples on the 2026 official schedule."""
import pytest

from intake.domain import rules
from intake.domain.model import APPEAL_WINDOW
from tests.unit.helpers_intake import (CYBER, DIRECTOR, LIAISON, OFFICE, OFFICER, OTHER_OFFICER,
                                       RELATIVE, appeal_cmd, at, decision, end_of, raises, rejected,
                                       submitted)

pytestmark = pytest.mark.unit


# ---- appeal (Art. 15) --------------------------------------------------------------------

def test_appeal_within_the_window(cal):
    case = rejected(cal)
    now = at("2026-10-22T23:00")
    rules.appeal(case, appeal_cmd("2026-10-09"), OFFICER, now, cal)
    assert case.status == "appealed"
    window = case.clock(APPEAL_WINDOW)
    assert window.start_at == at("2026-10-09T00:00")
    assert window.due_at == end_of("2026-10-22")
    assert window.satisfied_at == now
    assert window.state(now) == "met"
    assert case.appeal.window_closes == end_of("2026-10-22")
    assert case.appeal.by == "zhangwei"
    assert case.appeal.answer_received_at == at("2026-10-09T00:00")
    assert case.history[-1].action == "case_appealed"
    assert case.history[-1].detail == {"answer_received_at": "2026-10-09T00:00:00+08:00",
                                       "window_closes": "2026-10-22T23:59:59+08:00"}


def test_appeal_with_a_datetime_answer_received_at(cal):
    case = rejected(cal)
    rules.appeal(case, appeal_cmd("2026-10-09T10:30:00+08:00"), OFFICER,
                 at("2026-10-12T09:00"), cal)
    assert case.status == "appealed"
    assert case.clock(APPEAL_WINDOW).due_at == end_of("2026-10-22")


def test_committee_office_may_appeal_for_the_applicant(cal):
    case = rejected(cal)
    rules.appeal(case, appeal_cmd("2026-09-30"), OFFICE, at("2026-10-12T09:00"), cal)
    assert case.status == "appealed"
    assert case.appeal.by == "office1"


@pytest.mark.parametrize("principal", [OTHER_OFFICER, RELATIVE, LIAISON, DIRECTOR, CYBER])
def test_only_filer_or_committee_office_may_appeal(cal, principal):
    case = rejected(cal)
    err = raises(rules.appeal, case, appeal_cmd("2026-09-30"), principal,
                 at("2026-10-12T09:00"), cal)
    assert err.status == 403
    assert case.status == "rejected"


def keyed_in_and_rejected(cal):
    """A relative's paper application for officer zhangwei, keyed in by the office, refused."""
    case = submitted(cal, now=at("2026-09-29T09:00"), principal=OFFICE,
                     applicant_type="relative", channel="written",
                     received_at="2026-09-29T08:00:00+08:00")
    assert case.filed_by == "office1"
    return rules.decide(case, decision(False, "不属于维权范围"), OFFICE, at("2026-09-30T11:00"),
                        cal)


def test_the_officer_the_case_concerns_may_appeal_a_keyed_in_case(cal):
    case = keyed_in_and_rejected(cal)
    rules.appeal(case, appeal_cmd("2026-09-30"), OFFICER, at("2026-10-12T09:00"), cal)
    assert case.status == "appealed"
    assert case.appeal.by == "zhangwei"


@pytest.mark.parametrize("principal", [OTHER_OFFICER, RELATIVE, LIAISON])
def test_nobody_else_may_appeal_a_keyed_in_case(cal, principal):
    case = keyed_in_and_rejected(cal)
    err = raises(rules.appeal, case, appeal_cmd("2026-09-30"), principal,
                 at("2026-10-12T09:00"), cal)
    assert err.status == 403
    assert case.status == "rejected"


@pytest.mark.parametrize("accept", [None, True])
def test_appeal_only_when_rejected(cal, accept):
    case = submitted(cal)
    if accept:
        rules.decide(case, decision(True), OFFICE, at("2026-09-02T15:00"), cal)
    err = raises(rules.appeal, case, appeal_cmd("2026-09-03"), OFFICER,
                 at("2026-09-04T09:00"), cal)
    assert err.status == 409
    assert err.code == "not_rejected"
    assert err.to_dict()["error"]["status_now"] == ("accepted" if accept else "submitted")


def test_appealing_twice_is_a_conflict(cal):
    case = rejected(cal)
    rules.appeal(case, appeal_cmd("2026-10-09"), OFFICER, at("2026-10-12T09:00"), cal)
    err = raises(rules.appeal, case, appeal_cmd("2026-10-09"), OFFICER,
                 at("2026-10-12T10:00"), cal)
    assert err.status == 409
    assert err.code == "not_rejected"


def test_appeal_after_the_window_names_the_closing_date(cal):
    case = rejected(cal)
    err = raises(rules.appeal, case, appeal_cmd("2026-10-09"), OFFICER,
                 at("2026-10-23T00:00:01"), cal)
    assert err.status == 409
    assert err.code == "appeal_window_closed"
    body = err.to_dict()
    assert body["status"] == 409
    assert body["error"]["code"] == "appeal_window_closed"
    assert body["error"]["window_closed_on"] == "2026-10-22"
    assert body["error"]["window_closed_at"] == "2026-10-22T23:59:59+08:00"
    assert "2026-10-22" in body["error"]["message"]
    assert case.status == "rejected"
    assert case.appeal is None


def test_appeal_window_defaults_to_the_decision_day(cal):
    case = rejected(cal)  # refused 2026-09-30 -> window to 2026-10-20 until told otherwise
    err = raises(rules.appeal, case, appeal_cmd("2026-09-30"), OFFICER,
                 at("2026-10-21T08:00"), cal)
    assert err.code == "appeal_window_closed"
    assert err.to_dict()["error"]["window_closed_on"] == "2026-10-20"


def test_answer_received_before_the_decision_is_refused(cal):
    case = rejected(cal)
    err = raises(rules.appeal, case, appeal_cmd("2026-09-29"), OFFICER,
                 at("2026-10-12T09:00"), cal)
    assert err.status == 422
    assert list(err.fields) == ["answer_received_at"]
    assert case.status == "rejected"


def test_answer_received_in_the_future_is_refused(cal):
    case = rejected(cal)
    err = raises(rules.appeal, case, appeal_cmd("2026-10-13"), OFFICER,
                 at("2026-10-12T09:00"), cal)
    assert err.status == 422
    assert list(err.fields) == ["answer_received_at"]
