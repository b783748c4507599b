"""Protective orders (Art. 20) and the command center's protection work in the dispatch
container: the address kept from everyone else and off the bus, issue once per key, extension
and revocation with their reasons off the bus, and the protection item a threat opens."""
import json
import uuid
from datetime import timedelta

import pytest
from nameko.standalone.events import event_dispatcher
from nameko.testing.services import entrypoint_hook

from weiquan.config import TZ
from weiquan.contracts.events import DISPATCH_EVENTS

from tests.inprocess.dispatch_support import (  # noqa: F401 (cc is a fixture)
    CC, OFFICE, OFFICER, _submitted, cc, iso)
from tests.support.waiting import wait_until

pytestmark = pytest.mark.inprocess
ORDER = {"persons": [{"type": "relative", "name": "王芳芳", "relation": "spouse"}],
         "measures": ["住所周边巡逻"], "address": "城关镇保密小区3栋",
         "valid_until": "2026-12-31T00:00:00+08:00"}


def test_protective_order_address_only_for_the_command_center(cc):
    incident_id = cc.incident()
    body = {"persons": [{"type": "officer", "name": "张伟", "police_id": "360721001"},
                        {"type": "relative", "name": "王芳芳", "relation": "spouse"}],
            "measures": ["住所周边巡逻"], "address": "城关镇保密小区3栋",
            "valid_until": "2026-12-31T00:00:00+08:00", "incident_id": incident_id}
    order = cc.ok("issue_protective_order", body, CC)
    assert order["address"] == "城关镇保密小区3栋" and order["incident_id"] == incident_id
    assert cc.ok("get_protective_order", order["order_id"], CC)["address"] == "城关镇保密小区3栋"
    seen = cc.ok("get_protective_order", order["order_id"], OFFICE)
    assert "address" not in seen and seen["persons"] == body["persons"]
    assert cc.error("get_protective_order", order["order_id"], OFFICER,
                    status=403)["code"] == "forbidden"
    assert cc.error("issue_protective_order", body, OFFICE, status=403)["code"] == "forbidden"
    past = cc.error("issue_protective_order", {**body, "valid_until": "2026-11-30T00:00:00+08:00"},
                    CC, status=422)
    assert past["fields"] == {"valid_until": "有效期须晚于当前时间 / valid_until must be in "
                                             "the future."}
    [issued] = cc.events("protective_order_issued")
    assert issued["order_id"] == order["order_id"] and issued["persons"] == 2
    assert "城关镇保密小区" not in json.dumps(cc.events(), ensure_ascii=False)
    assert "王芳芳" not in json.dumps(cc.events(), ensure_ascii=False)


def test_issuing_an_order_is_idempotent_on_its_key(cc):
    body = {**ORDER, "case_no": "GX-WQ-2026-000051"}
    first = cc.ok("issue_protective_order", body, CC, "cc1:order-1")
    again = cc.ok("issue_protective_order", body, CC, "cc1:order-1")
    assert again == first
    other = cc.ok("issue_protective_order", body, CC, "cc1:order-2")
    assert other["order_id"] != first["order_id"]
    assert len(cc.events("protective_order_issued")) == 2


def test_extend_then_revoke_with_reasons_kept_off_the_bus(cc, clock):
    order = cc.ok("issue_protective_order", {**ORDER, "case_no": "GX-WQ-2026-000052"}, CC)
    assert order["state"] == "active" and [h["change"] for h in order["history"]] == ["issued"]
    oid = order["order_id"]
    clock.advance(timedelta(hours=1))
    err = cc.error("extend_protective_order", oid, {"valid_until": "2026-12-30T00:00:00+08:00",
                                                    "reason": "继续"}, CC, status=422)
    assert err["fields"]["valid_until"].startswith("新有效期须晚于当前有效期")
    assert cc.error("extend_protective_order", oid, {"valid_until": "2027-03-31T00:00:00+08:00"},
                    CC, status=422)["fields"].keys() == {"reason"}
    assert cc.error("extend_protective_order", oid, {"valid_until": "2027-03-31T00:00:00+08:00",
                                                     "reason": "嫌疑人仍在逃"}, OFFICE,
                    status=403)["code"] == "forbidden"
    extended = cc.ok("extend_protective_order", oid,
                     {"valid_until": "2027-03-31T00:00:00+08:00", "reason": "嫌疑人仍在逃"}, CC)
    assert extended["valid_until"] == "2027-03-31T00:00:00+08:00"
    assert extended["history"][1] == {"change": "extended", "at": iso(clock), "by": "cc1",
                                      "reason": "嫌疑人仍在逃",
                                      "valid_until": "2027-03-31T00:00:00+08:00"}
    assert extended["history"][0]["valid_until"] == "2026-12-31T00:00:00+08:00"

    clock.advance(timedelta(days=2))
    assert cc.error("revoke_protective_order", oid, {}, CC, status=422)["fields"].keys() == {
        "reason"}
    revoked = cc.ok("revoke_protective_order", oid, {"reason": "嫌疑人已到案"}, CC)
    assert (revoked["state"], revoked["revoked_at"], revoked["valid_until"]) == (
        "revoked", iso(clock), iso(clock))
    seen = cc.ok("get_protective_order", oid, OFFICE)
    assert [(h["change"], h["reason"]) for h in seen["history"]] == [
        ("issued", None), ("extended", "嫌疑人仍在逃"), ("revoked", "嫌疑人已到案")]
    assert "address" not in seen
    for method, body in (("revoke_protective_order", {"reason": "再次撤销"}),
                         ("extend_protective_order", {"valid_until": "2027-06-30T00:00:00+08:00",
                                                      "reason": "再延期"})):
        err = cc.error(method, oid, body, CC, status=409)
        assert err["code"] == "order_revoked" and "保护令已撤销" in err["message"]
    assert len(cc.ok("get_protective_order", oid, CC)["history"]) == 3

    changed = cc.events("protective_order_changed")
    assert [(b["change"], b["order_id"]) for b in changed] == [("extended", oid),
                                                              ("revoked", oid)]
    for body in changed:
        assert DISPATCH_EVENTS["protective_order_changed"]().validate(body) == {}
    on_bus = json.dumps(cc.events(), ensure_ascii=False)
    for secret in ("嫌疑人仍在逃", "嫌疑人已到案", "城关镇保密小区", "王芳芳"):
        assert secret not in on_bus
    missing = str(uuid.uuid4())
    assert cc.error("revoke_protective_order", missing, {"reason": "x"}, CC,
                    status=404)["code"] == "not_found"


def test_an_expired_order_is_not_extended(cc, clock):
    order = cc.ok("issue_protective_order", {**ORDER, "valid_until": "2026-12-02T10:00:00+08:00",
                                             "case_no": "GX-WQ-2026-000053"}, CC)
    clock.advance(timedelta(days=1))
    assert cc.ok("get_protective_order", order["order_id"], CC)["state"] == "expired"
    err = cc.error("extend_protective_order", order["order_id"],
                   {"valid_until": "2027-01-31T00:00:00+08:00", "reason": "补办"}, CC, status=409)
    assert err["code"] == "order_expired"
    assert cc.events("protective_order_changed") == []


def test_a_threat_opens_protection_once_and_an_order_closes_it(cc, clock):
    """Art. 20: intake's submission of a threat case opens the command center's protection
    item (due a day later) with its work_opened event; a redelivery opens nothing more; an
    order for the case closes it done."""
    submitted = iso(clock)
    event = _submitted(None, "GX-WQ-2026-000061", category="threat_insult_harassment",
                       occurred_at=submitted)
    event_dispatcher(cc.config)("intake", "application_submitted", event)   # over the broker
    wait_until(lambda: cc.events("work_opened"), 10, what="the protection item")
    with entrypoint_hook(cc.container, "on_application_submitted") as handle:
        handle(event)                                              # redelivered
        handle({**event, "event_id": str(uuid.uuid4())})           # a twin event: one per case
        handle(_submitted(None, "GX-WQ-2026-000062", category="mobbing_obstruction",
                          occurred_at=submitted))                  # no threat: none of ours
    [opened] = cc.events("work_opened")
    assert DISPATCH_EVENTS["work_opened"]().validate(opened) == {}
    assert (opened["case_no"], opened["department"], opened["kind"], opened["owner"]) == (
        "GX-WQ-2026-000061", "command_center", "protection", "command_center")
    assert opened["due"] == (clock.now() + timedelta(days=1)).astimezone(TZ).isoformat()
    assert opened["summary"] == "人身安全保护：待评估并落实措施"

    clock.advance(timedelta(hours=3))
    cc.ok("issue_protective_order", {**ORDER, "case_no": "GX-WQ-2026-000061"}, CC)
    [closed] = cc.events("work_closed")
    assert DISPATCH_EVENTS["work_closed"]().validate(closed) == {}
    assert (closed["item_id"], closed["state"], closed["actor"]["username"]) == (
        opened["item_id"], "done", "cc1")
    cc.ok("issue_protective_order", {**ORDER, "case_no": "GX-WQ-2026-000061"}, CC)
    assert len(cc.events("work_closed")) == 1   # closed once


def test_doxxing_of_an_incident_with_an_order_already_in_force_opens_it_done(cc, clock):
    """The order came first (issued for the incident before its case existed): the item the
    case opens is done at once, so the case still shows the command center's work."""
    incident_id = cc.incident(category="privacy_violation")
    cc.ok("issue_protective_order", {**ORDER, "incident_id": incident_id}, CC)
    with entrypoint_hook(cc.container, "on_application_submitted") as handle:
        handle(_submitted(incident_id, "GX-WQ-2026-000063", category="privacy_violation",
                          occurred_at=iso(clock)))
    assert [b["event_type"] for b in cc.events() if b["event_type"].startswith("work_")] == [
        "work_opened", "work_closed"]
    assert cc.ok("get_incident", incident_id, CC)["case_no"] == "GX-WQ-2026-000063"
