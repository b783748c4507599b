"""Who sees a case by its work items (intake.domain.access): a department with an open or done
item on the case, never one whose item was cancelled; and whose queue a principal may list."""
from dataclasses import replace

import pytest

from weiquan.errors import NotAllowed

from intake.domain import access
from intake.domain.work import WorkItem
from tests.unit.helpers_intake import CASE_NO, CYBER, DIRECTOR, OFFICE, at

pytestmark = pytest.mark.unit

POLITICAL = {"username": "zhenggong", "roles": ["political_work"], "police_id": None,
             "unit": "政工室", "name": "政工"}
COMMAND = {"username": "cc1", "roles": ["command_center"], "police_id": None,
           "unit": "指挥中心", "name": "指挥"}
T = at("2026-10-12T09:00")
ITEM = WorkItem(item_id="i1", case_no=CASE_NO, department="cyber_brigade", kind="web_evidence",
                owner="cyber_brigade", due_at=None, state="open", summary="网络证据固定",
                opened_at=T, updated_at=T, last_event_at=T)


@pytest.fixture
def case(cal):
    from tests.unit.helpers_intake import submitted
    return submitted(cal)  # filed by an officer; no department has work on it yet


@pytest.mark.parametrize("principal", [CYBER, POLITICAL, COMMAND])
def test_a_department_without_work_does_not_see_the_case(case, principal):
    assert access.can_view(case, principal) is False


@pytest.mark.parametrize("state, sees", [("open", True), ("done", True), ("cancelled", False)])
def test_the_department_with_an_item_sees_the_case(case, state, sees):
    case.work_items = [replace(ITEM, state=state)]
    assert access.can_view(case, CYBER) is sees
    assert access.can_view(case, POLITICAL) is False   # another department's item grants nothing


def test_an_item_grants_the_department_not_a_username(case):
    case.work_items = [ITEM]
    other_cyber = {**CYBER, "username": "cyber2"}
    assert access.can_view(case, other_cyber) is True


def test_list_scope_carries_the_departments():
    assert access.list_scope(CYBER).departments == ("cyber_brigade",)
    assert access.list_scope(COMMAND).incidents is True
    assert access.list_scope(OFFICE) is None


def test_a_department_lists_its_own_queue_by_default():
    assert access.work_queue_departments(CYBER) == ("cyber_brigade",)
    assert access.work_queue_departments(CYBER, "cyber_brigade") == ("cyber_brigade",)


def test_a_department_asking_for_another_queue_is_refused():
    with pytest.raises(NotAllowed) as refused:
        access.work_queue_departments(CYBER, "political_work")
    assert refused.value.reason == "may_not_list_work_items"


@pytest.mark.parametrize("principal", [OFFICE, DIRECTOR])
def test_the_committee_lists_any_queue_or_all(principal):
    assert access.work_queue_departments(principal) is None
    assert access.work_queue_departments(principal, "logistics") == ("logistics",)


def test_applicants_may_not_list_work_items():
    from tests.unit.helpers_intake import OFFICER
    with pytest.raises(NotAllowed):
        access.work_queue_departments(OFFICER)
