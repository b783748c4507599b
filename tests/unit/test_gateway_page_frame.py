"""The page frame in-process, with the gateway's dependencies faked (an in-memory users and
sessions database, an RPC recorder) and the time injected: login, the session cookie, CSRF,
idle expiry, logout, and a form post reaching the same operation as the JSON API."""
import re
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from http.cookies import SimpleCookie

import pytest
from sqlalchemy import create_engine, insert, select
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from weiquan.kit.errors import AppError
from weiquan.settings import Settings

from gateway.models import metadata, page_sessions, users
from gateway.pages import frame
from gateway.pages.table import PAGES
from gateway.passwords import hash_password

pytestmark = pytest.mark.unit
T0 = datetime(2026, 11, 30, 1, 0, tzinfo=timezone.utc)
DEADLINE = {"kind": "acceptance_decision", "due": "2026-12-02T23:59:59+08:00",
            "provisional": False, "state": "running", "working_days_left": 2,
            "days_overdue": None}
CASE = {"case_no": "GX-WQ-2026-000001", "status": "submitted", "category": "violent_attack",
        "channel": "intranet", "applicant": {"type": "officer", "name": "张伟"},
        "officer": {"name": "张伟", "unit": "城关派出所"}, "incident": {"place": "城关镇"},
        "received_at": "2026-11-30T09:00:00+08:00", "deadlines": [DEADLINE],
        "timeline": [{"at": "2026-11-30T09:00:00+08:00", "action": "application_submitted",
                      "actor": "officer"}]}


class FakeGateway:
    def __init__(self):
        engine = create_engine("sqlite://", poolclass=StaticPool,
                               connect_args={"check_same_thread": False})
        metadata.create_all(engine)
        self.factory = sessionmaker(engine)
        with self.factory() as s, s.begin():
            s.execute(insert(users).values(
                username="officer", password_hash=hash_password("demo"), roles="officer",
                name="张伟", police_id="360721001", unit="城关派出所", active=True,
                created_at=T0))
        self.db = type("Store", (), {"session": lambda _: self.factory()})()
        self.settings = replace(Settings.from_env({}), session_idle=60)
        self.secret = "s" * 32
        self.calls = []

    def rpc(self, service, method, *args):
        self.calls.append((service, method, args))
        if method == "list_cases":
            return {"items": [{**CASE, "anti_gang": False, "overdue": False}], "total": 1,
                    "page": 1, "page_size": 100}
        if method == "get_case":
            if args[0] != CASE["case_no"]:
                raise AppError("not_found", "案件不存在", "No such case", status=404)
            return CASE
        if method == "submit_application":
            return {"case_no": CASE["case_no"], "status": "submitted", "decision_due": DEADLINE}
        if method == "list_work_items":   # a department's home page shows its queue
            return {"items": [], "total": 0, "page": 1, "page_size": 10, "departments": [],
                    "state": "open"}
        raise AssertionError(method)


class Browser:
    """Cookies kept, forms posted as a browser without JavaScript would."""

    def __init__(self, gw):
        self.gw, self.cookies = gw, {}

    def go(self, method, path, form=None):
        query = path.partition("?")[2]
        route = path.partition("?")[0]
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        environ = EnvironBuilder(path=route, query_string=query, method=method, data=form,
                                 headers={"Cookie": cookie} if cookie else {}).get_environ()
        request = Request(environ)
        for page in PAGES:
            if page.method == method:
                match = re.fullmatch(re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", page.path), route)
                if match:
                    response = frame.serve(self.gw, request, page, match.groupdict())
                    break
        else:
            raise AssertionError(f"no page {method} {path}")
        for header in response.headers.getlist("Set-Cookie"):
            jar = SimpleCookie(header)
            for name, morsel in jar.items():
                if morsel["expires"] and "1970" in morsel["expires"] or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        response.text = response.get_data(as_text=True)
        return response


def hidden(html, name="csrf"):
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


@pytest.fixture
def now(monkeypatch):
    clock = {"at": T0}
    monkeypatch.setattr(frame, "utcnow", lambda: clock["at"])
    return clock


@pytest.fixture
def gw():
    return FakeGateway()


def login(browser):
    page = browser.go("GET", "/login")
    return browser.go("POST", "/login", {"username": "officer", "password": "demo",
                                          "csrf": hidden(page.text)})


def test_pages_need_a_session(gw, now):
    r = Browser(gw).go("GET", "/cases/GX-WQ-2026-000001")
    assert r.status_code == 303
    assert r.headers["Location"] == "/login?next=%2Fcases%2FGX-WQ-2026-000001"


def test_login_sets_an_httponly_lax_cookie_and_goes_home(gw, now):
    browser = Browser(gw)
    r = login(browser)
    assert r.status_code == 303 and r.headers["Location"] == "/"
    header = next(h for h in r.headers.getlist("Set-Cookie") if h.startswith("wq_session="))
    assert "HttpOnly" in header and "SameSite=Lax" in header and "Path=/" in header
    assert "Secure" not in header  # plain http here
    home = browser.go("GET", "/")
    assert home.status_code == 200 and 'lang="zh-CN"' in home.text
    assert "GX-WQ-2026-000001" in home.text and "剩余 2 个工作日" in home.text
    assert "2026-12-02" in home.text and "张伟" in home.text


def test_wrong_password_says_so_in_words(gw, now):
    browser = Browser(gw)
    page = browser.go("GET", "/login")
    for user in ("officer", "nobody"):
        r = browser.go("POST", "/login", {"username": user, "password": "wrong",
                                          "csrf": hidden(page.text)})
        assert r.status_code == 401 and "用户名或密码错误" in r.text
        assert "wq_session" not in browser.cookies


def test_login_without_its_csrf_token_is_refused(gw, now):
    browser = Browser(gw)
    browser.go("GET", "/login")
    r = browser.go("POST", "/login", {"username": "officer", "password": "demo"})
    assert r.status_code == 403 and "表单已失效" in r.text


def test_a_post_without_the_sessions_csrf_token_is_403(gw, now):
    browser = Browser(gw)
    login(browser)
    form = {"applicant.type": "officer"}
    assert browser.go("POST", "/apply", form).status_code == 403
    assert browser.go("POST", "/apply", {**form, "csrf": "forged"}).status_code == 403
    assert browser.go("POST", "/logout", {}).status_code == 403
    assert not [c for c in gw.calls if c[1] == "submit_application"]


def test_the_form_posts_to_the_same_operation_as_the_api(gw, now):
    browser = Browser(gw)
    login(browser)
    page = browser.go("GET", "/apply")
    assert page.status_code == 200 and 'value="360721001"' in page.text
    form = {"csrf": hidden(page.text), "idem": hidden(page.text, "idem"),
            "applicant.type": "officer", "applicant.name": "张伟",
            "officer.police_id": "360721001", "officer.name": "张伟",
            "officer.unit": "城关派出所", "officer.personnel_type": "regular",
            "channel": "intranet", "category": "violent_attack",
            "incident.occurred_at": "2026-11-30T08:00", "incident.place": "城关镇",
            "incident.description": "执勤时被殴打"}
    r = browser.go("POST", "/apply", form)
    assert r.status_code == 303 and r.headers["Location"].startswith("/cases/GX-WQ-2026-000001")
    [(service, method, args)] = [c for c in gw.calls if c[1] == "submit_application"]
    body, principal, request_id = args
    assert service == "intake" and principal["username"] == "officer"
    assert body["incident"]["occurred_at"] == "2026-11-30T08:00:00+08:00"
    assert request_id == "officer:" + form["idem"]
    case = browser.go("GET", r.headers["Location"])
    assert case.status_code == 200 and "已提交" in case.text
    assert "2026-12-02" in case.text and "剩余 2 个工作日" in case.text


def test_a_bad_value_comes_back_next_to_its_field(gw, now):
    browser = Browser(gw)
    login(browser)
    page = browser.go("GET", "/apply")
    r = browser.go("POST", "/apply", {"csrf": hidden(page.text), "applicant.type": "officer",
                                      "incident.occurred_at": "昨天"})
    assert r.status_code == 422
    field = r.text.index('id="f-incident-occurred_at"')
    error = r.text.index('id="f-incident-occurred_at-error"')
    assert 0 < error - field < 400
    assert " / " in r.text[error:error + 300]  # the bilingual message of the contract


def test_an_idle_session_ends_and_sends_the_user_to_login(gw, now):
    browser = Browser(gw)
    login(browser)
    now["at"] = T0 + timedelta(seconds=59)
    assert browser.go("GET", "/").status_code == 200
    now["at"] = T0 + timedelta(seconds=59 + 61)
    r = browser.go("GET", "/")
    assert r.status_code == 303 and r.headers["Location"].startswith("/login?expired=1")
    with gw.factory() as s:
        assert s.execute(select(page_sessions)).first() is None
    assert "已超时" in browser.go("GET", r.headers["Location"]).text


def test_logout_ends_the_session(gw, now):
    browser = Browser(gw)
    login(browser)
    home = browser.go("GET", "/")
    r = browser.go("POST", "/logout", {"csrf": hidden(home.text)})
    assert r.status_code == 303 and r.headers["Location"] == "/login?bye=1"
    assert "wq_session" not in browser.cookies
    with gw.factory() as s:
        assert s.execute(select(page_sessions)).first() is None


def test_care_mode_is_a_form_and_sticks(gw, now):
    browser = Browser(gw)
    login(browser)
    home = browser.go("GET", "/")
    assert 'class="care"' not in home.text
    r = browser.go("POST", "/care-mode", {"csrf": hidden(home.text), "on": "1", "next": "/"})
    assert r.status_code == 303
    assert '<body class="care">' in browser.go("GET", "/").text


def test_an_unknown_case_is_a_chinese_404_page(gw, now):
    browser = Browser(gw)
    login(browser)
    r = browser.go("GET", "/cases/NOPE")
    assert r.status_code == 404 and "案件不存在" in r.text and r.mimetype == "text/html"


def test_a_role_the_policy_refuses_gets_a_403_page(gw, now):
    with gw.factory() as s, s.begin():
        s.execute(insert(users).values(username="board", password_hash=hash_password("demo"),
                                       roles="command_center", active=True, created_at=T0))
    browser = Browser(gw)
    page = browser.go("GET", "/login")
    browser.go("POST", "/login", {"username": "board", "password": "demo",
                                  "csrf": hidden(page.text)})
    r = browser.go("GET", "/apply")
    assert r.status_code == 403 and r.mimetype == "text/html"
    home = browser.go("GET", "/")
    assert home.status_code == 200 and 'href="/board"' in home.text
    assert 'href="/apply"' not in home.text
