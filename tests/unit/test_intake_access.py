"""Pure domain of the committee office (intake.domain): clock states (Clock.state) and who
sees a case (can_view).

Time is always passed in; the calendar is the real one (package data + repo file), so the
dates below are the SPEC.md "Time rules" examples on the 2026 official schedule."""
from datetime import timedelta

import pytest

from intake.domain import access
from intake.domain.model import ACCEPTANCE_DECISION, APPEAL_WINDOW, WRITTEN_REPLY, Case, Clock
from tests.unit.helpers_intake import (CASE_NO, CYBER, DIRECTOR, LIAISON, MEMBER, OFFICE,
                                       OFFICER, OTHER_LIAISON, OTHER_OFFICER, RELATIVE, at,
                                       end_of, submitted)

pytestmark = pytest.mark.unit


# ---- clock states ------------------------------------------------------------------------

DUE = end_of("2026-10-10")


def clock(kind, satisfied_at=None):
    return Clock(kind=kind, start_at=at("2026-09-30T10:00"), due_at=DUE, provisional=False,
                 satisfied_at=satisfied_at)


@pytest.mark.parametrize("kind, satisfied, now, state", [
    (ACCEPTANCE_DECISION, None, DUE - timedelta(days=1), "running"),
    (ACCEPTANCE_DECISION, None, DUE, "running"),
    (ACCEPTANCE_DECISION, None, DUE + timedelta(seconds=1), "overdue"),
    (ACCEPTANCE_DECISION, DUE, DUE + timedelta(days=5), "met"),
    (ACCEPTANCE_DECISION, DUE + timedelta(seconds=1), DUE + timedelta(days=5), "missed"),
    (WRITTEN_REPLY, None, DUE + timedelta(seconds=1), "overdue"),
    (WRITTEN_REPLY, DUE + timedelta(days=1), DUE + timedelta(days=5), "missed"),
    (APPEAL_WINDOW, None, DUE, "running"),
    (APPEAL_WINDOW, None, DUE + timedelta(seconds=1), "lapsed"),
    (APPEAL_WINDOW, DUE - timedelta(hours=1), DUE + timedelta(days=5), "met"),
])
def test_clock_state(kind, satisfied, now, state):
    assert clock(kind, satisfied).state(now) == state


# ---- who sees a case ---------------------------------------------------------------------

@pytest.fixture
def officer_case(cal):
    return submitted(cal)  # filed by OFFICER for police_id 360721001 of 城关派出所


@pytest.mark.parametrize("principal", [OFFICE, DIRECTOR, MEMBER])
def test_committee_sees_every_case(officer_case, principal):
    assert access.is_committee(principal) is True
    assert access.can_view(officer_case, principal) is True


def test_filer_sees_the_case(cal):
    case = submitted(cal, principal=RELATIVE, applicant_type="relative")
    assert access.can_view(case, RELATIVE) is True


def test_officer_concerned_sees_a_case_filed_by_someone_else(cal):
    case = submitted(cal, principal=RELATIVE, applicant_type="relative")
    assert case.filed_by == "lina"
    assert access.can_view(case, OFFICER) is True


def test_unit_liaison_sees_cases_of_its_unit(officer_case):
    assert access.can_view(officer_case, LIAISON) is True
    assert access.can_view(officer_case, OTHER_LIAISON) is False


@pytest.mark.parametrize("principal", [
    OTHER_OFFICER, RELATIVE, CYBER,
    {**OFFICER, "username": "someone", "police_id": None},
    {**CYBER, "police_id": "360721001", "unit": "城关派出所"},  # matching ids, wrong role
])
def test_strangers_do_not_see_the_case(officer_case, principal):
    assert access.is_committee(principal) is False
    assert access.can_view(officer_case, principal) is False


def test_command_center_sees_cases_opened_from_incidents(officer_case):
    command_center = {"username": "dispatcher2", "roles": ["command_center"], "police_id": None,
                      "unit": None, "name": "值班员"}
    assert access.can_view(officer_case, command_center) is False
    officer_case.incident_id = "7d9c1f1e-0000-4000-8000-000000000001"
    assert access.can_view(officer_case, command_center) is True
    assert access.can_view(officer_case, CYBER) is False


def test_case_model_lookup():
    case = Case(case_no=CASE_NO, status="submitted", category="other", channel="app",
                applicant={"type": "officer"}, officer={"police_id": "1", "unit": "u"},
                incident={"off_duty": True}, received_at=DUE, submitted_at=DUE, filed_by="x")
    assert case.clock(ACCEPTANCE_DECISION) is None
    assert case.flags == {"ongoing": False, "off_duty": True, "anti_gang": False,
                          "injury": False}
