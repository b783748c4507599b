"""The command center's nameko adapter in a real container (migrated SQLite, the session's
broker): the RPC answers the gateway reads, the events staged with each change, the
escalation timer on a clock the test moves, and the case link from intake's event.
Protective orders and protection work: test_dispatch_orders_adapter.py."""
import time
import uuid
from datetime import timedelta

import pytest
from nameko.standalone.events import event_dispatcher
from nameko.testing.services import entrypoint_hook

from weiquan.contracts.events import DISPATCH_EVENTS
from weiquan.errors import Conflict

from tests.inprocess.dispatch_support import (  # noqa: F401 (cc is a fixture)
    ACK_TIMEOUT, CC, OFFICE, OFFICER, REPORT, _submitted, cc, iso)
from tests.support.waiting import wait_until

pytestmark = pytest.mark.inprocess


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
