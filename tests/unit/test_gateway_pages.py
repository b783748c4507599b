"""The portal's pure parts: CSRF comparison, cookie flags, idle expiry (with the time passed
in), the page table, the deadline texts and the application form's mapping to the contract."""
from datetime import datetime, timedelta, timezone

import pytest
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request, Response

from weiquan.contracts import policy
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import SubmitApplicationV1

from gateway.operations import BY_NAME as OPERATIONS
from gateway.pages import application_form, sessions
from gateway.pages.cookies import SESSION_COOKIE, cookie_options, set_cookie
from gateway.pages.page import LOGIN, QUERY, SESSION
from gateway.pages.render import login_url, safe_next
from gateway.pages.table import PAGES
from gateway.pages.views import days_text, deadline_view, intake_queue

pytestmark = pytest.mark.unit
T0 = datetime(2026, 11, 30, 1, 0, tzinfo=timezone.utc)


def request(url="/", headers=None, base="http://localhost"):
    return Request(EnvironBuilder(path=url, base_url=base, headers=headers or {}).get_environ())


# ---- CSRF ----------------------------------------------------------------------------------
def test_csrf_matches_only_the_sessions_own_token():
    token = sessions.new_secret()
    assert sessions.csrf_ok(token, token)
    assert not sessions.csrf_ok(token, token[:-1] + ("A" if token[-1] != "A" else "B"))
    assert not sessions.csrf_ok(token, None)
    assert not sessions.csrf_ok(token, "")
    assert not sessions.csrf_ok("", "")
    assert not sessions.csrf_ok(None, None)
    assert not sessions.csrf_ok(token, ["list"])
    assert not sessions.csrf_ok(token, "\udcff")  # a lone surrogate is refused, not a 500


def test_secrets_are_random_and_long():
    made = {sessions.new_secret() for _ in range(50)}
    assert len(made) == 50 and all(len(s) >= 43 for s in made)


# ---- cookies -------------------------------------------------------------------------------
def test_cookie_is_httponly_lax_root_and_not_secure_over_http():
    assert cookie_options(request()) == {"httponly": True, "samesite": "Lax", "path": "/",
                                         "secure": False}


@pytest.mark.parametrize("req", [
    lambda: request(base="https://portal.example"),
    lambda: request(headers={"X-Forwarded-Proto": "https"}),
    lambda: request(headers={"X-Forwarded-Proto": "HTTPS, http"}),
])
def test_cookie_is_secure_over_https(req):
    assert cookie_options(req())["secure"] is True


def test_set_cookie_header_carries_the_flags():
    response = set_cookie(Response(""), request(base="https://x"), SESSION_COOKIE, "abc")
    header = response.headers["Set-Cookie"]
    assert header.startswith("wq_session=abc;")
    for flag in ("HttpOnly", "SameSite=Lax", "Path=/", "Secure"):
        assert flag in header


# ---- idle expiry ---------------------------------------------------------------------------
def test_idle_expiry_with_an_injected_time():
    assert not sessions.expired(T0, T0, T0 + timedelta(seconds=1800), 1800, 28800)
    assert sessions.expired(T0, T0, T0 + timedelta(seconds=1801), 1800, 28800)
    # kept alive by use, but never longer than the token lifetime
    late = T0 + timedelta(seconds=28801)
    assert sessions.expired(T0, late - timedelta(seconds=5), late, 1800, 28800)


@pytest.fixture
def db():
    from sqlalchemy import create_engine, insert
    from sqlalchemy.orm import sessionmaker
    from sqlalchemy.pool import StaticPool
    from gateway.models import metadata, users
    engine = create_engine("sqlite://", poolclass=StaticPool,
                           connect_args={"check_same_thread": False})
    metadata.create_all(engine)
    factory = sessionmaker(engine)
    with factory() as s, s.begin():
        s.execute(insert(users).values(username="officer", password_hash="x", roles="officer",
                                       active=True, created_at=T0))
    yield factory
    engine.dispose()


PRINCIPAL = {"username": "officer", "roles": ["officer"], "police_id": "360721001",
             "unit": "城关派出所", "name": "张伟"}


def test_a_session_lives_while_used_and_ends_when_idle(db):
    with db() as s, s.begin():
        sid, csrf = sessions.open_session(s, PRINCIPAL, T0, 60)
    with db() as s, s.begin():
        visit, expired = sessions.find(s, sid, T0 + timedelta(seconds=59), 60, 28800)
    assert visit.principal == PRINCIPAL and visit.csrf == csrf and not expired
    assert visit.care is False
    with db() as s, s.begin():  # used at +59 s: alive at +118 s
        assert sessions.find(s, sid, T0 + timedelta(seconds=118), 60, 28800)[0] is not None
    with db() as s, s.begin():
        assert sessions.find(s, sid, T0 + timedelta(seconds=179), 60, 28800) == (None, True)
    with db() as s, s.begin():  # deleted: now simply unknown
        assert sessions.find(s, sid, T0 + timedelta(seconds=180), 60, 28800) == (None, False)


def test_the_table_holds_only_a_hash_of_the_session_id(db):
    from sqlalchemy import select
    from gateway.models import page_sessions
    with db() as s, s.begin():
        sid, _ = sessions.open_session(s, PRINCIPAL, T0, 60)
        stored = s.execute(select(page_sessions.c.id_hash)).scalars().all()
    assert stored == [sessions.hash_id(sid)] and sid not in stored


def test_a_deactivated_users_session_ends(db):
    from sqlalchemy import update
    from gateway.models import users
    with db() as s, s.begin():
        sid, _ = sessions.open_session(s, PRINCIPAL, T0, 60)
        s.execute(update(users).values(active=False))
    with db() as s, s.begin():
        assert sessions.find(s, sid, T0, 60, 28800) == (None, True)


def test_care_mode_is_remembered_for_the_user(db):
    with db() as s, s.begin():
        sessions.set_care_mode(s, "officer", True)
        sid, _ = sessions.open_session(s, PRINCIPAL, T0, 60)
    with db() as s, s.begin():
        assert sessions.find(s, sid, T0, 60, 28800)[0].care is True


def test_unknown_or_absurd_session_ids(db):
    with db() as s, s.begin():
        assert sessions.find(s, "nope", T0, 60, 28800) == (None, False)
        assert sessions.find(s, "x" * 1000, T0, 60, 28800) == (None, False)
        assert sessions.find(s, "", T0, 60, 28800) == (None, False)


# ---- redirects -----------------------------------------------------------------------------
@pytest.mark.parametrize("target,expected", [
    ("/cases/GX-1", "/cases/GX-1"), ("//evil.example", "/"), ("https://evil.example", "/"),
    ("/\\evil.example", "/"), (None, "/"), ("/x\r\nSet-Cookie: a=b", "/")])
def test_after_login_only_paths_on_this_site(target, expected):
    assert safe_next(target) == expected


def test_login_url_keeps_where_the_user_was_going():
    assert login_url("/cases/A-1", expired=True) == "/login?expired=1&next=%2Fcases%2FA-1"
    assert login_url("/") == "/login"


# ---- the page table ------------------------------------------------------------------------
def test_page_names_are_unique_and_never_an_operations():
    names = [p.name for p in PAGES]
    assert len(names) == len(set(names))
    assert not set(names) & set(OPERATIONS)


def test_pages_live_outside_the_api():
    for page in PAGES:
        assert not page.path.startswith("/api") and page.path != "/metrics"


def test_pages_and_operations_never_share_a_route():
    from gateway.operations import OPERATIONS
    assert not {(p.method, p.path) for p in PAGES} & {(o.method, o.path) for o in OPERATIONS}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_rows_are_well_formed(page):
    assert page.method in ("GET", "POST")
    assert page.title and callable(page.handler)
    if page.policy_action:
        assert page.policy_action in policy.ACTIONS
        assert page.roles == policy.rule(*page.policy_action).roles
    if page.nav:
        assert page.method == "GET"
    assert page.csrf in (SESSION, LOGIN, QUERY)


def test_every_post_page_checks_a_csrf_token_and_only_login_uses_the_cookie():
    posts = [p for p in PAGES if p.method == "POST"]
    assert posts and {p.path for p in posts if p.csrf == LOGIN} == {"/login"}


def test_pages_allow_by_the_shared_policy():
    apply_page = next(p for p in PAGES if p.path == "/apply" and p.method == "GET")
    for role in policy.rule("intake", "submit_application").roles:
        assert apply_page.allows({"roles": [role]})
    assert not apply_page.allows({"roles": ["command_center"]})
    assert not apply_page.allows(None)


# ---- what the pages show -------------------------------------------------------------------
def test_deadline_texts_come_from_the_answers_counts():
    running = {"kind": "acceptance_decision", "due": "2026-12-02T23:59:59+08:00",
               "state": "running", "working_days_left": 3, "days_overdue": None,
               "provisional": False}
    assert days_text(running) == ("剩余 3 个工作日", "3 working days left")
    overdue = dict(running, state="overdue", working_days_left=None, days_overdue=1)
    assert days_text(overdue) == ("已逾期 1 天", "1 day overdue")
    view = deadline_view(dict(running, due="2026-12-02T16:00:00+00:00"))
    assert view["due_date"] == "2026-12-03"  # the Asia/Shanghai date
    assert view["label"].startswith("受理决定期限")


def _summary(no, anti_gang, due):
    return {"case_no": no, "anti_gang": anti_gang, "status": "submitted",
            "decision_due": {"kind": "acceptance_decision", "due": due, "state": "running"},
            "deadlines": []}


def test_intake_queue_puts_anti_gang_first_then_the_nearest_deadline():
    items = [_summary("A", False, "2026-12-03T23:59:59+08:00"),
             _summary("B", False, "2026-12-01T23:59:59+08:00"),
             _summary("C", True, "2026-12-05T23:59:59+08:00")]
    assert [i["case_no"] for i in intake_queue(items)] == ["C", "B", "A"]


FORM = {"applicant.type": "officer", "applicant.name": "张伟", "applicant.relation": "",
        "applicant.phone": "13800000000", "officer.police_id": "360721001",
        "officer.name": "张伟", "officer.unit": "城关派出所", "officer.personnel_type": "regular",
        "channel": "intranet", "category": "violent_attack",
        "incident.occurred_at": "2026-11-29T21:30", "incident.place": "城关镇",
        "incident.description": "执勤时被殴打", "incident.injury": "on", "csrf": "x"}


def test_the_form_becomes_the_json_apis_body():
    body = application_form.body_from(FORM)
    assert body["incident"]["occurred_at"] == "2026-11-29T21:30:00+08:00"
    assert body["incident"]["injury"] is True and body["incident"]["ongoing"] is False
    assert "relation" not in body["applicant"] and "received_at" not in body
    load_or_error(SubmitApplicationV1, body)


def test_a_bad_form_value_is_named_by_its_field_path():
    from weiquan.kit.errors import AppError
    body = application_form.body_from(dict(FORM, **{"incident.occurred_at": "昨天"}))
    with pytest.raises(AppError) as caught:
        load_or_error(SubmitApplicationV1, body)
    assert "incident.occurred_at" in caught.value.fields


def test_the_form_starts_with_who_is_applying():
    values = application_form.defaults(PRINCIPAL)
    assert values["officer.police_id"] == "360721001" and values["applicant.type"] == "officer"
    office = application_form.choices({"roles": ["committee_office"]})
    assert [c for c, _ in office["channel"]] == ["written"]
    assert "written" not in [c for c, _ in application_form.choices(PRINCIPAL)["channel"]]


def test_every_form_field_has_its_label():
    assert set(application_form.LABELS) == set(application_form.TEXTS) | \
        set(application_form.FLAGS)


# ---- where the header's forms return to --------------------------------------------------
@pytest.mark.parametrize("method,url,referrer,expected", [
    ("GET", "/cases/GX-1?x=1", None, "/cases/GX-1?x=1"),
    # a refused form's page answers POST only: back to the page the form was on
    ("POST", "/cases/GX-1/decision", "http://localhost/cases/GX-1", "/cases/GX-1"),
    ("POST", "/ledger", "http://localhost/ledger?by=month", "/ledger?by=month"),
    ("POST", "/cases/GX-1/decision", "http://evil.example/cases/GX-1", "/"),
    ("POST", "/cases/GX-1/decision", None, "/"),
])
def test_care_mode_returns_to_a_page_that_answers_get(method, url, referrer, expected):
    from gateway.pages.context import Ctx
    headers = {"Referer": referrer} if referrer else {}
    path, _, query = url.partition("?")
    req = Request(EnvironBuilder(path=path, query_string=query, method=method,
                                 base_url="http://localhost", headers=headers).get_environ())
    assert Ctx(None, req, None, None, T0).here() == expected
