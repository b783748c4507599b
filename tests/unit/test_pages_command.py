"""The command center's pages (Art. 13, 20) against a fake gateway whose dispatch keeps its
incidents, units and orders in memory: report an incident through the form, dispatch a unit,
acknowledge and arrive, close; units and their status; a protective order; the live board and
its event stream with the session's principal; bad values shown at their field."""
import json
import re
import uuid

import pytest

from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import ReportIncidentV1
from weiquan.kit.errors import AppError

from gateway.handlers import incidents as stream_handler
from gateway.pages import frame, incident_form
from gateway.pages.incident_views import DISPATCH_STATE_LABELS_ZH
from gateway.pages.static import FILES
from tests.unit.helpers_command import CommandGateway, REPORT, T0, hidden, report, signed_in, unit

pytestmark = pytest.mark.unit


@pytest.fixture
def gw(monkeypatch):
    monkeypatch.setattr(frame, "utcnow", lambda: T0)
    return CommandGateway()


# ---- reporting ---------------------------------------------------------------------------
def test_the_report_form_reaches_report_incident_with_an_idempotency_key(gw):
    browser = signed_in(gw)
    page = browser.go("GET", "/incidents")
    r = report(browser)
    assert r.status_code == 303
    incident_id = r.headers["Location"].split("/incidents/")[1].split("?")[0]
    [(_, _, (body, principal, key))] = [c for c in gw.calls if c[1] == "report_incident"]
    assert body["officers"] == [{"name": "张伟", "police_id": "360721001", "unit": "城关派出所"}]
    assert body["injury"] is True and body["ongoing"] is False and body["anti_gang"] is False
    assert principal["username"] == "cc" and key.startswith("cc:")
    shown = browser.go("GET", r.headers["Location"])
    assert shown.status_code == 200 and "警情已上报" in shown.text
    assert "案件生成中" in shown.text and "城关镇红旗大道" in shown.text
    assert "民警受伤" in shown.text and "尚未派警" in shown.text
    assert incident_id in browser.go("GET", "/incidents").text
    assert "签发保护令" in shown.text and f"incident_id={incident_id}" in shown.text
    assert page.status_code == 200


def test_the_report_form_says_off_duty_and_auxiliary(gw):
    """Art. 37, 38: a checkbox and a select per officer; unsaid, regular and on duty."""
    browser = signed_in(gw)
    page = browser.go("GET", "/incidents")
    assert 'name="off_duty"' in page.text and 'name="officers.0.personnel_type"' in page.text
    assert '<option value="auxiliary">警务辅助人员</option>' in page.text
    r = report(browser, off_duty="on", **{"officers.0.personnel_type": "auxiliary",
                                          "officers.1.personnel_type": "regular"})
    assert r.status_code == 303
    [(_, _, (body, _, _))] = [c for c in gw.calls if c[1] == "report_incident"]
    assert body["off_duty"] is True and body["officers"] == [
        {"name": "张伟", "police_id": "360721001", "unit": "城关派出所",
         "personnel_type": "auxiliary"}]   # the empty second row is not sent
    shown = browser.go("GET", r.headers["Location"])
    assert "非工作时间" in shown.text and "张伟（警务辅助人员" in shown.text
    plain = report(browser)
    [_, (_, _, (body, _, _))] = [c for c in gw.calls if c[1] == "report_incident"]
    assert body["off_duty"] is False and "personnel_type" not in body["officers"][0]
    assert "张伟（民警" in browser.go("GET", plain.headers["Location"]).text


def test_the_same_form_posted_twice_is_one_incident(gw):
    browser = signed_in(gw)
    page = browser.go("GET", "/incidents")
    form = {**REPORT, "csrf": hidden(page.text), "idem": hidden(page.text, "idem")}
    first = browser.go("POST", "/incidents", form).headers["Location"]
    again = browser.go("POST", "/incidents", form).headers["Location"]
    assert first == again and len(gw.service.incidents) == 1


def test_bad_report_values_come_back_at_their_field(gw):
    browser = signed_in(gw)
    r = report(browser, **{"officers.0.name": "", "officers.0.police_id": "",
                           "officers.0.unit": "", "officers.1.name": "刘洋",
                           "officers.1.unit": "城关派出所", "category": "flood", "place": " "})
    assert r.status_code == 422 and "请求数据校验失败" in r.text
    # the second row of the form is the first officer sent: its error is at row 2
    field = r.text.index('id="f-officers-1-police_id"')
    error = r.text.index('id="f-officers-1-police_id-error"')
    assert 0 < error - field < 400 and " / " in r.text[error:error + 200]
    assert 'aria-describedby="f-officers-1-police_id-error"' in r.text
    assert 'id="f-category-error"' in r.text and 'id="f-place-error"' in r.text
    assert 'value="刘洋"' in r.text  # what was typed stays
    assert not gw.service.incidents


def test_no_officer_at_all_is_said_at_the_officers_fieldset(gw):
    browser = signed_in(gw)
    r = report(browser, **{"officers.0.name": "", "officers.0.police_id": "",
                           "officers.0.unit": ""})
    assert r.status_code == 422 and 'id="f-officers-error"' in r.text
    assert "涉事民警应为 1 到 50 项" in r.text


# ---- dispatch, acknowledge, arrive, close --------------------------------------------------
def test_dispatch_acknowledge_arrive_close_through_the_forms(gw):
    first, second = unit(gw), unit(gw, "交警二组", "traffic")
    browser = signed_in(gw)
    where = report(browser).headers["Location"].split("?")[0]
    page = browser.go("GET", where)
    assert f'value="{first}"' in page.text and "巡逻一组（巡逻）" in page.text
    r = browser.go("POST", where + "/dispatch", {"csrf": hidden(page.text),
                                                   "unit_ids": [first]})
    assert r.status_code == 303 and r.headers["Location"] == where + "?done=dispatched"
    page = browser.go("GET", r.headers["Location"])
    [d] = gw.service.incidents[where.split("/")[-1]]["dispatches"]
    row = re.search(rf'<tr data-dispatch-id="{d["dispatch_id"]}" data-state="awaiting_ack">'
                    r".*?</tr>", page.text, re.S).group(0)
    assert "待确认" in row and "确认接警" in row
    assert f'value="{second}"' in page.text and f'value="{first}"' not in page.text
    incident_id = where.split("/")[-1]
    r = browser.go("POST", f"/dispatches/{d['dispatch_id']}/acknowledge",
                   {"csrf": hidden(page.text), "incident_id": incident_id})
    assert r.headers["Location"] == where + "?done=acknowledged"
    page = browser.go("GET", r.headers["Location"])
    assert 'data-state="acknowledged"' in page.text and "已确认" in page.text
    again = browser.go("POST", f"/dispatches/{d['dispatch_id']}/acknowledge",
                       {"csrf": hidden(page.text), "incident_id": incident_id})
    assert again.status_code == 409 and "该派警已确认接收" in again.text
    r = browser.go("POST", f"/dispatches/{d['dispatch_id']}/arrive",
                   {"csrf": hidden(page.text), "incident_id": incident_id})
    assert "已到场" in browser.go("GET", r.headers["Location"]).text
    r = browser.go("POST", where + "/close", {"csrf": hidden(page.text)})
    assert r.headers["Location"] == where + "?done=closed"
    closed = browser.go("GET", r.headers["Location"])
    assert "已结束" in closed.text and "调派警力" not in closed.text
    assert gw.service.units[first]["status"] == "available"


def test_dispatch_without_a_unit_is_said_at_the_checkboxes(gw):
    unit(gw)
    browser = signed_in(gw)
    where = report(browser).headers["Location"].split("?")[0]
    page = browser.go("GET", where)
    r = browser.go("POST", where + "/dispatch", {"csrf": hidden(page.text)})
    assert r.status_code == 422 and 'id="f-unit_ids-error"' in r.text
    assert "警力应为 1 到 50 项" in r.text


def test_an_unknown_incident_is_the_404_page(gw):
    r = signed_in(gw).go("GET", f"/incidents/{uuid.uuid4()}")
    assert r.status_code == 404 and "不存在" in r.text and r.mimetype == "text/html"


def test_the_committee_follows_incidents_but_has_no_forms(gw):
    browser = signed_in(gw)
    where = report(browser).headers["Location"].split("?")[0]
    office = signed_in(gw, "office")
    listing = office.go("GET", "/incidents")
    assert listing.status_code == 200 and "城关镇红旗大道" in listing.text
    assert 'action="/incidents"' not in listing.text
    page = office.go("GET", where)
    assert page.status_code == 200 and "<form" not in page.text.split("<main")[1]
    assert office.go("GET", "/board").status_code == 403
    assert office.go("GET", "/board/stream").status_code == 403
    assert office.go("POST", "/incidents", {**REPORT, "csrf": hidden(page.text)}
                     ).status_code == 403


# ---- units -----------------------------------------------------------------------------------
def test_units_register_and_set_status(gw):
    browser = signed_in(gw)
    page = browser.go("GET", "/units")
    assert page.status_code == 200 and "尚未登记警力" in page.text
    r = browser.go("POST", "/units", {"csrf": hidden(page.text), "name": "特警一组",
                                      "kind": "special", "status": "available"})
    assert r.status_code == 303 and r.headers["Location"] == "/units?done=registered"
    [unit_id] = gw.service.units
    page = browser.go("GET", r.headers["Location"])
    assert "特警一组" in page.text and "可调派" in page.text and "警力已登记" in page.text
    taken = browser.go("POST", "/units", {"csrf": hidden(page.text), "name": "特警一组",
                                          "kind": "special"})
    assert taken.status_code == 409 and 'id="f-name-error"' in taken.text
    assert "警力名称已存在" in taken.text
    bad = browser.go("POST", "/units", {"csrf": hidden(page.text), "name": "x",
                                        "kind": "cavalry"})
    assert bad.status_code == 422 and 'id="f-kind-error"' in bad.text
    r = browser.go("POST", f"/units/{unit_id}/status", {"csrf": hidden(page.text),
                                                         "status": "off_duty"})
    assert r.status_code == 303 and gw.service.units[unit_id]["status"] == "off_duty"
    gw.service.units[unit_id]["status"] = "dispatched"
    busy = browser.go("POST", f"/units/{unit_id}/status", {"csrf": hidden(page.text),
                                                            "status": "available"})
    assert busy.status_code == 409 and f'id="s-{unit_id}-error"' in busy.text
    assert "警力正在执行任务" in busy.text


# ---- protective orders (Art. 20) -----------------------------------------------------------
ORDER = {"persons.0.type": "relative", "persons.0.name": "李娜",
         "persons.0.relation": "spouse", "measures": "住所周边巡逻\n\n上下班护送",
         "address": "城关镇某小区 3 栋", "valid_until": "2027-01-31T18:00"}


def test_a_protective_order_through_the_form_and_its_page(gw):
    browser = signed_in(gw)
    incident_id = report(browser).headers["Location"].split("/")[-1].split("?")[0]
    form = browser.go("GET", f"/protective-orders?incident_id={incident_id}")
    assert form.status_code == 200 and f'value="{incident_id}"' in form.text
    posted = {**ORDER, "csrf": hidden(form.text), "idem": hidden(form.text, "idem"),
              "incident_id": incident_id}
    r = browser.go("POST", "/protective-orders", posted)
    assert r.status_code == 303
    again = browser.go("POST", "/protective-orders", posted)   # posted twice: one order
    assert again.headers["Location"] == r.headers["Location"] and len(gw.service.orders) == 1
    [(_, _, (body, _, key)), _] = [c for c in gw.calls if c[1] == "issue_protective_order"]
    assert key == "cc:" + posted["idem"]
    assert body["measures"] == ["住所周边巡逻", "上下班护送"]
    assert body["valid_until"] == "2027-01-31T18:00:00+08:00"
    assert body["persons"] == [{"type": "relative", "name": "李娜", "relation": "spouse"}]
    page = browser.go("GET", r.headers["Location"])
    assert "保护令已签发" in page.text and "城关镇某小区 3 栋" in page.text
    assert "配偶" in page.text and "上下班护送" in page.text
    assert f'href="/incidents/{incident_id}"' in page.text
    assert 'action="/protective-orders/' in page.text and "撤销保护令" in page.text
    office = signed_in(gw, "office").go("GET", r.headers["Location"].split("?")[0])
    assert office.status_code == 200 and "城关镇某小区" not in office.text
    assert "仅指挥中心可见" in office.text
    assert "/extension" not in office.text and "/revocation" not in office.text


def _order(browser, gw):
    form = browser.go("GET", "/protective-orders?case_no=GX-WQ-2026-000007")
    r = browser.go("POST", "/protective-orders", {**ORDER, "csrf": hidden(form.text),
                                                  "idem": hidden(form.text, "idem"),
                                                  "case_no": "GX-WQ-2026-000007"})
    return r.headers["Location"].split("?")[0]


def test_an_order_is_extended_then_revoked_through_its_page_with_reasons(gw):
    browser = signed_in(gw)
    where = _order(browser, gw)
    page = browser.go("GET", where)
    assert "有效" in page.text and "延期 / Extend" in page.text
    r = browser.go("POST", where + "/extension", {"csrf": hidden(page.text),
                                                  "valid_until": "2027-03-31T18:00",
                                                  "reason": "嫌疑人仍在逃"})
    assert r.status_code == 303 and r.headers["Location"] == where + "?done=extended"
    [(_, _, (order_id, body, _))] = [c for c in gw.calls if c[1] == "extend_protective_order"]
    assert where.endswith(order_id)
    assert body == {"valid_until": "2027-03-31T18:00:00+08:00", "reason": "嫌疑人仍在逃"}
    page = browser.go("GET", r.headers["Location"])
    assert "保护令已延期" in page.text and "嫌疑人仍在逃" in page.text
    assert "2027-03-31 18:00" in page.text
    r = browser.go("POST", where + "/revocation", {"csrf": hidden(page.text),
                                                   "reason": "嫌疑人已到案"})
    assert r.status_code == 303 and r.headers["Location"] == where + "?done=revoked"
    page = browser.go("GET", r.headers["Location"])
    assert "保护令已撤销" in page.text and "已撤销" in page.text and "嫌疑人已到案" in page.text
    assert "/extension" not in page.text and "/revocation" not in page.text
    # a revoked order refuses a stale form: the page again, saying why
    stale = browser.go("POST", where + "/revocation", {"csrf": hidden(page.text),
                                                       "reason": "重复提交"})
    assert stale.status_code == 409 and "保护令已撤销，不能再延期或撤销" in stale.text


def test_bad_change_values_come_back_at_their_field(gw):
    browser = signed_in(gw)
    where = _order(browser, gw)
    page = browser.go("GET", where)
    r = browser.go("POST", where + "/extension", {"csrf": hidden(page.text),
                                                  "valid_until": "2027-01-01T00:00"})
    assert r.status_code == 422 and 'id="f-reason-error"' in r.text
    r = browser.go("POST", where + "/extension", {"csrf": hidden(page.text),
                                                  "valid_until": "2027-01-01T00:00",
                                                  "reason": "继续"})
    assert r.status_code == 422 and 'id="f-valid_until-error"' in r.text
    assert "新有效期须晚于当前有效期" in r.text
    r = browser.go("POST", where + "/revocation", {"csrf": hidden(page.text), "reason": " "})
    assert r.status_code == 422 and 'id="f-revoke-reason-error"' in r.text
    assert not [c for c in gw.calls if c[1] in ("extend_protective_order",
                                                "revoke_protective_order")
                and gw.service.orders[c[2][0]]["history"][1:]]
    office = signed_in(gw, "office")
    seen = office.go("GET", where)
    assert office.go("POST", where + "/revocation", {"csrf": hidden(seen.text),
                                                     "reason": "x"}).status_code == 403
    assert gw.service.orders[where.split("/")[-1]]["state"] == "active"


def test_bad_order_values_come_back_at_their_field(gw):
    browser = signed_in(gw)
    form = browser.go("GET", "/protective-orders")
    r = browser.go("POST", "/protective-orders", {
        **ORDER, "csrf": hidden(form.text), "persons.0.relation": "",
        "measures": "巡逻\n" + "x" * 201, "valid_until": "明天", "case_no": "123"})
    assert r.status_code == 422
    for name in ("persons-0-relation", "measures", "valid_until", "case_no"):
        assert f'id="f-{name}-error"' in r.text, name
    assert "第 2 项" in r.text and "近亲属须填写与民警的关系" in r.text
    assert not gw.service.orders


# ---- the live board ----------------------------------------------------------------------
def test_the_board_is_a_page_with_tables_and_a_script_from_static(gw):
    unit_id = unit(gw)
    browser = signed_in(gw)
    where = report(browser).headers["Location"].split("?")[0]
    page = browser.go("GET", where)
    browser.go("POST", where + "/dispatch", {"csrf": hidden(page.text), "unit_ids": [unit_id]})
    board = browser.go("GET", "/board")
    assert board.status_code == 200
    assert "script-src 'self'" in board.headers["Content-Security-Policy"]
    assert '<script src="/static/board.js" defer></script>' in board.text
    assert not re.search(r"<script(?![^>]*\bsrc=)", board.text)  # no inline script
    assert re.search(r"\son[a-z]+=", board.text) is None          # no inline handlers
    assert 'aria-live="polite"' in board.text and 'href="/board"' in board.text
    dispatch = re.search(r'<li data-dispatch-id="[^"]+" data-state="awaiting_ack">.*?</li>',
                         board.text, re.S).group(0)
    assert "巡逻一组" in dispatch and "待确认" in dispatch
    assert f'data-unit-id="{unit_id}"' in board.text and "已派出" in board.text
    assert 'href="/board"' in browser.go("GET", "/").text  # in the navigation


def test_the_board_stream_sends_the_rows_with_the_sessions_principal(gw, monkeypatch):
    monkeypatch.setattr(stream_handler, "STREAM_POLL", 0)
    monkeypatch.setattr(stream_handler, "STREAM_SECONDS", 5)
    unit_id = unit(gw)
    browser = signed_in(gw)
    where = report(browser).headers["Location"].split("?")[0]
    page = browser.go("GET", where)
    browser.go("POST", where + "/dispatch", {"csrf": hidden(page.text), "unit_ids": [unit_id]})
    [d] = gw.service.incidents[where.split("/")[-1]]["dispatches"]
    r = _stream(browser)
    assert r.status_code == 200 and r.mimetype == "text/event-stream"
    chunks = iter(r.response)
    assert next(chunks) == "retry: 2000\n\n"
    first = json.loads(next(chunks)[len("data: "):])
    [row] = first["incidents"]
    assert row["dispatches"][0]["state_label"] == "待确认"
    gw.service.acknowledge(d["dispatch_id"], {})  # as through the API
    second = json.loads(next(chunks)[len("data: "):])
    shown = second["incidents"][0]["dispatches"][0]
    assert shown["dispatch_id"] == d["dispatch_id"] and shown["state_label"] == "已确认"
    board_calls = [c for c in gw.calls if c[1] == "board"]
    assert board_calls and board_calls[0][2][0]["username"] == "cc"


def _stream(browser):
    """GET /board/stream without reading the body (it streams)."""
    from werkzeug.test import EnvironBuilder
    from werkzeug.wrappers import Request
    from gateway.pages.table import BY_NAME
    cookie = "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
    request = Request(EnvironBuilder(path="/board/stream",
                                     headers={"Cookie": cookie}).get_environ())
    return frame.serve(browser.gw, request, BY_NAME["board_stream_page"], {})


def test_board_js_draws_with_text_only_and_says_the_connection_state():
    script = FILES["board.js"].read_text(encoding="utf-8")
    assert not re.search(r"\.(inner|outer)HTML|insertAdjacentHTML|document\.write", script)
    assert "textContent" in script
    assert 'new EventSource("/board/stream")' in script
    assert "已连接" in script and "正在重新连接" in script


def test_every_dispatch_state_has_words():
    assert set(DISPATCH_STATE_LABELS_ZH.values()) == {"待确认", "已确认", "已到场", "超时未确认"}


def test_form_rows_are_renumbered_to_their_place_in_the_form():
    body, slots = incident_form.incident_body({"officers.2.name": "刘洋", "category": "other"})
    assert body["officers"] == [{"name": "刘洋"}] and slots == [2]
    assert incident_form.renumber({"officers.0.unit": "x", "officers": "y"}, "officers",
                                  slots) == {"officers.2.unit": "x", "officers": "y"}
    assert incident_form.label_of("officers.2.unit") == "民警 3 所在单位"
    with pytest.raises(AppError):
        load_or_error(ReportIncidentV1, body)
