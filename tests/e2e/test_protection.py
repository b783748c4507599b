"""Protection (Art. 20) through the gateway with real services: a threat or doxxing case opens
the command center's protection item by itself at submission (dispatch.work_opened, on the
case's work items), an order for the case closes it done; an order is issued once per
Idempotency-Key, extended and revoked with reasons kept in its history and off the bus; a
revoked order refuses both (409); others get 403; bad bodies a 422 naming the field."""
import json
import uuid
from datetime import datetime, timedelta

import pytest

from weiquan.config import TZ
from weiquan.contracts.events import DISPATCH_EVENTS

from tests.support.answers import assert_error, ok
from tests.support.bodies import application
from tests.support.infra import EventTap
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e
SUMMARY = "人身安全保护：待评估并落实措施"


@pytest.fixture(scope="module")
def cc(system):
    assert wait_until(lambda: system.call("GET", "/api/units", "command_center").status_code
                      == 200, 60), "dispatch did not answer"
    return system


@pytest.fixture
def dtap(cc):
    t = EventTap("dispatch")
    yield t
    t.close()


def order_body(case_no, days=30, **over):
    body = {"persons": [{"type": "relative", "name": "王芳芳", "relation": "spouse"}],
            "measures": ["住所周边巡逻"], "address": f"城关镇保密小区{uuid.uuid4().hex[:6]}号",
            "valid_until": (datetime.now(TZ) + timedelta(days=days)).isoformat(),
            "case_no": case_no}
    body.update(over)
    return body


def a_case(system):
    """A case of an ordinary application, for orders issued by case number."""
    return ok(system.call("POST", "/api/applications", "officer",
                          json=application(category="vehicle")), 201)["case_no"]


def changes_of(tap, order_id):
    tap.drain(0.2)
    return [b for rk, b in tap.seen
            if rk == "protective_order_changed" and b["order_id"] == order_id]


def protection_items(system, case_no):
    case = ok(system.call("GET", f"/api/cases/{case_no}", "committee_office"))
    return [w for w in case.get("work_items") or []
            if w["department"] == "command_center" and w["kind"] == "protection"]


@pytest.mark.parametrize("category", ["threat_insult_harassment", "privacy_violation"])
def test_a_threat_opens_protection_at_submission_and_an_order_closes_it(cc, dtap, category):
    case_no = ok(cc.call("POST", "/api/applications", "officer",
                         json=application(category=category)), 201)["case_no"]
    [opened] = dtap.wait_for("work_opened", case_no)
    assert DISPATCH_EVENTS["work_opened"]().validate(opened) == {}
    assert (opened["department"], opened["kind"], opened["owner"], opened["summary"]) == (
        "command_center", "protection", "command_center", SUMMARY)
    due = datetime.fromisoformat(opened["due"]) - datetime.fromisoformat(opened["occurred_at"])
    assert timedelta(hours=23) < due <= timedelta(days=1)
    # the case shows it (intake projects it), before the committee has decided anything
    assert wait_until(lambda: [w["state"] for w in protection_items(cc, case_no)] == ["open"])
    case = ok(cc.call("GET", f"/api/cases/{case_no}", "committee_office"))
    assert case["status"] == "submitted"

    order = ok(cc.call("POST", "/api/protective-orders", "command_center",
                       json=order_body(case_no)), 201)
    [closed] = dtap.wait_for("work_closed", case_no)
    assert closed["item_id"] == opened["item_id"] and closed["state"] == "done"
    assert wait_until(lambda: [w["state"] for w in protection_items(cc, case_no)] == ["done"])
    on_bus = json.dumps([b for _, b in dtap.seen], ensure_ascii=False)
    assert order["address"] not in on_bus and "王芳芳" not in on_bus


def test_an_ordinary_case_opens_no_protection(cc, dtap):
    case_no = ok(cc.call("POST", "/api/applications", "officer",
                         json=application(category="vehicle")), 201)["case_no"]
    assert dtap.wait_for("work_opened", case_no, timeout=2) == []


def test_an_order_is_issued_once_per_idempotency_key(cc, dtap):
    case_no = a_case(cc)
    body, key = order_body(case_no), {"Idempotency-Key": uuid.uuid4().hex}
    first = ok(cc.call("POST", "/api/protective-orders", "command_center", json=body,
                       headers=key), 201)
    again = ok(cc.call("POST", "/api/protective-orders", "command_center", json=body,
                       headers=key), 201)
    assert again["order_id"] == first["order_id"]
    assert len(dtap.wait_for("protective_order_issued", case_no)) == 1


def test_extend_then_revoke_with_reasons_kept_in_the_history(cc, dtap):
    order = ok(cc.call("POST", "/api/protective-orders", "command_center",
                       json=order_body(a_case(cc))), 201)
    path = f"/api/protective-orders/{order['order_id']}"
    later = (datetime.now(TZ) + timedelta(days=90)).replace(microsecond=0)
    extended = ok(cc.call("POST", f"{path}/extension", "command_center",
                          json={"valid_until": later.isoformat(), "reason": "嫌疑人仍在逃"}))
    assert datetime.fromisoformat(extended["valid_until"]) == later
    assert extended["state"] == "active"
    revoked = ok(cc.call("POST", f"{path}/revocation", "command_center",
                         json={"reason": "嫌疑人已到案"}))
    assert revoked["state"] == "revoked" and revoked["revoked_at"]
    seen = ok(cc.call("GET", path, "committee_office"))
    assert [(h["change"], h["by"], h["reason"]) for h in seen["history"]] == [
        ("issued", "command_center", None), ("extended", "command_center", "嫌疑人仍在逃"),
        ("revoked", "command_center", "嫌疑人已到案")]
    assert "address" not in seen

    err = assert_error(cc.call("POST", f"{path}/revocation", "command_center",
                               json={"reason": "再次撤销"}), 409, "order_revoked")
    assert "保护令已撤销" in err["message"]
    assert_error(cc.call("POST", f"{path}/extension", "command_center",
                         json={"valid_until": (later + timedelta(days=1)).isoformat(),
                               "reason": "再延期"}), 409, "order_revoked")
    assert len(ok(cc.call("GET", path, "command_center"))["history"]) == 3

    assert wait_until(lambda: len(changes_of(dtap, order["order_id"])) == 2)
    dtap.drain(1.0)   # a duplicate would be caught too
    bodies = changes_of(dtap, order["order_id"])
    assert [b["change"] for b in bodies] == ["extended", "revoked"]
    for body in bodies:
        assert DISPATCH_EVENTS["protective_order_changed"]().validate(body) == {}
    on_bus = json.dumps(bodies, ensure_ascii=False)
    assert "嫌疑人" not in on_bus and order["address"] not in on_bus


def test_changes_refused_to_others_and_bad_bodies_named(cc):
    order = ok(cc.call("POST", "/api/protective-orders", "command_center",
                       json=order_body(a_case(cc))), 201)
    path = f"/api/protective-orders/{order['order_id']}"
    later = (datetime.now(TZ) + timedelta(days=90)).isoformat()
    for role in ("committee_office", "committee_director", "officer", "political_work"):
        assert_error(cc.call("POST", f"{path}/extension", role,
                             json={"valid_until": later, "reason": "x"}), 403, "forbidden")
        assert_error(cc.call("POST", f"{path}/revocation", role, json={"reason": "x"}), 403,
                     "forbidden")
    post = lambda tail, body: cc.call("POST", path + tail, "command_center", json=body)
    assert_error(post("/extension", {"valid_until": later}), 422, "validation_failed", "reason")
    assert_error(post("/extension", {"valid_until": "2027-01-01T00:00:00", "reason": "x"}), 422,
                 "validation_failed", "valid_until")
    assert_error(post("/extension", {"valid_until": order["valid_until"], "reason": "x"}), 422,
                 "validation_failed", "valid_until")
    assert_error(post("/revocation", {"reason": ""}), 422, "validation_failed", "reason")
    assert_error(post("/revocation", {"reason": "x", "extra": 1}), 422, "validation_failed",
                 "extra")
    assert_error(cc.call("POST", f"/api/protective-orders/{uuid.uuid4()}/revocation",
                         "command_center", json={"reason": "x"}), 404, "not_found")
    seen = ok(cc.call("GET", path, "command_center"))
    assert seen["state"] == "active" and len(seen["history"]) == 1
