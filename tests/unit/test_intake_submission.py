"""Pure domain of the committee office (intake.domain): case numbers, who may file what
(Art. 12) and the Art. 14 acceptance clock of a new case.

Time is always passed in; the calendar is the real one (package data + repo file), so the
dates below are the SPEC.md "Time rules" examples on the 2026 official schedule."""
from datetime import datetime, timezone

import pytest

from intake.domain import rules
from intake.domain.model import ACCEPTANCE_DECISION
from tests.unit.helpers_intake import (CASE_NO, CYBER, LIAISON, OFFICE, OFFICER, RELATIVE,
                                       application, at, end_of, raises)

pytestmark = pytest.mark.unit


# ---- case number -------------------------------------------------------------------------

@pytest.mark.parametrize("year, seq, expected", [
    (2026, 123, "GX-WQ-2026-000123"),
    (2026, 1, "GX-WQ-2026-000001"),
    (2027, 999999, "GX-WQ-2027-999999"),
])
def test_case_number_format(year, seq, expected):
    assert rules.case_number(year, seq) == expected


# ---- acceptance deadline (Art. 14) -------------------------------------------------------

@pytest.mark.parametrize("now, due", [
    # SPEC examples: Wed 2026-09-30 -> Sat 2026-10-10 (swapped working day after National Day)
    ("2026-09-30T10:00", "2026-10-10"),
    # Fri 2026-09-18 -> Tue 2026-09-22 (Sun 2026-09-20 is a swapped working day)
    ("2026-09-18T15:00", "2026-09-22"),
    # late evening still counts as the day of receipt, not the next one
    ("2026-09-30T23:59", "2026-10-10"),
])
def test_acceptance_deadline_is_three_working_days_after_receipt(cal, now, due):
    case = rules.new_case(CASE_NO, application(occurred_at="2026-09-17T08:00:00+08:00"),
                          OFFICER, at(now), cal)
    clock = case.clock(ACCEPTANCE_DECISION)
    assert clock.due_at == end_of(due)
    assert clock.due_at.isoformat() == f"{due}T23:59:59+08:00"
    assert clock.provisional is False
    assert clock.start_at == at(now)
    assert clock.satisfied_at is None


def test_receipt_in_utc_is_counted_on_the_shanghai_day(cal):
    # 2026-09-29T16:30Z is 2026-09-30 00:30 in Shanghai -> the 09-30 example applies
    now = datetime(2026, 9, 29, 16, 30, tzinfo=timezone.utc)
    case = rules.new_case(CASE_NO, application(occurred_at="2026-09-29T09:00:00+08:00"),
                          OFFICER, now, cal)
    assert case.clock(ACCEPTANCE_DECISION).due_at == end_of("2026-10-10")


def test_deadline_reaching_a_year_without_official_schedule_is_provisional(cal):
    assert not cal.is_official(2027)  # if this fails, pick a later year for this test
    case = rules.new_case(CASE_NO, application(occurred_at="2026-12-28T09:00:00+08:00"),
                          OFFICER, at("2026-12-29T10:00"), cal)
    clock = case.clock(ACCEPTANCE_DECISION)
    assert clock.provisional is True
    assert clock.due_at == end_of("2027-01-04")


def test_new_case_fields_and_timeline(cal):
    now = at("2026-09-30T10:00")
    case = rules.new_case(CASE_NO, application(ongoing=True, injury=True), OFFICER, now, cal)
    assert case.case_no == CASE_NO
    assert case.status == "submitted"
    assert case.category == "violent_attack"
    assert case.channel == "app"
    assert case.filed_by == "zhangwei"
    assert case.received_at == now
    assert case.submitted_at == now
    assert case.decision is None and case.appeal is None
    assert [c.kind for c in case.clocks] == [ACCEPTANCE_DECISION]
    assert case.flags == {"ongoing": True, "off_duty": False, "anti_gang": False, "injury": True}
    assert len(case.history) == 1
    entry = case.history[0]
    assert (entry.at, entry.action, entry.actor) == (now, "application_submitted", "zhangwei")
    assert entry.detail == {"channel": "app", "category": "violent_attack"}


# ---- who may file what (Art. 12) ---------------------------------------------------------

@pytest.mark.parametrize("principal, applicant_type", [
    (OFFICER, "officer"), (RELATIVE, "relative"), (LIAISON, "unit")])
def test_each_applicant_role_files_as_its_own_type(cal, principal, applicant_type):
    now = at("2026-09-30T10:00")
    cmd = application(applicant_type=applicant_type)
    assert rules.check_submission(cmd, principal, now) == now
    case = rules.new_case(CASE_NO, cmd, principal, now, cal)
    assert case.applicant["type"] == applicant_type
    assert case.filed_by == principal["username"]


@pytest.mark.parametrize("principal, wrong_type, own_type", [
    (OFFICER, "relative", "officer"), (OFFICER, "unit", "officer"),
    (RELATIVE, "officer", "relative"), (RELATIVE, "unit", "relative"),
    (LIAISON, "officer", "unit"), (LIAISON, "relative", "unit")])
def test_applicant_role_cannot_file_as_another_type(principal, wrong_type, own_type):
    err = raises(rules.check_submission, application(applicant_type=wrong_type), principal,
                 at("2026-09-30T10:00"))
    assert err.status == 422
    assert err.code == "validation_failed"
    assert list(err.fields) == ["applicant.type"]
    assert f"'{own_type}'" in err.fields["applicant.type"]


def test_officer_must_apply_with_own_police_id():
    err = raises(rules.check_submission, application(police_id="360721999"), OFFICER,
                 at("2026-09-30T10:00"))
    assert err.status == 422
    assert list(err.fields) == ["officer.police_id"]


def test_relative_may_name_any_officer():
    now = at("2026-09-30T10:00")
    cmd = application(applicant_type="relative", police_id="360721999")
    assert rules.check_submission(cmd, RELATIVE, now) == now


def test_officer_account_without_police_id_cannot_file_for_someone():
    nobody = {**OFFICER, "police_id": None}
    err = raises(rules.check_submission, application(police_id="360721999"), nobody,
                 at("2026-09-30T10:00"))
    assert (err.status, err.code) == (403, "forbidden")
    assert "police ID" in err.message


@pytest.mark.parametrize("roles", [["cyber_brigade"], ["committee_director"],
                                   ["committee_member"], ["command_center"], ["ops"], []])
def test_other_roles_cannot_submit(roles):
    principal = {**CYBER, "roles": roles}
    err = raises(rules.check_submission, application(), principal, at("2026-09-30T10:00"))
    assert err.status == 403
    assert err.code == "forbidden"


@pytest.mark.parametrize("principal, applicant_type", [
    (OFFICER, "officer"), (RELATIVE, "relative"), (LIAISON, "unit")])
def test_applicants_cannot_use_the_written_channel(principal, applicant_type):
    err = raises(rules.check_submission, application(applicant_type, channel="written"),
                 principal, at("2026-09-30T10:00"))
    assert err.status == 422
    assert list(err.fields) == ["channel"]


@pytest.mark.parametrize("principal, applicant_type", [
    (OFFICER, "officer"), (RELATIVE, "relative"), (LIAISON, "unit")])
def test_applicants_cannot_set_received_at(principal, applicant_type):
    cmd = application(applicant_type, received_at="2026-09-29T10:00:00+08:00")
    err = raises(rules.check_submission, cmd, principal, at("2026-09-30T10:00"))
    assert err.status == 422
    assert list(err.fields) == ["received_at"]


@pytest.mark.parametrize("channel", ["app", "intranet", "internet"])
def test_committee_office_keys_in_written_applications_only(channel):
    err = raises(rules.check_submission, application(channel=channel), OFFICE,
                 at("2026-09-30T10:00"))
    assert err.status == 422
    assert err.code == "validation_failed"
    assert list(err.fields) == ["channel"]
    assert "'written'" in err.fields["channel"]


def test_committee_office_written_without_received_at_is_received_now(cal):
    now = at("2026-09-18T15:00")
    case = rules.new_case(CASE_NO, application(channel="written",
                                               occurred_at="2026-09-17T08:00:00+08:00"),
                          OFFICE, now, cal)
    assert case.received_at == now
    assert case.filed_by == "office1"
    assert case.clock(ACCEPTANCE_DECISION).due_at == end_of("2026-09-22")
    assert case.history[0].detail == {"channel": "written", "category": "violent_attack"}


def test_committee_office_past_received_at_drives_the_deadline(cal):
    now = at("2026-10-12T09:00")
    cmd = application(channel="written", received_at="2026-09-30T16:00:00+08:00",
                      occurred_at="2026-09-29T09:00:00+08:00")
    case = rules.new_case(CASE_NO, cmd, OFFICE, now, cal)
    assert case.received_at == at("2026-09-30T16:00")
    assert case.submitted_at == now
    clock = case.clock(ACCEPTANCE_DECISION)
    assert clock.start_at == at("2026-09-30T16:00")
    assert clock.due_at == end_of("2026-10-10")
    # keyed in after the deadline: already overdue
    assert clock.state(now) == "overdue"
    assert case.history[0].detail["keyed_in_received_at"] == "2026-09-30T16:00:00+08:00"


def test_committee_office_received_at_in_the_future_is_refused():
    cmd = application(channel="written", received_at="2026-09-30T11:00:00+08:00")
    err = raises(rules.check_submission, cmd, OFFICE, at("2026-09-30T10:00"))
    assert err.status == 422
    assert list(err.fields) == ["received_at"]
    assert "future" in err.fields["received_at"]


def test_received_at_within_clock_skew_is_clamped_to_now():
    now = at("2026-09-30T10:00")
    cmd = application(channel="written", received_at="2026-09-30T10:01:00+08:00")
    assert rules.check_submission(cmd, OFFICE, now) == now


def test_committee_office_received_at_before_incident_is_refused():
    cmd = application(channel="written", received_at="2026-09-29T08:59:00+08:00",
                      occurred_at="2026-09-29T09:00:00+08:00")
    err = raises(rules.check_submission, cmd, OFFICE, at("2026-09-30T10:00"))
    assert err.status == 422
    assert list(err.fields) == ["received_at"]
    assert "before the incident" in err.fields["received_at"]


@pytest.mark.parametrize("principal, applicant_type, channel", [
    (OFFICER, "officer", "app"), (OFFICE, "officer", "written")])
def test_incident_in_the_future_is_refused(principal, applicant_type, channel):
    cmd = application(applicant_type, channel=channel, occurred_at="2026-09-30T10:05:00+08:00")
    err = raises(rules.check_submission, cmd, principal, at("2026-09-30T10:00"))
    assert err.status == 422
    assert list(err.fields) == ["incident.occurred_at"]
