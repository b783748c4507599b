"""Protection after an order (Art. 20) as plain Python: an order extended to a later time or
revoked, each with its reason in the order's history and an event without the reason; a
revoked or expired order changes no more; the protection work item a threat opens by itself,
due a day after the submission, closed done by an order; every wire body valid by its
contract, with no name, address or reason on it."""
import json
from datetime import datetime, timedelta

import pytest

from weiquan.config import TZ
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import (ProtectiveOrderExtensionV1, ProtectiveOrderRevocationV1,
                                        ProtectiveOrderV1)
from weiquan.contracts.events import build_event
from weiquan.errors import Conflict, Invalid
from weiquan.kit.errors import AppError

from dispatch import events as wire
from dispatch.domain import events, protection, rules
from dispatch.views import order_view

pytestmark = pytest.mark.unit

NOW = datetime(2026, 10, 9, 10, 0, tzinfo=TZ)
CC = {"username": "cc1", "roles": ["command_center"]}
OFFICE = {"username": "office1", "roles": ["committee_office"]}
ADDRESS = "城关镇某小区3栋"
REASON_EXTEND = "嫌疑人仍在逃，继续保护"
REASON_REVOKE = "嫌疑人已到案"


def order(valid_days=30, case_no="GX-WQ-2026-000007"):
    body = {"persons": [{"type": "relative", "name": "李娜", "relation": "spouse"}],
            "measures": ["住所周边巡逻"], "address": ADDRESS,
            "valid_until": (NOW + timedelta(days=valid_days)).isoformat(), "case_no": case_no}
    made = rules.issue_order("o1", load_or_error(ProtectiveOrderV1, body), None, CC, NOW)
    events.pull(made)
    return made


def extension(days, reason=REASON_EXTEND):
    return load_or_error(ProtectiveOrderExtensionV1, {
        "valid_until": (NOW + timedelta(days=days)).isoformat(), "reason": reason})


def revocation(reason=REASON_REVOKE):
    return load_or_error(ProtectiveOrderRevocationV1, {"reason": reason})


class Outbox:
    """uow.emit as kit.uow does it: each body built and validated by its contract."""

    def __init__(self):
        self.bodies = []

    def emit(self, source, event_type, case_no, actor, payload, now=None):
        self.bodies.append(build_event(source, event_type, case_no, actor, payload, now))
        return self.bodies[-1]


def test_extension_keeps_who_when_why_and_announces_without_the_reason():
    o = order()
    later = NOW + timedelta(hours=2)
    protection.extend_order(o, extension(60), CC, later)
    assert o.valid_until == NOW + timedelta(days=60) and o.state(later) == "active"
    [c] = o.changes
    assert (c.change, c.at, c.by, c.reason) == ("extended", later, "cc1", REASON_EXTEND)
    assert c.previous_valid_until == NOW + timedelta(days=30)
    outbox = Outbox()
    [body] = wire.announce(outbox, o)
    assert body["event_type"] == "protective_order_changed"
    assert (body["order_id"], body["change"], body["case_no"]) == (
        "o1", "extended", "GX-WQ-2026-000007")
    assert datetime.fromisoformat(body["valid_until"]) == NOW + timedelta(days=60)
    on_bus = json.dumps(body, ensure_ascii=False)
    assert REASON_EXTEND not in on_bus and ADDRESS not in on_bus and "李娜" not in on_bus


def test_the_history_reads_issued_then_each_change_and_the_address_only_for_cc():
    o = order()
    protection.extend_order(o, extension(60), CC, NOW + timedelta(hours=1))
    protection.revoke_order(o, revocation(), CC, NOW + timedelta(days=2))
    view = order_view(o, CC, NOW + timedelta(days=3))
    assert view["state"] == "revoked" and view["address"] == ADDRESS
    assert [(h["change"], h["by"], h["reason"]) for h in view["history"]] == [
        ("issued", "cc1", None), ("extended", "cc1", REASON_EXTEND),
        ("revoked", "cc1", REASON_REVOKE)]
    assert view["history"][0]["valid_until"] == (NOW + timedelta(days=30)).isoformat()
    assert view["valid_until"] == view["revoked_at"] == (NOW + timedelta(days=2)).isoformat()
    assert "address" not in order_view(o, OFFICE, NOW)


def test_an_extension_must_be_later_than_the_current_validity():
    o = order()
    for days in (30, 10):
        with pytest.raises(Invalid) as e:
            protection.extend_order(o, extension(days), CC, NOW)
        assert e.value.fields == {"valid_until": "validity_not_later"}
        assert e.value.details["current"].startswith("2026-11-08T10:00")
    assert o.changes == [] and o.recorded == [] and o.valid_until == NOW + timedelta(days=30)


@pytest.mark.parametrize("step", ["extend", "revoke"])
def test_a_revoked_order_is_neither_extended_nor_revoked_again(step):
    o = order()
    protection.revoke_order(o, revocation(), CC, NOW + timedelta(days=1))
    events.pull(o)
    with pytest.raises(Conflict) as e:
        if step == "extend":
            protection.extend_order(o, extension(90), CC, NOW + timedelta(days=2))
        else:
            protection.revoke_order(o, revocation(), CC, NOW + timedelta(days=2))
    assert (e.value.code, e.value.details) == ("order_revoked", {"state": "revoked"})
    assert len(o.changes) == 1 and o.recorded == []


@pytest.mark.parametrize("step", ["extend", "revoke"])
def test_an_expired_order_is_neither_extended_nor_revoked(step):
    o = order(valid_days=1)
    after = NOW + timedelta(days=1)   # the validity ends at this instant
    with pytest.raises(Conflict) as e:
        if step == "extend":
            protection.extend_order(o, extension(90), CC, after)
        else:
            protection.revoke_order(o, revocation(), CC, after)
    assert (e.value.code, e.value.details) == (
        "order_expired", {"state": "expired", "valid_until": "2026-10-10T10:00+08:00"})
    assert o.changes == [] and o.revoked_at is None and o.state(after) == "expired"


@pytest.mark.parametrize("body, field", [
    ({"valid_until": "2026-12-01T00:00:00+08:00"}, "reason"),
    ({"valid_until": "2026-12-01T00:00:00+08:00", "reason": "  "}, "reason"),
    ({"reason": "继续"}, "valid_until"),
    ({"valid_until": "2026-12-01T00:00:00", "reason": "继续"}, "valid_until"),
])
def test_an_extension_needs_a_reason_and_an_aware_time(body, field):
    with pytest.raises(AppError) as e:
        load_or_error(ProtectiveOrderExtensionV1, body)
    assert e.value.status == 422 and field in e.value.fields


def test_a_revocation_needs_a_reason():
    with pytest.raises(AppError) as e:
        load_or_error(ProtectiveOrderRevocationV1, {})
    assert e.value.status == 422 and "reason" in e.value.fields


@pytest.mark.parametrize("category, opens", [
    ("threat_insult_harassment", True), ("privacy_violation", True),
    ("mobbing_obstruction", False), ("false_accusation", False)])
def test_threats_and_doxxing_call_for_protection(category, opens):
    assert protection.needs_protection(category) is opens


def test_the_protection_item_opens_due_a_day_after_submission_and_an_order_closes_it():
    submitted = NOW - timedelta(minutes=5)
    item = protection.open_protection("w1", "GX-WQ-2026-000007", submitted, NOW)
    assert (item.state, item.kind, item.owner, item.due) == (
        "open", "protection", "command_center", submitted + timedelta(days=1))
    assert protection.close_protection(item, "o1", events.actor_of(CC), NOW + timedelta(hours=3))
    assert (item.state, item.order_id, item.closed_by) == ("done", "o1", "cc1")
    assert not protection.close_protection(item, "o2", events.actor_of(CC), NOW)
    assert item.order_id == "o1"
    outbox = Outbox()
    opened, closed = wire.announce(outbox, item)
    assert (opened["event_type"], closed["event_type"]) == ("work_opened", "work_closed")
    assert opened["summary"] == "人身安全保护：待评估并落实措施"
    assert opened["department"] == "command_center" and opened["state"] == "open"
    assert opened["actor"] == events.SYSTEM and closed["actor"]["username"] == "cc1"
    assert datetime.fromisoformat(opened["due"]) == submitted + timedelta(days=1)
    assert closed["state"] == "done" and closed["item_id"] == opened["item_id"] == "w1"
    assert closed["case_no"] == "GX-WQ-2026-000007"
