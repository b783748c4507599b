"""The server-rendered portal through the running system, as a browser without JavaScript
would use it (requests, forms posted with the CSRF token read from the page): login and its
cookie, the officer's cases on the home page, an application through the form, the case page
with its deadline, CSRF refusals, a bad value shown at its field, idle expiry, logout."""
import re
import time
from datetime import datetime, timedelta

import pytest
import requests

from weiquan.config import TZ

from tests.support.answers import ok
from tests.support.bodies import application
from tests.support.infra import free_port
from tests.support.portal import hidden, login

pytestmark = pytest.mark.e2e


def form(page, **changes):
    """The officer's application form as the page filled it in, completed and changed."""
    occurred = (datetime.now(TZ) - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    values = {"csrf": hidden(page), "idem": hidden(page, "idem"),
              "applicant.type": "officer", "applicant.name": "张伟",
              "officer.police_id": "360721001", "officer.name": "张伟",
              "officer.unit": "城关派出所", "officer.personnel_type": "regular",
              "channel": "intranet", "category": "violent_attack",
              "incident.occurred_at": occurred, "incident.place": "城关镇红旗大道",
              "incident.description": "执勤时被殴打", "incident.injury": "on"}
    values.update(changes)
    return values


def test_login_sets_an_httponly_samesite_cookie(system):
    _, r = login(system.base_url)
    cookies = r.raw.headers.getlist("Set-Cookie")
    [session] = [c for c in cookies if c.startswith("wq_session=")]
    for flag in ("HttpOnly", "SameSite=Lax", "Path=/"):
        assert flag in session
    assert "Secure" not in session  # plain http in the tests
    assert r.headers["Location"] == "/"


def test_pages_without_a_session_go_to_login(system):
    r = requests.get(system.base_url + "/", allow_redirects=False, timeout=10)
    assert r.status_code == 303 and r.headers["Location"] == "/login"


def test_wrong_password_is_said_in_words(system):
    browser = requests.Session()
    page = browser.get(system.base_url + "/login", timeout=10)
    r = browser.post(system.base_url + "/login", data={
        "username": "officer", "password": "wrong", "csrf": hidden(page.text)}, timeout=10)
    assert r.status_code == 401 and "用户名或密码错误" in r.text


def test_home_lists_the_officers_cases(system):
    case_no = ok(system.call("POST", "/api/applications", "officer", json=application()),
                 201)["case_no"]
    browser, _ = login(system.base_url)
    home = browser.get(system.base_url + "/", timeout=10)
    assert home.status_code == 200 and 'lang="zh-CN"' in home.text
    assert case_no in home.text and "我的案件" in home.text
    assert "个工作日" in home.text or "已逾期" in home.text


def test_an_officer_applies_through_the_form_and_reads_the_case(system):
    browser, _ = login(system.base_url)
    page = browser.get(system.base_url + "/apply", timeout=10)
    assert page.status_code == 200 and "第三十九条" in page.text
    r = browser.post(system.base_url + "/apply", data=form(page.text), allow_redirects=False,
                     timeout=30)
    assert r.status_code == 303, r.text
    case_no = re.fullmatch(r"/cases/([^?]+)\?submitted=1", r.headers["Location"]).group(1)
    case = browser.get(system.base_url + r.headers["Location"], timeout=10)
    assert case.status_code == 200 and case_no in case.text
    api = ok(system.call("GET", f"/api/cases/{case_no}", "officer"))
    [due] = [d for d in api["deadlines"] if d["kind"] == "acceptance_decision"]
    due_day = datetime.fromisoformat(due["due"]).astimezone(TZ).date().isoformat()
    assert due_day in case.text
    assert f"剩余 {due['working_days_left']} 个工作日" in case.text
    assert api["filed_by"] == "officer" and api["channel"] == "intranet"


def test_a_post_without_the_csrf_token_is_403(system):
    browser, _ = login(system.base_url)
    page = browser.get(system.base_url + "/apply", timeout=10)
    values = form(page.text)
    del values["csrf"]
    r = browser.post(system.base_url + "/apply", data=values, allow_redirects=False, timeout=10)
    assert r.status_code == 403 and "表单已失效" in r.text
    r = browser.post(system.base_url + "/apply", data={**values, "csrf": "forged"},
                     allow_redirects=False, timeout=10)
    assert r.status_code == 403


@pytest.mark.parametrize("field,value", [
    ("incident.occurred_at", "昨天"),          # the contract refuses it at the gateway
    ("officer.police_id", "360721999"),       # intake refuses it: not the officer's own
])
def test_a_bad_value_is_shown_next_to_its_field(system, field, value):
    browser, _ = login(system.base_url)
    page = browser.get(system.base_url + "/apply", timeout=10)
    r = browser.post(system.base_url + "/apply", data=form(page.text, **{field: value}),
                     timeout=30)
    assert r.status_code == 422, r.text
    field_id = "f-" + field.replace(".", "-")
    at_field = r.text.index(f'id="{field_id}"')
    at_error = r.text.index(f'id="{field_id}-error"')
    assert 0 < at_error - at_field < 500
    message = re.search(rf'id="{field_id}-error">([^<]+)<', r.text).group(1)
    assert " / " in message  # Chinese / English, as the API's error object says it
    assert value in r.text  # what the user typed is kept


def test_an_idle_session_goes_back_to_login(system):
    """A second gateway with WEIQUAN_SESSION_IDLE=2, on the same databases and broker."""
    port = free_port()
    system.start("gateway", as_name="gateway_idle", WEB_SERVER_ADDRESS=f"127.0.0.1:{port}",
                 WEIQUAN_SESSION_IDLE="2")
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            assert time.monotonic() < deadline, "second gateway did not start"
            time.sleep(0.3)
        browser, _ = login(base)
        assert browser.get(base + "/", allow_redirects=False, timeout=10).status_code == 200
        time.sleep(3)
        r = browser.get(base + "/", allow_redirects=False, timeout=10)
        assert r.status_code == 303 and r.headers["Location"].startswith("/login?expired=1")
        assert "登录已超时" in browser.get(base + r.headers["Location"], timeout=10).text
    finally:
        system.stop("gateway_idle")


def test_logout_ends_the_session(system):
    browser, _ = login(system.base_url)
    cookie = browser.cookies["wq_session"]
    home = browser.get(system.base_url + "/", timeout=10)
    r = browser.post(system.base_url + "/logout", data={"csrf": hidden(home.text)},
                     allow_redirects=False, timeout=10)
    assert r.status_code == 303 and r.headers["Location"] == "/login?bye=1"
    assert "wq_session" not in browser.cookies
    replay = requests.get(system.base_url + "/", cookies={"wq_session": cookie},
                          allow_redirects=False, timeout=10)
    assert replay.status_code == 303  # the old cookie no longer opens anything
