"""The command center's nameko adapter in a real container (migrated SQLite, the session's
broker): the RPC answers the gateway reads, the events staged with each change, the
escalation timer on a clock the test moves, and the case link from intake's event."""
import json
import time
import uuid
from datetime import timedelta

import pytest
from nameko.standalone.events import event_dispatcher
from nameko.testing.services import entrypoint_hook, replace_dependencies
from nameko.testing.utils import get_extension
from sqlalchemy import select

from weiquan import settings
from weiquan.config import TZ
from weiquan.contracts.events import DISPATCH_EVENTS
from weiquan.errors import Conflict
from weiquan.kit.nameko_deps import Database

from dispatch.models import outbox
from dispatch.service import DispatchService
from tests.support.waiting import wait_until

pytestmark = pytest.mark.inprocess

CC = {"username": "cc1", "roles": ["command_center"]}
OFFICE = {"username": "office1", "roles": ["committee_office"]}
OFFICER = {"username": "zw", "roles": ["officer"]}
REPORT = {"officers": [{"police_id": "360721001", "name": "张伟", "unit": "城关派出所"}],
          "place": "城关镇红旗大道", "description": "处警时遭多人围攻",
          "category": "mobbing_obstruction", "ongoing": True, "injury": True}
ACK_TIMEOUT = 3   # seconds; the sweep then runs every second


@pytest.fixture
def cc(service_env, container_factory, clock, monkeypatch):
    """The dispatch container on the test's clock, with a short acknowledgement timeout."""
    monkeypatch.setenv("DISPATCH_ACK_TIMEOUT", str(ACK_TIMEOUT))
    settings.reset()
    container = container_factory(DispatchService, service_env)
    replace_dependencies(container, clock=clock)
    container.start()
    return Service(container, service_env)


class Service:
    """Calls entrypoints as the gateway would, and reads what the service put on its outbox."""

    def __init__(self, container, config):
        self.container, self.config = container, config

    def answer(self, method, *args):
        with entrypoint_hook(self.container, method) as call:
            return call(*args)

    def ok(self, method, *args):
        answer = self.answer(method, *args)
        assert "ok" in answer, answer
        return answer["ok"]

    def error(self, method, *args, status):
        answer = self.answer(method, *args)
        assert answer.get("status") == status, answer
        return answer["error"]

    def events(self, event_type=None):
        db = get_extension(self.container, Database)
        with db.session_factory() as session:
            rows = session.execute(select(outbox.c.routing_key, outbox.c.body)
                                   .order_by(outbox.c.id)).all()
        return [json.loads(body) for key, body in rows if event_type in (None, key)]

    def unit(self, name=None, kind="patrol"):
        return self.ok("register_unit", {"name": name or f"巡逻{uuid.uuid4().hex[:4]}",
                                         "kind": kind}, CC)["unit_id"]

    def incident(self, **over):
        return self.ok("report_incident", {**REPORT, **over}, CC)["incident_id"]


def iso(clock):
    return clock.now().astimezone(TZ).isoformat()


def test_report_dispatch_acknowledge_arrive(cc, clock):
    answer = cc.ok("report_incident", REPORT, CC, "cc1:key-1")
    incident_id = answer["incident_id"]
    assert answer["case_no"] is None
    assert cc.ok("report_incident", REPORT, CC, "cc1:key-1")["incident_id"] == incident_id
    first, second = cc.unit("巡逻一组"), cc.unit("交警一组", "traffic")

    clock.advance(timedelta(seconds=30))
    sent = cc.ok("dispatch_units", incident_id, {"unit_ids": [first, second]}, CC)
    assert [(d["unit_id"], d["state"]) for d in sent["dispatches"]] == [
        (first, "awaiting_ack"), (second, "awaiting_ack")]
    assert {u["status"] for u in cc.ok("list_units", OFFICE)["items"]} == {"dispatched"}
    dispatch_id = sent["dispatches"][0]["dispatch_id"]

    clock.advance(timedelta(seconds=20))
    acked = cc.ok("acknowledge", dispatch_id, CC)
    assert (acked["state"], acked["acknowledged_by"], acked["acknowledged_at"]) == (
        "acknowledged", "cc1", iso(clock))
    assert cc.error("acknowledge", dispatch_id, CC, status=409)["code"] == "already_acknowledged"
    clock.advance(timedelta(minutes=4))
    assert cc.ok("arrive", dispatch_id, CC)["arrived_at"] == iso(clock)

    seen = cc.ok("get_incident", incident_id, OFFICE)
    assert seen["ongoing"] is True and seen["off_duty"] is False
    # one command's dispatches share their time; their order among themselves is not kept
    assert {d["unit_id"]: d["state"] for d in seen["dispatches"]} == {
        first: "arrived", second: "awaiting_ack"}
    units = {u["unit_id"]: u["status"] for u in cc.ok("board", CC)["units"]}
    assert units == {first: "on_scene", second: "dispatched"}

    bodies = cc.events()
    assert [b["event_type"] for b in bodies] == [
        "incident_reported", "units_dispatched", "unit_acknowledged", "unit_arrived"]
    for body in bodies:
        assert DISPATCH_EVENTS[body["event_type"]]().validate(body) == {}
        assert body["incident_id"] == incident_id and body["actor"]["username"] == "cc1"
    assert [u["unit_name"] for u in bodies[1]["units"]] == ["巡逻一组", "交警一组"]
    assert bodies[2]["dispatch_id"] == dispatch_id and bodies[2]["after_escalation"] is False


def test_closing_frees_the_units_and_takes_no_more_dispatches(cc):
    incident_id, unit_id = cc.incident(), cc.unit()
    cc.ok("dispatch_units", incident_id, {"unit_ids": [unit_id]}, CC)
    assert cc.ok("close_incident", incident_id, CC)["status"] == "closed"
    assert cc.ok("list_units", CC)["items"][0]["status"] == "available"
    err = cc.error("dispatch_units", incident_id, {"unit_ids": [unit_id]}, CC, status=409)
    assert err["code"] == "incident_closed" and "不能再派警" in err["message"]
    assert cc.error("close_incident", incident_id, CC, status=409)["message"] == \
        "警情已结束 / The incident is already closed"
    assert cc.ok("list_incidents", {"status": "closed"}, OFFICE)["total"] == 1


@pytest.mark.parametrize("who", [OFFICER, OFFICE])
def test_only_the_command_center_acts(cc, who):
    incident_id, unit_id = cc.incident(), cc.unit()
    err = cc.error("dispatch_units", incident_id, {"unit_ids": [unit_id]}, who, status=403)
    assert err["code"] == "forbidden"
    assert err["message"] == "仅指挥中心可执行此操作 / Only the command center may do this"
    assert cc.error("report_incident", REPORT, who, status=403)["code"] == "forbidden"
    assert cc.error("register_unit", {"name": "x", "kind": "patrol"}, who,
                    status=403)["code"] == "forbidden"
    assert cc.ok("list_units", CC)["items"][0]["status"] == "available"
    assert [b["event_type"] for b in cc.events()] == ["incident_reported"]


def test_officers_do_not_see_incidents(cc):
    incident_id = cc.incident()
    err = cc.error("get_incident", incident_id, OFFICER, status=403)
    assert "仅指挥中心和维权委可查看警情" in err["message"]
    assert cc.error("list_incidents", {}, OFFICER, status=403)["code"] == "forbidden"
    assert cc.ok("get_incident", incident_id, OFFICE)["incident_id"] == incident_id


def test_bad_commands_name_the_field(cc):
    without = {k: v for k, v in REPORT.items() if k != "officers"}
    err = cc.error("report_incident", without, CC, status=422)
    assert err["code"] == "validation_failed" and "officers" in err["fields"]
    err = cc.error("report_incident", {**REPORT, "off_duty": "yes"}, CC, status=422)
    assert err["fields"].keys() == {"off_duty"}
    err = cc.error("report_incident", {**REPORT, "officers": [
        {**REPORT["officers"][0], "personnel_type": "contract"}]}, CC, status=422)
    assert err["fields"].keys() == {"officers.0.personnel_type"}

    incident_id, unit_id = cc.incident(), cc.unit()
    err = cc.error("dispatch_units", incident_id, {"unit_ids": ["no-such", unit_id, unit_id]},
                   CC, status=422)
    assert err["fields"] == {"unit_ids.0": "警力不存在: no-such / Unknown unit: no-such",
                             "unit_ids.2": f"警力重复: {unit_id} / Unit listed twice: {unit_id}"}
    assert cc.error("dispatch_units", incident_id, {"unit_ids": []}, CC,
                    status=422)["fields"].keys() == {"unit_ids"}
    assert cc.error("list_incidents", {"status": "bogus"}, OFFICE, status=422)["fields"] == {
        "status": "状态无效 / Unknown status: bogus"}
    assert cc.error("set_unit_status", unit_id, {"status": "asleep"}, CC,
                    status=422)["fields"].keys() == {"status"}
    assert [b["event_type"] for b in cc.events()] == ["incident_reported"]


def test_conflicts_and_unknown_objects(cc):
    incident_id, unit_id = cc.incident(), cc.unit("巡逻一组")
    err = cc.error("register_unit", {"name": "巡逻一组", "kind": "patrol"}, CC, status=409)
    assert (err["code"], err["message"]) == (
        "unit_exists", "警力名称已存在: 巡逻一组 / A unit with this name exists: 巡逻一组")
    cc.ok("set_unit_status", unit_id, {"status": "off_duty"}, CC)
    err = cc.error("dispatch_units", incident_id, {"unit_ids": [unit_id]}, CC, status=409)
    assert (err["code"], err["units"]) == ("unit_unavailable", ["巡逻一组"])
    cc.ok("set_unit_status", unit_id, {"status": "available"}, CC)
    [d] = cc.ok("dispatch_units", incident_id, {"unit_ids": [unit_id]}, CC)["dispatches"]
    err = cc.error("set_unit_status", unit_id, {"status": "off_duty"}, CC, status=409)
    assert (err["code"], err["unit_status"]) == ("unit_busy", "dispatched")
    assert cc.error("arrive", d["dispatch_id"], CC, status=409)["code"] == "not_acknowledged"
    missing = str(uuid.uuid4())
    assert cc.error("get_incident", missing, CC, status=404)["message"] == \
        f"警情不存在: {missing} / Incident not found: {missing}"
    assert cc.error("acknowledge", missing, CC, status=404)["code"] == "not_found"
    assert cc.error("dispatch_units", missing, {"unit_ids": [unit_id]}, CC,
                    status=404)["code"] == "not_found"
    assert cc.error("set_unit_status", missing, {"status": "off_duty"}, CC,
                    status=404)["code"] == "not_found"


def _state(cc, incident_id):
    return cc.ok("get_incident", incident_id, CC)["dispatches"][0]["state"]


def test_escalation_timer_escalates_once_when_the_clock_passes_the_timeout(cc, clock):
    incident_id, unit_id = cc.incident(), cc.unit()
    [d] = cc.ok("dispatch_units", incident_id, {"unit_ids": [unit_id]}, CC)["dispatches"]
    time.sleep(2.5)   # two sweeps or more (green sleep) on a clock that stands still
    assert _state(cc, incident_id) == "awaiting_ack"
    assert cc.events("dispatch_unacknowledged") == []

    clock.advance(timedelta(seconds=ACK_TIMEOUT))
    wait_until(lambda: _state(cc, incident_id) == "escalated", 5, what="the escalation")
    escalated_at = iso(clock)
    time.sleep(2.5)   # later sweeps find nothing more to do
    [event] = cc.events("dispatch_unacknowledged")
    assert DISPATCH_EVENTS["dispatch_unacknowledged"]().validate(event) == {}
    assert (event["dispatch_id"], event["timeout_seconds"], event["escalated_at"]) == (
        d["dispatch_id"], ACK_TIMEOUT, escalated_at)
    assert event["actor"] == {"username": "system", "roles": ["command_center"]}

    clock.advance(timedelta(seconds=10))
    late = cc.ok("acknowledge", d["dispatch_id"], CC)
    assert (late["state"], late["escalated_at"]) == ("acknowledged", escalated_at)
    [acked] = cc.events("unit_acknowledged")
    assert acked["after_escalation"] is True


def test_the_timer_sweeps_as_often_as_the_timeout_asks(cc):
    [timer] = [e for e in cc.container.entrypoints if e.method_name == "escalate_unacknowledged"]
    assert timer.interval == 1.0   # a third of ACK_TIMEOUT


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


def _submitted(incident_id, case_no, event_id=None, **more):
    return {"event_id": event_id or str(uuid.uuid4()), "event_type": "application_submitted",
            "case_no": case_no, "incident_id": incident_id, **more}


def test_off_duty_and_auxiliary_ride_on_the_report(cc):
    """Art. 37, 38: kept on the incident and on incident_reported, for intake's case."""
    officers = [{**REPORT["officers"][0], "personnel_type": "auxiliary"},
                {"police_id": "360721002", "name": "刘洋", "unit": "城关派出所"}]
    incident_id = cc.incident(off_duty=True, officers=officers)
    seen = cc.ok("get_incident", incident_id, OFFICE)
    assert seen["off_duty"] is True
    assert [o["personnel_type"] for o in seen["officers"]] == ["auxiliary", "regular"]
    [reported] = cc.events("incident_reported")
    assert reported["flags"]["off_duty"] is True
    assert [o["personnel_type"] for o in reported["officers"]] == ["auxiliary", "regular"]


def test_application_submitted_links_the_case(cc):
    incident_id, unit_id = cc.incident(), cc.unit()
    event = _submitted(incident_id, "GX-WQ-2026-000042")
    event_dispatcher(cc.config)("intake", "application_submitted", event)   # over the broker
    wait_until(lambda: cc.ok("get_incident", incident_id, CC)["case_no"], 10,
               what="the case link")
    assert cc.ok("get_incident", incident_id, CC)["case_no"] == "GX-WQ-2026-000042"

    with entrypoint_hook(cc.container, "on_application_submitted") as handle:
        handle(event)                                           # redelivered: applied once
        handle({**_submitted(None, "GX-WQ-2026-000043"), "incident_id": None})  # not ours
        with pytest.raises(Conflict) as e:
            handle(_submitted(incident_id, "GX-WQ-2026-000044"))
    assert e.value.code == "case_already_linked"
    assert cc.ok("get_incident", incident_id, CC)["case_no"] == "GX-WQ-2026-000042"

    [d] = cc.ok("dispatch_units", incident_id, {"unit_ids": [unit_id]}, CC)["dispatches"]
    cc.ok("acknowledge", d["dispatch_id"], CC)
    assert [b["case_no"] for b in cc.events()] == [None, "GX-WQ-2026-000042",
                                                   "GX-WQ-2026-000042"]


ORDER = {"persons": [{"type": "relative", "name": "王芳芳", "relation": "spouse"}],
         "measures": ["住所周边巡逻"], "address": "城关镇保密小区3栋",
         "valid_until": "2026-12-31T00:00:00+08:00"}


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
