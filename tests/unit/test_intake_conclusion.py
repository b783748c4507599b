"""Pure domain of the committee office after the acceptance decision (intake.domain.lifecycle):
written conclusions and the director's extension of the written-reply deadline (Art. 16).

Builders, time and calendar notes: tests/unit/helpers_lifecycle.py."""
from datetime import date

import pytest

from intake.domain import lifecycle
from intake.domain.model import WRITTEN_REPLY
from intake.domain.records import record_fields
from intake.views import case_summary, case_view
from tests.unit.helpers_intake import CYBER, DIRECTOR, MEMBER, OFFICE, OFFICER, at, end_of, raises
from tests.unit.helpers_lifecycle import (ALL_STATUSES, REPLY_DUE, accepted, assert_conflict,
                                          conclusion_cmd, extension_cmd, in_status)

pytestmark = pytest.mark.unit


# ---- conclusion (Art. 16) ----------------------------------------------------------------

def test_conclusion_in_time_meets_the_reply_deadline(cal):
    case = accepted(cal)
    now = at("2026-09-30T10:00")
    lifecycle.conclude(case, conclusion_cmd(), OFFICE, now, cal)
    assert case.status == "concluded"
    assert record_fields(case.conclusion) == {
        "findings": "经调查，侵权事实成立，已依法处理。", "outcome": "established",
        "concluded_at": now, "by": "office1"}
    reply = case.clock(WRITTEN_REPLY)
    assert reply.satisfied_at == now
    assert reply.state(at("2026-12-01T09:00")) == "met"
    assert case.history[-1].action == "case_concluded"
    assert case.history[-1].actor == "office1"
    assert case.history[-1].detail == {"outcome": "established",
                                       "concluded_at": "2026-09-30T10:00:00+08:00",
                                       "reply_due": "2026-10-08T23:59:59+08:00",
                                       "reply_state": "met"}


@pytest.mark.parametrize("concluded_at, state", [
    ("2026-10-08T23:59:59", "met"),      # the whole last second counts
    ("2026-10-09T00:00", "missed"),
    ("2026-10-20T09:00", "missed"),
])
def test_late_conclusion_shows_missed(cal, concluded_at, state):
    case = accepted(cal)
    lifecycle.conclude(case, conclusion_cmd("partly_established"), OFFICE, at(concluded_at), cal)
    assert case.status == "concluded"
    assert case.clock(WRITTEN_REPLY).state(at("2026-12-01T09:00")) == state
    assert case.history[-1].detail["reply_state"] == state


def test_conclusion_after_an_extension_is_measured_against_the_new_due(cal):
    case = accepted(cal)
    lifecycle.extend(case, extension_cmd("2026-10-30"), DIRECTOR, at("2026-10-05T10:00"), cal)
    lifecycle.conclude(case, conclusion_cmd(), OFFICE, at("2026-10-29T16:00"), cal)
    assert case.clock(WRITTEN_REPLY).state(at("2026-11-02T09:00")) == "met"


@pytest.mark.parametrize("principal", [DIRECTOR, MEMBER, OFFICER, CYBER])
def test_only_the_committee_office_concludes(cal, principal):
    case = accepted(cal)
    err = raises(lifecycle.conclude, case, conclusion_cmd(), principal, at("2026-09-30T10:00"),
                 cal)
    assert err.status == 403
    assert case.status == "accepted" and case.conclusion is None


@pytest.mark.parametrize("status", [s for s in ALL_STATUSES if s != "accepted"])
def test_conclusion_needs_an_accepted_case(cal, status):
    case = in_status(cal, status)
    err = raises(lifecycle.conclude, case, conclusion_cmd(), OFFICE, at("2026-10-25T10:00"), cal)
    assert_conflict(err, "not_accepted", status)
    assert case.status == status


# ---- extension (Art. 16) -----------------------------------------------------------------

def test_director_extends_and_history_keeps_both_dates(cal):
    case = accepted(cal)
    now = at("2026-10-05T10:00")
    lifecycle.extend(case, extension_cmd("2026-11-06"), DIRECTOR, now, cal)
    reply = case.clock(WRITTEN_REPLY)
    assert reply.due_at == end_of("2026-11-06")
    assert reply.extended_from == REPLY_DUE
    assert reply.provisional is False
    assert reply.satisfied_at is None
    assert reply.state(now) == "running"
    assert case.status == "accepted"
    entry = case.history[-1]
    assert (entry.action, entry.actor) == ("deadline_extended", "director")
    assert entry.detail == {"clock_kind": "written_reply",
                            "old_due": "2026-10-08T23:59:59+08:00",
                            "new_due": "2026-11-06T23:59:59+08:00",
                            "statutory_due": "2026-10-08T23:59:59+08:00",
                            "reason": "案情重大复杂，需协调多部门调查", "by": "director"}


def test_extension_clears_the_overdue_flag(cal):
    case = accepted(cal)
    now = at("2026-10-12T09:00")
    reply = case.clock(WRITTEN_REPLY)
    assert reply.state(now) == "overdue"
    reply.missed_at = at("2026-10-09T08:30")   # as the sweep records the miss (Art. 36)
    reply.reminded_on = date(2026, 9, 30)        # ...and the reminder before the old date
    assert case_summary(case, now, cal)["overdue"] is True
    lifecycle.extend(case, extension_cmd("2026-10-30"), DIRECTOR, now, cal)
    assert reply.state(now) == "running"
    assert case_summary(case, now, cal)["overdue"] is False
    # the old miss stays in the accountability register (one row per due date); the marker is
    # cleared so a miss of the new date is recorded too
    assert reply.missed_at is None
    assert reply.reminded_on is None, "a reminder is due again before the new date"
    assert reply.extended_from == REPLY_DUE
    view = [d for d in case_view(case, now, cal)["deadlines"] if d["kind"] == WRITTEN_REPLY][0]
    assert view["state"] == "running"
    assert view["due"] == "2026-10-30T23:59:59+08:00"
    assert view["extended_from"] == "2026-10-08T23:59:59+08:00"
    # ...and it is overdue again only after the new date
    assert reply.state(at("2026-10-30T23:59:59")) == "running"
    assert reply.state(at("2026-10-31T00:00")) == "overdue"


def test_a_second_extension_keeps_the_statutory_date(cal):
    case = accepted(cal)
    lifecycle.extend(case, extension_cmd("2026-10-30"), DIRECTOR, at("2026-10-05T10:00"), cal)
    lifecycle.extend(case, extension_cmd("2026-11-13", "仍需等待鉴定意见"), DIRECTOR,
                     at("2026-10-28T10:00"), cal)
    reply = case.clock(WRITTEN_REPLY)
    assert reply.due_at == end_of("2026-11-13")
    assert reply.extended_from == REPLY_DUE
    assert case.history[-1].detail["old_due"] == "2026-10-30T23:59:59+08:00"
    assert case.history[-1].detail["statutory_due"] == "2026-10-08T23:59:59+08:00"
    assert [h.action for h in case.history].count("deadline_extended") == 2


@pytest.mark.parametrize("new_due", ["2026-11-06T10:00:00+08:00", "2026-11-05T20:00:00Z",
                                     "2026-11-06T23:59:59+08:00"])
def test_new_due_as_a_datetime_is_the_end_of_its_shanghai_day(cal, new_due):
    case = accepted(cal)
    lifecycle.extend(case, extension_cmd(new_due), DIRECTOR, at("2026-10-05T10:00"), cal)
    assert case.clock(WRITTEN_REPLY).due_at == end_of("2026-11-06")


def test_new_due_on_a_swapped_working_saturday_is_allowed(cal):
    case = accepted(cal)
    lifecycle.extend(case, extension_cmd("2026-10-10"), DIRECTOR, at("2026-10-05T10:00"), cal)
    assert case.clock(WRITTEN_REPLY).due_at == end_of("2026-10-10")


@pytest.mark.parametrize("new_due", ["2026-11-07", "2026-11-08", "2027-01-01"])
def test_new_due_must_be_a_working_day(cal, new_due):
    case = accepted(cal)
    err = raises(lifecycle.extend, case, extension_cmd(new_due), DIRECTOR,
                 at("2026-10-05T10:00"), cal)
    assert err.status == 422
    assert new_due in err.fields["new_due"]
    assert case.clock(WRITTEN_REPLY).due_at == REPLY_DUE


@pytest.mark.parametrize("new_due", ["2026-10-08", "2026-09-30", "2026-10-08T09:00:00+08:00"])
def test_new_due_must_be_later_than_the_current_due(cal, new_due):
    case = accepted(cal)
    err = raises(lifecycle.extend, case, extension_cmd(new_due), DIRECTOR,
                 at("2026-09-20T10:00"), cal)
    assert err.status == 422
    assert err.code == "validation_failed"
    assert "2026-10-08" in err.fields["new_due"], "names the current due"
    reply = case.clock(WRITTEN_REPLY)
    assert reply.due_at == REPLY_DUE and reply.extended_from is None


def test_new_due_already_passed_is_refused(cal):
    case = accepted(cal)
    err = raises(lifecycle.extend, case, extension_cmd("2026-10-19"), DIRECTOR,
                 at("2026-10-20T10:00"), cal)
    assert err.status == 422 and "2026-10-19" in err.fields["new_due"]


@pytest.mark.parametrize("principal", [OFFICE, MEMBER, OFFICER, CYBER])
def test_only_the_director_extends(cal, principal):
    case = accepted(cal)
    err = raises(lifecycle.extend, case, extension_cmd("2026-11-06"), principal,
                 at("2026-10-05T10:00"), cal)
    assert err.status == 403
    assert case.clock(WRITTEN_REPLY).due_at == REPLY_DUE


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_extension_needs_a_reason(cal, reason):
    case = accepted(cal)
    cmd = {"new_due": at("2026-11-06T00:00"), "reason": reason}
    err = raises(lifecycle.extend, case, cmd, DIRECTOR, at("2026-10-05T10:00"), cal)
    assert err.status == 422 and "reason" in err.fields
    assert case.clock(WRITTEN_REPLY).due_at == REPLY_DUE


@pytest.mark.parametrize("status", [s for s in ALL_STATUSES if s != "accepted"])
def test_extension_needs_an_open_reply_deadline(cal, status):
    case = in_status(cal, status)
    err = raises(lifecycle.extend, case, extension_cmd("2026-11-27"), DIRECTOR,
                 at("2026-10-25T10:00"), cal)
    assert_conflict(err, "no_open_reply_deadline", status)


def test_extension_of_a_provisional_due_is_a_firm_date(cal):
    case = accepted(cal, "2026-12-15T10:00")     # day 30 = 2027-01-14, no 2027 schedule yet
    reply = case.clock(WRITTEN_REPLY)
    assert reply.provisional is True
    lifecycle.extend(case, extension_cmd("2027-01-20"), DIRECTOR, at("2027-01-05T10:00"), cal)
    assert reply.due_at == end_of("2027-01-20") and reply.provisional is False
    assert reply.extended_from == end_of("2027-01-14")
