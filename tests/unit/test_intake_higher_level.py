"""Pure domain of the committee office (intake.domain.lifecycle): what the higher level answers,
to an appeal against a refusal (Art. 15) and to a request to re-examine a conclusion (Art. 17).

Builders, time and calendar notes: tests/unit/helpers_lifecycle.py."""
from datetime import date

import pytest

from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import AppealOutcomeV1

from intake.domain import lifecycle, rules
from intake.domain.model import WRITTEN_REPLY
from intake.domain.records import record_fields
from intake.views import location
from tests.unit.helpers_intake import (CYBER, DIRECTOR, MEMBER, OFFICE, OFFICER, OTHER_OFFICER,
                                       RELATIVE, appeal_cmd, at, decision, end_of, raises,
                                       submitted)
from tests.unit.helpers_lifecycle import (ALL_STATUSES, appeal_outcome_cmd, appealed,
                                          assert_conflict, concluded, conclusion_cmd,
                                          in_reexamination, in_status, reexam_cmd,
                                          reexam_outcome_cmd)

pytestmark = pytest.mark.unit


# ---- the higher level's answer to an appeal (Art. 15) ------------------------------------

def test_refusal_upheld_closes_the_case(cal):
    case = appealed(cal)
    assert location(case) == {"at": "higher_level", "why": "appeal"}
    now = at("2026-10-20T10:00")
    lifecycle.record_appeal_outcome(case, appeal_outcome_cmd("2026-10-19", "refusal_upheld"),
                                    OFFICE, now, cal)
    assert case.status == "closed"
    assert case.clock(WRITTEN_REPLY) is None
    assert case.appeal.outcome == "refusal_upheld"
    assert case.appeal.reference == "赣市公维复〔2026〕9号"
    assert case.appeal.decided_at == at("2026-10-19T00:00")
    assert case.appeal.outcome_recorded_at == now
    assert case.appeal.answer_received_at == at("2026-10-09T00:00"), "the appeal is kept"
    assert case.history[-1].action == "appeal_decided"
    assert case.history[-1].detail == {"reference": "赣市公维复〔2026〕9号",
                                       "outcome": "refusal_upheld",
                                       "decided_at": "2026-10-19T00:00:00+08:00"}
    assert location(case) == {"at": "committee_office", "why": None}


@pytest.mark.parametrize("decided_at, due", [
    ("2026-10-19T15:00:00+08:00", "2026-11-18"),   # day 30 = Wed 11-18, a working day
    ("2026-10-23", "2026-11-23"),                  # day 30 = Sun 11-22 -> Mon 11-23
])
def test_refusal_overturned_accepts_with_a_thirty_day_reply_clock(cal, decided_at, due):
    case = appealed(cal)
    lifecycle.record_appeal_outcome(case, appeal_outcome_cmd(decided_at), OFFICE,
                                    at("2026-10-26T10:00"), cal)
    assert case.status == "accepted"
    reply = case.clock(WRITTEN_REPLY)
    assert reply.start_at == load_or_error(AppealOutcomeV1, {
        "reference": "x", "outcome": "refusal_overturned", "decided_at": decided_at})["decided_at"]
    assert reply.due_at == end_of(due)
    assert (reply.holder, reply.statutory, reply.provisional) == ("committee_office", True, False)
    assert case.history[-1].detail["reply_due"] == f"{due}T23:59:59+08:00"
    # the case then runs its course like any accepted case
    lifecycle.conclude(case, conclusion_cmd(), OFFICE, at("2026-11-10T10:00"), cal)
    assert case.status == "concluded"


def test_the_thirty_day_rule_moves_a_due_in_a_day_off_period_to_the_next_working_day(cal):
    """Day 30 after 2026-09-02 is Fri 10-02, inside the National Day break (10-01..10-07):
    the deadline is the end of Thu 10-08, the first working day after it."""
    case = submitted(cal, now=at("2026-08-20T09:00"), occurred_at="2026-08-19T20:00:00+08:00")
    rules.decide(case, decision(False, "不属于维权范围"), OFFICE, at("2026-08-21T09:00"), cal)
    rules.appeal(case, appeal_cmd("2026-08-21"), OFFICER, at("2026-08-24T09:00"), cal)
    lifecycle.record_appeal_outcome(case, appeal_outcome_cmd("2026-09-02T11:00:00+08:00"),
                                    OFFICE, at("2026-09-03T09:00"), cal)
    reply = case.clock(WRITTEN_REPLY)
    assert not cal.is_working_day(date(2026, 10, 2))
    assert reply.due_at == end_of("2026-10-08")
    assert reply.state(at("2026-10-08T23:59:59")) == "running"
    assert reply.state(at("2026-10-09T00:00")) == "overdue"


@pytest.mark.parametrize("decided_at", ["2026-09-29", "2026-10-27"])
def test_appeal_outcome_dates(cal, decided_at):
    case = appealed(cal)   # refused 2026-09-30
    err = raises(lifecycle.record_appeal_outcome, case, appeal_outcome_cmd(decided_at), OFFICE,
                 at("2026-10-26T10:00"), cal)
    assert err.status == 422 and "decided_at" in err.fields
    assert case.status == "appealed"


@pytest.mark.parametrize("status", [s for s in ALL_STATUSES if s != "appealed"])
def test_appeal_outcome_needs_a_pending_appeal(cal, status):
    case = in_status(cal, status)
    err = raises(lifecycle.record_appeal_outcome, case, appeal_outcome_cmd("2026-10-20"), OFFICE,
                 at("2026-10-25T10:00"), cal)
    assert_conflict(err, "not_appealed", status)


@pytest.mark.parametrize("principal", [OFFICER, DIRECTOR, MEMBER])
def test_only_the_office_records_the_appeal_outcome(cal, principal):
    case = appealed(cal)
    err = raises(lifecycle.record_appeal_outcome, case, appeal_outcome_cmd("2026-10-20"),
                 principal, at("2026-10-26T10:00"), cal)
    assert err.status == 403


# ---- re-examination (Art. 17) ------------------------------------------------------------

def test_applicant_asks_for_reexamination_after_conclusion(cal):
    case = concluded(cal)
    now = at("2026-10-09T09:00")
    lifecycle.request_reexamination(case, reexam_cmd("  对办理结论不服  "), OFFICER, now, cal)
    assert case.status == "reexamination"
    assert record_fields(case.reexamination) == {
        "reason": "对办理结论不服", "requested_at": now, "by": "zhangwei",
        "body": "上级公安机关维权组织", "reference": None, "outcome": None}
    assert case.history[-1].action == "reexamination_requested"
    assert case.history[-1].detail == {"requested_at": "2026-10-09T09:00:00+08:00",
                                       "body": "上级公安机关维权组织"}
    assert location(case) == {"at": "higher_level", "why": "reexamination"}


def test_office_keys_in_a_paper_request(cal):
    case = concluded(cal)   # concluded 2026-09-30T10:00
    lifecycle.request_reexamination(
        case, reexam_cmd(requested_at="2026-10-08T16:00:00+08:00", body="赣州市公安局维权委"),
        OFFICE, at("2026-10-09T09:00"), cal)
    assert case.reexamination.requested_at == at("2026-10-08T16:00")
    assert case.reexamination.by == "office1"
    assert case.reexamination.body == "赣州市公安局维权委"


@pytest.mark.parametrize("requested_at", ["2026-09-30T09:59:59+08:00", "2026-09-01T10:00:00+08:00"])
def test_reexamination_request_not_before_conclusion(cal, requested_at):
    case = concluded(cal)
    err = raises(lifecycle.request_reexamination, case, reexam_cmd(requested_at=requested_at),
                 OFFICE, at("2026-10-09T09:00"), cal)
    assert err.status == 422 and "requested_at" in err.fields
    assert case.status == "concluded"


def test_reexamination_request_never_in_the_future(cal):
    case = concluded(cal)
    err = raises(lifecycle.request_reexamination, case,
                 reexam_cmd(requested_at="2026-10-10T09:00:00+08:00"), OFFICE,
                 at("2026-10-09T09:00"), cal)
    assert err.status == 422 and "requested_at" in err.fields


@pytest.mark.parametrize("status", [s for s in ALL_STATUSES if s != "concluded"])
def test_reexamination_before_conclusion_is_a_conflict(cal, status):
    case = in_status(cal, status)
    err = raises(lifecycle.request_reexamination, case, reexam_cmd(), OFFICER,
                 at("2026-10-25T10:00"), cal)
    assert_conflict(err, "not_concluded", status)


@pytest.mark.parametrize("principal", [OTHER_OFFICER, RELATIVE, DIRECTOR, MEMBER, CYBER])
def test_only_the_filer_or_the_office_asks_for_reexamination(cal, principal):
    case = concluded(cal)
    err = raises(lifecycle.request_reexamination, case, reexam_cmd(), principal,
                 at("2026-10-09T09:00"), cal)
    assert err.status == 403
    assert case.status == "concluded"


@pytest.mark.parametrize("outcome", ["upheld", "revised"])
def test_reexamination_outcome_closes_the_case(cal, outcome):
    case = in_reexamination(cal)   # requested 2026-10-09T09:00
    now = at("2026-10-21T09:00")
    lifecycle.record_reexamination_outcome(
        case, reexam_outcome_cmd("2026-10-20", outcome, note=" 维持原结论 "), OFFICE, now, cal)
    assert case.status == "closed"
    assert record_fields(case.reexamination) == {
        "reason": "对办理结论不服", "requested_at": at("2026-10-09T09:00"), "by": "zhangwei",
        "body": "上级公安机关维权组织", "reference": "赣市公维复〔2026〕3号", "outcome": outcome,
        "decided_at": at("2026-10-20T00:00"), "note": "维持原结论", "outcome_recorded_at": now,
        "outcome_by": "office1"}
    assert case.history[-1].action == "reexamination_decided"
    assert case.history[-1].detail == {"reference": "赣市公维复〔2026〕3号", "outcome": outcome,
                                       "decided_at": "2026-10-20T00:00:00+08:00"}
    assert location(case) == {"at": "committee_office", "why": None}


def test_reexamination_decided_the_day_it_was_asked(cal):
    case = in_reexamination(cal)
    lifecycle.record_reexamination_outcome(case, reexam_outcome_cmd("2026-10-09"), OFFICE,
                                           at("2026-10-09T17:00"), cal)
    assert case.status == "closed"


@pytest.mark.parametrize("decided_at", ["2026-10-08", "2026-10-22"])
def test_reexamination_outcome_dates(cal, decided_at):
    case = in_reexamination(cal)
    err = raises(lifecycle.record_reexamination_outcome, case, reexam_outcome_cmd(decided_at),
                 OFFICE, at("2026-10-21T09:00"), cal)
    assert err.status == 422 and "decided_at" in err.fields
    assert case.status == "reexamination"


@pytest.mark.parametrize("status", [s for s in ALL_STATUSES if s != "reexamination"])
def test_reexamination_outcome_needs_a_pending_reexamination(cal, status):
    case = in_status(cal, status)
    err = raises(lifecycle.record_reexamination_outcome, case, reexam_outcome_cmd("2026-10-20"),
                 OFFICE, at("2026-10-25T10:00"), cal)
    assert_conflict(err, "not_in_reexamination", status)


@pytest.mark.parametrize("principal", [OFFICER, DIRECTOR, MEMBER])
def test_only_the_office_records_the_reexamination_outcome(cal, principal):
    case = in_reexamination(cal)
    err = raises(lifecycle.record_reexamination_outcome, case, reexam_outcome_cmd("2026-10-20"),
                 principal, at("2026-10-21T09:00"), cal)
    assert err.status == 403
