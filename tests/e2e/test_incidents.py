"""Live incidents through the gateway with real services (Art. 13, 19, 20): a report opens a
case in intake through an event and both link to each other, dispatch steps reach the case
timeline, an unacknowledged dispatch escalates once, the protected address never leaves the
command center, the board streams changes, every event is sent once, bad input is a 4xx."""
import json
import time
import uuid
from datetime import datetime, timedelta

import pytest
import requests

from weiquan.config import TZ
from weiquan.contracts.events import DISPATCH_EVENTS

from tests.support.bodies import application
from tests.support.answers import assert_error, ok
from tests.support.infra import EventTap
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e
OFFICERS = [{"police_id": "360721001", "name": "张伟", "unit": "城关派出所"},
            {"police_id": "360721002", "name": "刘洋", "unit": "城关派出所"}]



def report(**over):
    body = {"officers": OFFICERS, "place": "城关镇红旗大道", "description": "处警时遭多人围攻",
            "category": "mobbing_obstruction", "ongoing": True, "injury": True,
            "anti_gang": False}
    body.update(over)
    return body



@pytest.fixture(scope="module")
def cc(system):
    """The system with dispatch answering (it may start after intake)."""
    assert wait_until(lambda: system.call("GET", "/api/units", "command_center").status_code
                      == 200, 60), "dispatch did not answer"
    return system


@pytest.fixture
def dtap(cc):
    t = EventTap("dispatch")
    yield t
    t.close()


def unit(system, kind="patrol"):
    return ok(system.call("POST", "/api/units", "command_center",
                          json={"name": f"{kind}-{uuid.uuid4().hex[:6]}", "kind": kind}),
              201)["unit_id"]


def events_of(tap, event_type, key, value, wait=10, settle=1.0):
    """Every delivery of that type whose ``key`` is ``value``, duplicates included."""
    def found():
        tap.drain(0.2)
        return [b for rk, b in tap.seen if rk == event_type and b.get(key) == value]
    if wait_until(found, wait):
        tap.drain(settle)
    return found()


def timeline(system, case_no):
    return ok(system.call("GET", f"/api/cases/{case_no}", "committee_office"))["timeline"]


def test_incident_opens_a_linked_case_and_dispatch_steps_reach_its_timeline(cc, tap, dtap):
    answer = ok(cc.call("POST", "/api/incidents", "command_center", json=report()), 201)
    incident_id, case_no = answer["incident_id"], answer["case_no"]
    assert case_no and case_no.startswith("GX-WQ-")
    case = ok(cc.call("GET", f"/api/cases/{case_no}", "committee_office"))
    assert case["incident_id"] == incident_id and case["status"] == "submitted"
    assert case["channel"] == "intranet" and case["applicant"]["type"] == "unit"
    assert case["applicant"]["name"] == "指挥中心" and case["category"] == "mobbing_obstruction"
    assert case["officer"]["police_id"] == "360721001" and case["decision_due"]["due"]
    assert case["incident"]["injury"] is True and case["filed_by"] == "command_center"
    assert wait_until(lambda: ok(cc.call("GET", f"/api/incidents/{incident_id}",
                                         "command_center"))["case_no"] == case_no)

    unit_id = unit(cc)
    [d] = ok(cc.call("POST", f"/api/incidents/{incident_id}/dispatch", "command_center",
                     json={"unit_ids": [unit_id]}), 201)["dispatches"]
    acked = ok(cc.call("POST", f"/api/dispatches/{d['dispatch_id']}/acknowledge",
                       "command_center"))
    assert acked["state"] == "acknowledged" and acked["acknowledged_by"] == "command_center"
    ok(cc.call("POST", f"/api/dispatches/{d['dispatch_id']}/arrive", "command_center"))

    def steps():
        return [e for e in timeline(cc, case_no)
                if e["action"] in ("units_dispatched", "unit_acknowledged", "unit_arrived")]
    assert wait_until(lambda: len(steps()) == 3)
    ack = [e for e in steps() if e["action"] == "unit_acknowledged"][0]
    assert ack["actor"] == "command_center" and ack["detail"]["dispatch_id"] == d["dispatch_id"]

    # each announced exactly once, valid by its contract; the case event names the incident
    for event_type in ("incident_reported", "units_dispatched", "unit_acknowledged",
                       "unit_arrived"):
        got = events_of(dtap, event_type, "incident_id", incident_id)
        assert len(got) == 1, (event_type, got)
        assert DISPATCH_EVENTS[event_type]().validate(got[0]) == {}
    [submitted] = tap.wait_for("application_submitted", case_no)
    assert submitted["incident_id"] == incident_id
    assert len([e for e in timeline(cc, case_no) if e["action"] == "unit_acknowledged"]) == 1
    # the command center's case list holds the cases opened from its incidents
    listed = ok(cc.call("GET", "/api/cases?page_size=100", "command_center"))["items"]
    assert case_no in [c["case_no"] for c in listed]


def test_off_duty_and_an_auxiliary_officer_reach_the_case(cc, dtap):
    """Art. 37, 38: the report's off_duty flag and each officer's personnel type ride on
    incident_reported into the case intake opens; unsaid, regular and on duty."""
    officers = [{**OFFICERS[0], "personnel_type": "auxiliary"}, OFFICERS[1]]
    answer = ok(cc.call("POST", "/api/incidents", "command_center",
                        json=report(officers=officers, off_duty=True)), 201)
    case = ok(cc.call("GET", f"/api/cases/{answer['case_no']}", "committee_office"))
    assert case["officer"]["police_id"] == "360721001"
    assert case["officer"]["personnel_type"] == "auxiliary"
    assert case["incident"]["off_duty"] is True
    incident = ok(cc.call("GET", f"/api/incidents/{answer['incident_id']}", "command_center"))
    assert incident["off_duty"] is True
    assert [o["personnel_type"] for o in incident["officers"]] == ["auxiliary", "regular"]
    [reported] = events_of(dtap, "incident_reported", "incident_id", answer["incident_id"])
    assert reported["flags"]["off_duty"] is True
    plain = ok(cc.call("POST", "/api/incidents", "command_center", json=report()), 201)
    case = ok(cc.call("GET", f"/api/cases/{plain['case_no']}", "committee_office"))
    assert case["officer"]["personnel_type"] == "regular" and case["incident"]["off_duty"] is False


def test_unacknowledged_dispatch_escalates_exactly_once(cc, dtap):
    incident_id = ok(cc.call("POST", "/api/incidents", "command_center", json=report()),
                     201)["incident_id"]
    unit_id = unit(cc, "traffic")
    [d] = ok(cc.call("POST", f"/api/incidents/{incident_id}/dispatch", "command_center",
                     json={"unit_ids": [unit_id]}), 201)["dispatches"]
    got = events_of(dtap, "dispatch_unacknowledged", "dispatch_id", d["dispatch_id"],
                    wait=15, settle=4.0)   # DISPATCH_ACK_TIMEOUT=3 in the test system
    assert len(got) == 1, got
    assert got[0]["timeout_seconds"] == 3 and got[0]["actor"]["username"] == "system"
    view = ok(cc.call("GET", f"/api/incidents/{incident_id}", "command_center"))
    assert view["dispatches"][0]["state"] == "escalated"
    # a late acknowledgement is still recorded, and does not escalate again
    late = ok(cc.call("POST", f"/api/dispatches/{d['dispatch_id']}/acknowledge",
                      "command_center"))
    assert late["escalated_at"] and late["acknowledged_at"]
    [ack] = events_of(dtap, "unit_acknowledged", "dispatch_id", d["dispatch_id"])
    assert ack["after_escalation"] is True
    case_no = view["case_no"]
    assert wait_until(lambda: [e["action"] for e in timeline(cc, case_no)].count(
        "dispatch_unacknowledged") == 1)


def test_protective_order_address_stays_with_the_command_center(cc, tap, dtap):
    answer = ok(cc.call("POST", "/api/incidents", "command_center",
                        json=report(category="threat_insult_harassment", ongoing=False)), 201)
    address = f"城关镇保密小区{uuid.uuid4().hex[:6]}号"
    body = {"persons": [{"type": "officer", "name": "张伟", "police_id": "360721001"},
                        {"type": "relative", "name": "王芳芳", "relation": "spouse"}],
            "measures": ["住所周边巡逻", "一键报警"], "address": address,
            "valid_until": (datetime.now(TZ) + timedelta(days=30)).isoformat(),
            "incident_id": answer["incident_id"]}
    order = ok(cc.call("POST", "/api/protective-orders", "command_center", json=body), 201)
    assert order["address"] == address and order["case_no"] == answer["case_no"]
    path = f"/api/protective-orders/{order['order_id']}"
    assert ok(cc.call("GET", path, "command_center"))["address"] == address
    for role in ("committee_office", "committee_director"):
        seen = ok(cc.call("GET", path, role))
        assert "address" not in seen and address not in json.dumps(seen, ensure_ascii=False)
    for role in ("officer", "cyber_brigade", "political_work"):
        assert_error(cc.call("GET", path, role), 403, "forbidden")
    [issued] = events_of(dtap, "protective_order_issued", "order_id", order["order_id"])
    assert issued["persons"] == 2 and issued["case_no"] == answer["case_no"]
    assert wait_until(lambda: any(e["action"] == "protective_order_issued"
                                  for e in timeline(cc, answer["case_no"])))
    tap.drain(1.0)
    on_bus = json.dumps([b for _, b in dtap.seen + tap.seen], ensure_ascii=False)
    assert address not in on_bus and "王芳芳" not in on_bus


def test_referral_by_a_department_opens_a_case(cc, tap):
    body = application()
    for key in ("applicant", "channel"):
        body.pop(key)
    body["note"] = "网上发现恶意炒作，移送维权办"
    answer = ok(cc.call("POST", "/api/referrals", "cyber_brigade", json=body), 201)
    assert answer["status"] == "submitted" and answer["decision_due"]["due"]
    case = ok(cc.call("GET", f"/api/cases/{answer['case_no']}", "cyber_brigade"))
    assert case["applicant"] == {"type": "unit", "name": "网安大队", "unit_name": "网安大队"}
    assert case["channel"] == "intranet" and case["incident_id"] is None
    assert case["timeline"][0]["detail"]["source"] == "referral"
    assert len(tap.wait_for("application_submitted", answer["case_no"])) == 1
    # a department lists what it referred, and besides that only the cases it has an open
    # or done work item on (other tests of the session may have given the brigade some)
    listed = ok(cc.call("GET", "/api/cases?page_size=100", "cyber_brigade"))["items"]
    assert answer["case_no"] in [c["case_no"] for c in listed]
    for other in (c["case_no"] for c in listed if c["channel"] != "intranet"):
        items = ok(cc.call("GET", f"/api/cases/{other}", "committee_office"))["work_items"]
        assert any(i["department"] == "cyber_brigade" and i["state"] in ("open", "done")
                   for i in items), other


def test_bad_input_is_a_clear_4xx(cc):
    post = lambda path, body, who="command_center": cc.call("POST", path, who, json=body)
    without = {k: v for k, v in report().items() if k != "officers"}
    assert_error(post("/api/incidents", without), 422, "validation_failed", "officers")
    assert_error(post("/api/incidents", report(officers=[])), 422, "validation_failed",
                 "officers")
    assert_error(post("/api/incidents", report(category="robbery")), 422,
                 "validation_failed", "category")
    assert_error(post("/api/incidents", report(officers=[{**OFFICERS[0],
                                                          "personnel_type": "contract"}])),
                 422, "validation_failed", "officers.0.personnel_type")
    assert_error(post("/api/incidents", report(), "officer"), 403, "forbidden")
    assert_error(cc.call("GET", "/api/incidents", "officer"), 403, "forbidden")
    order = {"persons": [{"type": "relative", "name": "李四", "relation": "cousin"}],
             "measures": ["巡逻"], "address": "某地", "case_no": "GX-WQ-2026-000001",
             "valid_until": (datetime.now(TZ) + timedelta(days=3)).isoformat()}
    assert_error(post("/api/protective-orders", order), 422, "validation_failed",
                 "persons.0.relation")
    incident_id = ok(post("/api/incidents", report()), 201)["incident_id"]
    assert_error(post(f"/api/incidents/{incident_id}/dispatch", {"unit_ids": ["no-such"]}),
                 422, "validation_failed", "unit_ids.0")
    assert_error(post(f"/api/incidents/{uuid.uuid4()}/dispatch", {"unit_ids": [unit(cc)]}),
                 404, "not_found")
    assert_error(post(f"/api/dispatches/{uuid.uuid4()}/acknowledge", None), 404, "not_found")
    assert_error(cc.call("GET", f"/api/incidents/{uuid.uuid4()}", "committee_office"), 404)
    assert_error(post("/api/units", {"name": "x", "kind": "cavalry"}), 422,
                 "validation_failed", "kind")
    referral = application()
    referral.pop("channel")
    assert_error(post("/api/referrals", referral, "cyber_brigade"), 422, "validation_failed",
                 "applicant")
    assert_error(post("/api/referrals", referral, "officer"), 403, "forbidden")
    assert_error(requests.get(cc.base_url + "/api/incidents/stream?token=bad", timeout=5), 401)
    assert_error(requests.get(cc.base_url + "/api/incidents/stream?token="
                              + cc.token("committee_office"), timeout=5), 403)


def test_board_stream_sends_an_event_when_an_incident_is_reported(cc):
    # the board page is the portal's (a session); without one it sends to the login page
    board = requests.get(cc.base_url + "/board", allow_redirects=False, timeout=5)
    assert board.status_code == 303 and board.headers["Location"] == "/login?next=%2Fboard"
    url = cc.base_url + "/api/incidents/stream?token=" + cc.token("command_center")
    with requests.get(url, stream=True, timeout=10) as r:
        assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/event-stream")
        lines = r.iter_lines(decode_unicode=True)
        first = next(line for line in lines if line.startswith("data:"))
        assert "incidents" in json.loads(first[5:])
        incident_id = ok(cc.call("POST", "/api/incidents", "command_center", json=report()),
                         201)["incident_id"]
        deadline = time.monotonic() + 8
        while time.monotonic() < deadline:
            line = next(lines)
            if line.startswith("data:") and incident_id in line:
                break
        else:
            pytest.fail("no board event for the new incident")
