"""Pure projection of every department's work items (intake.domain.work): an item takes an
event only when the event is not older than the last one applied, an update or a close that
overtook its open creates the item, and the timeline entry carries what every role may read."""
from datetime import timedelta

import pytest

from intake.domain import work
from tests.unit.helpers_intake import CASE_NO, at

pytestmark = pytest.mark.unit

T0 = at("2026-10-12T09:00")


def event(event_type, occurred_at, state="open", summary="网络证据固定与有害信息处置",
          due="2026-10-19T09:00:00+08:00", owner="cyber_brigade"):
    return work.WorkEvent.from_body({
        "event_type": event_type, "case_no": CASE_NO, "item_id": "item-1",
        "department": "cyber_brigade", "kind": "web_evidence", "owner": owner, "due": due,
        "state": state, "summary": summary, "occurred_at": occurred_at.isoformat(),
        "actor": {"username": "system", "roles": []}})


def fold(*events):
    item = None
    for e in events:
        item = work.apply(item, e)
    return item


OPEN = event("work_opened", T0)
UPDATE = event("work_updated", T0 + timedelta(hours=1), owner="sun", summary="已指派专人")
CLOSE = event("work_closed", T0 + timedelta(hours=2), state="done", owner="sun",
              summary="证据已固定")


def test_open_update_close_in_order():
    item = fold(OPEN, UPDATE, CLOSE)
    assert (item.state, item.owner, item.summary) == ("done", "sun", "证据已固定")
    assert item.opened_at == T0 and item.last_event_at == CLOSE.occurred_at
    assert item.grants_access


@pytest.mark.parametrize("order", [(CLOSE, UPDATE, OPEN), (UPDATE, CLOSE, OPEN),
                                   (OPEN, CLOSE, UPDATE), (CLOSE, OPEN, UPDATE)])
def test_any_delivery_order_ends_in_the_latest_state(order):
    item = fold(*order)
    assert (item.state, item.summary, item.owner) == ("done", "证据已固定", "sun")
    assert item.last_event_at == CLOSE.occurred_at
    assert item.opened_at == T0  # the open's time, even when it came last


def test_update_before_open_creates_the_item():
    item = fold(UPDATE)
    assert (item.item_id, item.case_no, item.state) == ("item-1", CASE_NO, "open")
    assert item.opened_at == UPDATE.occurred_at


def test_a_stale_event_changes_nothing_but_the_opening_time():
    done = fold(OPEN, CLOSE)
    assert work.apply(done, UPDATE) == done
    assert work.is_stale(done, UPDATE) and not work.is_stale(done, CLOSE)


def test_an_open_at_the_same_instant_as_its_close_does_not_reopen():
    close_now = event("work_closed", T0, state="cancelled", summary="已撤销")
    item = fold(close_now, OPEN)
    assert item.state == "cancelled"
    assert not item.grants_access


def test_applying_the_same_event_twice_is_harmless():
    once = fold(OPEN, UPDATE)
    assert work.apply(once, UPDATE) == once


def test_no_due_date_is_kept_as_none():
    assert fold(event("work_opened", T0, due=None)).due_at is None


def test_timeline_entry_names_the_item_not_its_details():
    entry = work.timeline_entry(CLOSE)
    assert (entry.action, entry.actor, entry.at) == ("work_closed", "system", CLOSE.occurred_at)
    assert entry.detail == {"item_id": "item-1", "department": "cyber_brigade",
                            "kind": "web_evidence", "state": "done", "summary": "证据已固定",
                            "due": "2026-10-19T09:00:00+08:00"}


def test_departments_with_access_are_those_with_open_or_done_items():
    opened = fold(OPEN)
    cancelled = fold(event("work_opened", T0), event("work_closed", T0 + timedelta(1),
                                                      state="cancelled", summary="撤销"))
    assert work.departments_with_access([opened]) == {"cyber_brigade"}
    assert work.departments_with_access([cancelled]) == set()
