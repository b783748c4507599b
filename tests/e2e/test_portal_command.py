"""The command center's portal pages through the running system, as a browser without
JavaScript would use them (requests, forms posted with the CSRF token read from the page):
register a unit, report an incident, dispatch the unit, acknowledge; the incident (and the case
intake opened for it) as the JSON API sees them, and the live board page and its
session-authenticated event stream showing the acknowledgement. A protective order through
its form."""
import json
import re
import time
import uuid
from datetime import datetime, timedelta

import pytest
import requests

from weiquan.config import TZ

from tests.support.answers import ok
from tests.support.waiting import wait_until
from tests.support.portal import hidden, signed_in

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def cc(system):
    """The system with dispatch answering (it may start after intake)."""
    assert wait_until(lambda: system.call("GET", "/api/units", "command_center").status_code
                      == 200, 60), "dispatch did not answer"
    return system


def post(browser, url, page_url, data):
    """The form of page_url posted to url with the page's CSRF token: the 303's target."""
    page = browser.get(page_url, timeout=10)
    assert page.status_code == 200, page.text
    r = browser.post(url, data={"csrf": hidden(page.text), **data}, allow_redirects=False,
                     timeout=15)
    assert r.status_code == 303, r.text
    return r.headers["Location"], page


def board_of(line):
    return json.loads(line[len("data:"):]) if line.startswith("data:") else None


def state_in(board, dispatch_id):
    return next((d["state"] for i in board["incidents"] for d in i["dispatches"]
                 if d["dispatch_id"] == dispatch_id), None)


def next_board(lines, until, seconds=15):
    """The first event of the stream whose board satisfies until(board)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            board = board_of(next(lines))
        except requests.exceptions.ConnectionError:  # the read timed out: nothing came
            break
        if board is not None and until(board):
            return board
    pytest.fail("the board stream never showed it")


def test_report_dispatch_acknowledge_through_the_pages_and_the_board_follows(cc):
    base = cc.base_url
    browser = signed_in(base, "command_center")
    name = f"巡逻-{uuid.uuid4().hex[:6]}"
    done, _ = post(browser, base + "/units", base + "/units",
                   {"name": name, "kind": "patrol", "status": "available"})
    assert done == "/units?done=registered"
    [unit] = [u for u in ok(cc.call("GET", "/api/units", "command_center"))["items"]
              if u["name"] == name]
    assert unit["status"] == "available" and name in browser.get(base + "/units").text

    place = f"城关镇红旗大道 {uuid.uuid4().hex[:6]}"
    page = browser.get(base + "/incidents", timeout=10)
    r = browser.post(base + "/incidents", allow_redirects=False, timeout=15, data={
        "csrf": hidden(page.text), "idem": hidden(page.text, "idem"),
        "officers.0.name": "张伟", "officers.0.police_id": "360721001",
        "officers.0.unit": "城关派出所", "category": "mobbing_obstruction", "place": place,
        "description": "处警时遭多人围堵", "ongoing": "on", "anti_gang": "on"})
    assert r.status_code == 303, r.text
    where = r.headers["Location"].split("?")[0]
    incident_id = where.rsplit("/", 1)[1]
    incident = ok(cc.call("GET", f"/api/incidents/{incident_id}", "command_center"))
    assert incident["place"] == place and incident["ongoing"] and incident["anti_gang"]
    assert incident["officers"][0]["police_id"] == "360721001"
    # intake opens the case from the event; the incident page links it
    case_no = wait_until(lambda: ok(cc.call("GET", f"/api/incidents/{incident_id}",
                                            "command_center"))["case_no"], 15,
                         what="the incident's case")
    shown = browser.get(base + where, timeout=10).text
    assert f'href="/cases/{case_no}"' in shown and "涉黑恶" in shown

    done, page = post(browser, base + where + "/dispatch", base + where,
                      {"unit_ids": [unit["unit_id"]]})
    assert f'value="{unit["unit_id"]}"' in page.text
    assert done == where + "?done=dispatched"
    [dispatch] = ok(cc.call("GET", f"/api/incidents/{incident_id}",
                            "command_center"))["dispatches"]
    assert dispatch["unit_id"] == unit["unit_id"] and dispatch["state"] == "awaiting_ack"
    dispatch_id = dispatch["dispatch_id"]

    with browser.get(base + "/board/stream", stream=True, timeout=10) as stream:
        assert stream.status_code == 200
        assert stream.headers["Content-Type"].startswith("text/event-stream")
        lines = stream.iter_lines(decode_unicode=True)
        first = next_board(lines, lambda b: state_in(b, dispatch_id) is not None)
        assert state_in(first, dispatch_id) == "awaiting_ack"
        done, _ = post(browser, base + f"/dispatches/{dispatch_id}/acknowledge", base + where,
                       {"incident_id": incident_id})
        assert done == where + "?done=acknowledged"
        board = next_board(lines, lambda b: state_in(b, dispatch_id) == "acknowledged")
        [row] = [d for i in board["incidents"] for d in i["dispatches"]
                 if d["dispatch_id"] == dispatch_id]
        assert row["state_label"] == "已确认" and row["unit_name"] == name

    assert ok(cc.call("GET", f"/api/incidents/{incident_id}",
                      "command_center"))["dispatches"][0]["acknowledged_at"]
    page = browser.get(base + "/board", timeout=10)
    assert page.status_code == 200 and '<script src="/static/board.js"' in page.text
    item = re.search(rf'<li data-dispatch-id="{dispatch_id}" data-state="acknowledged">.*?</li>',
                     page.text, re.S)
    assert item and "已确认" in item.group(0) and name in item.group(0)
    script = browser.get(base + "/static/board.js", timeout=10)
    assert script.status_code == 200 and "/board/stream" in script.text


def test_the_board_and_its_stream_need_a_command_center_session(cc):
    base = cc.base_url
    r = requests.get(base + "/board/stream", allow_redirects=False, timeout=10)
    assert r.status_code == 303 and r.headers["Location"].startswith("/login")
    office = signed_in(base, "committee_office")
    assert office.get(base + "/board/stream", timeout=10).status_code == 403
    assert office.get(base + "/incidents", timeout=10).status_code == 200


def test_a_protective_order_through_its_form(cc):
    base = cc.base_url
    browser = signed_in(base, "command_center")
    incident_id = ok(cc.call("POST", "/api/incidents", "command_center", json={
        "officers": [{"police_id": "360721002", "name": "刘洋", "unit": "城关派出所"}],
        "place": "城关镇", "description": "民警家属受到威胁", "category": "threat_insult_harassment"}),
        201)["incident_id"]
    page_url = base + f"/protective-orders?incident_id={incident_id}"
    valid_until = (datetime.now(TZ) + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M")
    bad = browser.get(page_url, timeout=10)
    refused = browser.post(base + "/protective-orders", timeout=10, data={
        "csrf": hidden(bad.text), "incident_id": incident_id, "persons.0.type": "relative",
        "persons.0.name": "李娜", "measures": "住所周边巡逻", "address": "城关镇某小区",
        "valid_until": valid_until})
    assert refused.status_code == 422 and 'id="f-persons-0-relation-error"' in refused.text
    done, _ = post(browser, base + "/protective-orders", page_url, {
        "incident_id": incident_id, "persons.0.type": "relative", "persons.0.name": "李娜",
        "persons.0.relation": "spouse", "measures": "住所周边巡逻\n上下班护送",
        "address": "城关镇某小区 3 栋", "valid_until": valid_until})
    order_id = done.split("/protective-orders/")[1].split("?")[0]
    order = ok(cc.call("GET", f"/api/protective-orders/{order_id}", "command_center"))
    assert order["incident_id"] == incident_id and order["measures"] == ["住所周边巡逻",
                                                                          "上下班护送"]
    assert order["persons"][0]["relation"] == "spouse"
    shown = browser.get(base + done, timeout=10).text
    assert "城关镇某小区 3 栋" in shown and "配偶" in shown
    office = signed_in(base, "committee_office").get(base + f"/protective-orders/{order_id}",
                                                 timeout=10)
    assert office.status_code == 200 and "城关镇某小区" not in office.text
    assert "/extension" not in office.text and "/revocation" not in office.text


def test_an_order_extended_and_revoked_through_its_page(cc):
    """Art. 20: the order's page carries the two forms (command center only); each change is
    kept with its reason in the history shown on the page; a revoked order offers neither."""
    base = cc.base_url
    browser = signed_in(base, "command_center")
    case_no = ok(cc.call("POST", "/api/incidents", "command_center", json={
        "officers": [{"police_id": "360721003", "name": "周明", "unit": "城关派出所"}],
        "place": "城关镇", "description": "民警住址被人肉搜索", "category": "privacy_violation"}),
        201)["case_no"]
    until = datetime.now(TZ) + timedelta(days=30)
    order = ok(cc.call("POST", "/api/protective-orders", "command_center", json={
        "persons": [{"type": "officer", "name": "周明", "police_id": "360721003"}],
        "measures": ["住所周边巡逻"], "address": "城关镇某小区 5 栋",
        "valid_until": until.isoformat(), "case_no": case_no}), 201)
    page_url = base + f"/protective-orders/{order['order_id']}"
    later = (until + timedelta(days=60)).strftime("%Y-%m-%dT%H:%M")
    done, page = post(browser, page_url + "/extension", page_url,
                      {"valid_until": later, "reason": "嫌疑人仍在逃"})
    assert "延期 / Extend" in page.text and done.endswith("?done=extended")
    shown = browser.get(base + done, timeout=10).text
    assert "保护令已延期" in shown and "嫌疑人仍在逃" in shown and later.replace("T", " ") in shown
    done, _ = post(browser, page_url + "/revocation", page_url, {"reason": "嫌疑人已到案"})
    shown = browser.get(base + done, timeout=10).text
    assert "已撤销" in shown and "嫌疑人已到案" in shown and "/revocation" not in shown
    seen = ok(cc.call("GET", f"/api/protective-orders/{order['order_id']}", "committee_office"))
    assert [h["change"] for h in seen["history"]] == ["issued", "extended", "revoked"]
