"""intake's projection of every department's work items through its real entrypoints (a
container in this process, migrated SQLite, FixedClock): idempotent on event_id, order-safe
when a close overtakes its open, an unknown case acknowledged, the case answer and timeline,
the department's access by its items, its queue (nearest due first) and the protective-order
change folded onto the timeline."""
from datetime import timedelta

import pytest

from weiquan.contracts.events import build_event

from tests.inprocess.test_intake_adapter import (OFFICE, OFFICER, call, error, ok,  # noqa: F401
                                                 start_intake, submit)

pytestmark = pytest.mark.inprocess

CYBER = {"username": "cyber1", "roles": ["cyber_brigade"], "police_id": None, "unit": None,
         "name": "孙网安"}
POLITICAL = {"username": "zg1", "roles": ["political_work"], "police_id": None, "unit": None,
             "name": "政工"}
SYSTEM = {"username": "system", "roles": ["cyber_brigade"]}


@pytest.fixture
def intake(start_intake, clock):  # noqa: F811
    return start_intake(clock=clock)


def work_event(clock, case_no, event_type, item_id="item-1", state="open", due_days=5,
               summary="网络证据固定与有害信息处置", source="evidence", department="cyber_brigade",
               kind="web_evidence", at=None):
    due = None if due_days is None else (clock.now() + timedelta(days=due_days)).isoformat()
    return build_event(source, event_type, case_no, SYSTEM, {
        "item_id": item_id, "department": department, "kind": kind, "owner": department,
        "due": due, "state": state, "summary": summary}, at or clock.now())


def test_a_work_item_shows_on_the_case_once_and_lets_its_department_see_it(intake, clock):
    case_no = ok(submit(intake, clock))["case_no"]
    error(call(intake, "get_case", case_no, CYBER), 403, "forbidden")
    assert ok(call(intake, "list_cases", {}, CYBER))["total"] == 0
    opened = work_event(clock, case_no, "work_opened")
    call(intake, "on_evidence_work_opened", opened)
    call(intake, "on_evidence_work_opened", opened)                   # redelivered
    case = ok(call(intake, "get_case", case_no, CYBER))
    [item] = case["work_items"]
    assert (item["item_id"], item["department"], item["department_label"], item["kind"],
            item["state"], item["summary"]) == ("item-1", "cyber_brigade", "网安大队",
                                                "web_evidence", "open", "网络证据固定与有害信息处置")
    assert [t["action"] for t in case["timeline"]] == ["application_submitted", "work_opened"]
    assert case["timeline"][-1]["detail"]["item_id"] == "item-1"
    assert ok(call(intake, "list_cases", {}, CYBER))["total"] == 1
    error(call(intake, "get_case", case_no, POLITICAL), 403, "forbidden")  # not its item


def test_a_close_that_overtook_its_open_wins_and_a_cancelled_item_grants_nothing(intake, clock):
    case_no = ok(submit(intake, clock))["case_no"]
    opened = work_event(clock, case_no, "work_opened")
    cancelled = work_event(clock, case_no, "work_closed", state="cancelled", summary="已撤销",
                           at=clock.now() + timedelta(minutes=5))
    call(intake, "on_evidence_work_closed", cancelled)   # delivered first
    call(intake, "on_evidence_work_opened", opened)
    case = ok(call(intake, "get_case", case_no, OFFICE))
    assert [(i["state"], i["summary"]) for i in case["work_items"]] == [("cancelled", "已撤销")]
    assert sorted(t["action"] for t in case["timeline"]) == [
        "application_submitted", "work_closed", "work_opened"]
    error(call(intake, "get_case", case_no, CYBER), 403, "forbidden")


def test_an_event_for_a_case_intake_does_not_have_is_acknowledged(intake, clock):
    call(intake, "on_welfare_work_opened", work_event(
        clock, "GX-WQ-2026-999999", "work_opened", source="welfare", department="political_work",
        kind="green_channel", summary="就医绿色通道已开启"))
    assert ok(call(intake, "list_work_items", {}, OFFICE))["total"] == 0


def test_a_department_lists_its_own_queue_nearest_due_first(intake, clock):
    case_no = ok(submit(intake, clock))["case_no"]
    for item_id, days in (("late", 9), ("none", None), ("soon", 1)):
        call(intake, "on_evidence_work_opened",
             work_event(clock, case_no, "work_opened", item_id=item_id, due_days=days))
    call(intake, "on_welfare_work_opened", work_event(
        clock, case_no, "work_opened", item_id="green", source="welfare",
        department="political_work", kind="green_channel", summary="就医绿色通道已开启"))
    queue = ok(call(intake, "list_work_items", {}, CYBER))
    assert [i["item_id"] for i in queue["items"]] == ["soon", "late", "none"]
    assert (queue["total"], queue["departments"], queue["state"]) == (3, ["cyber_brigade"], "open")
    error(call(intake, "list_work_items", {"department": "political_work"}, CYBER), 403,
          "forbidden")
    error(call(intake, "list_work_items", {}, OFFICER), 403, "forbidden")
    error(call(intake, "list_work_items", {"state": "lost"}, CYBER), 422, "validation_failed")
    everyone = ok(call(intake, "list_work_items", {"page_size": 2}, OFFICE))
    assert (everyone["total"], len(everyone["items"])) == (4, 2)
    theirs = ok(call(intake, "list_work_items", {"department": "political_work"}, OFFICE))
    assert [i["item_id"] for i in theirs["items"]] == ["green"]


def test_a_protective_order_change_joins_the_timeline(intake, clock):
    case_no = ok(submit(intake, clock))["case_no"]
    changed = build_event("dispatch", "protective_order_changed", case_no,
                          {"username": "cc1", "roles": ["command_center"]}, {
                              "incident_id": None, "order_id": "order-1", "change": "extended",
                              "valid_until": (clock.now() + timedelta(days=30)).isoformat(),
                              "at": clock.now().isoformat()}, clock.now())
    call(intake, "on_protective_order_changed", changed)
    call(intake, "on_protective_order_changed", changed)   # redelivered
    timeline = ok(call(intake, "get_case", case_no, OFFICE))["timeline"]
    assert [t["action"] for t in timeline] == ["application_submitted",
                                              "protective_order_changed"]
    assert (timeline[-1]["detail"]["order_id"], timeline[-1]["detail"]["change"]) == \
        ("order-1", "extended")
    assert "reason" not in timeline[-1]["detail"]
