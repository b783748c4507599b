"""The political-work office's pages against a fake gateway whose welfare RPCs are the real
welfare service methods over an in-memory SQLite store: the queue, a green channel updated
and closed through its forms, a refused form shown again with the message at its field, the
case page's visit and psychological referral forms, training; every other role refused."""
import uuid
from datetime import datetime

import pytest
from sqlalchemy import create_engine, insert
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool

from weiquan.config import TZ
from weiquan.kit.errors import AppError
from weiquan.kit.uow import UnitOfWork

from gateway.models import users
from gateway.pages import frame
from gateway.passwords import hash_password
from tests.unit.test_gateway_page_frame import T0, Browser, FakeGateway, hidden
from welfare.models import metadata as welfare_metadata, outbox
from welfare.service import WelfareService

pytestmark = pytest.mark.unit
NOW = datetime(2026, 11, 30, 9, 0, tzinfo=TZ)
CASE_NO = "GX-WQ-2026-000777"


class Store:
    def __init__(self, factory):
        self.factory = factory

    def uow(self):
        return UnitOfWork(self.factory, outbox)

    def session(self):
        return self.factory()


class WelfareGateway(FakeGateway):
    """welfare's RPC methods are WelfareService's own (policy, contracts, rules, tables)."""

    def __init__(self):
        super().__init__()
        engine = create_engine("sqlite://", poolclass=StaticPool,
                               connect_args={"check_same_thread": False})
        welfare_metadata.create_all(engine)
        self.service = type("Deps", (), {})()
        self.service.db = Store(sessionmaker(engine))
        self.service.clock = type("Clock", (), {"now": staticmethod(lambda: NOW)})()
        with self.factory() as s, s.begin():
            for username in ("political_work", "committee_office"):
                s.execute(insert(users).values(
                    username=username, password_hash=hash_password("demo"), roles=username,
                    name=username, active=True, created_at=T0))

    def rpc(self, service, method, *args):
        self.calls.append((service, method, args))
        if service != "welfare":
            if method == "list_work_items":
                return {"items": [], "total": 0, "page": 1, "page_size": 10}
            return super().rpc(service, method, *args)
        answer = getattr(WelfareService, method)(self.service, *args)
        if "error" in answer:
            raise AppError.from_dict(answer)
        return answer["ok"]

    def submitted(self, injury=True):
        WelfareService.on_application_submitted(self.service, {
            "event_id": str(uuid.uuid4()), "case_no": CASE_NO, "category": "violent_attack",
            "police_id": "360721001", "officer_unit": "城关派出所",
            "received_at": NOW.isoformat(), "incident_id": None,
            "flags": {"injury": injury, "ongoing": False, "off_duty": False,
                      "anti_gang": False}})


@pytest.fixture
def gw(monkeypatch):
    monkeypatch.setattr(frame, "utcnow", lambda: T0)
    gateway = WelfareGateway()
    gateway.submitted()
    return gateway


def signed_in(gw, username="political_work"):
    browser = Browser(gw)
    page = browser.go("GET", "/login")
    r = browser.go("POST", "/login", {"username": username, "password": "demo",
                                      "csrf": hidden(page.text)})
    assert r.status_code == 303
    return browser


def post(browser, page_url, url, form):
    page = browser.go("GET", page_url)
    assert page.status_code == 200, page.text
    return browser.go("POST", url, {"csrf": hidden(page.text), **form})


def item_id(gw):
    [item] = gw.rpc("welfare", "list_work", {}, {"username": "pw", "roles": [
        "political_work"]})["items"]
    return item["item_id"]


def test_the_queue_links_the_green_channel_and_its_forms_close_it(gw):
    b = signed_in(gw)
    home = b.go("GET", "/")
    assert 'href="/welfare"' in home.text
    queue = b.go("GET", "/welfare")
    item = item_id(gw)
    assert queue.status_code == 200 and f'href="/welfare/green-channels/{item}"' in queue.text
    assert "就医绿色通道已开启" in queue.text and CASE_NO in queue.text
    page = f"/welfare/green-channels/{item}"
    r = post(b, page, page, {"hospital": "县人民医院", "contact": "", "state": "in_treatment"})
    assert (r.status_code, r.headers["Location"]) == (303, f"{page}?done=updated")
    refused = post(b, page, f"{page}/close", {"outcome": "   "})
    assert refused.status_code == 422
    assert 'id="f-outcome-error"' in refused.text and 'aria-invalid="true"' in refused.text
    assert 'href="#f-outcome"' in refused.text          # the summary links the field
    r = post(b, page, f"{page}/close", {"outcome": "已出院"})
    assert r.status_code == 303
    shown = b.go("GET", r.headers["Location"])
    assert "已关闭" in shown.text and "已出院" in shown.text and f"{page}/close" not in shown.text
    again = post(b, f"/welfare/cases/{CASE_NO}", page, {"hospital": "x"})
    assert again.status_code == 409 and "已关闭" in again.text   # shown, not an error page
    assert "已办结" in b.go("GET", "/welfare?state=done").text


def test_case_page_records_a_visit_and_refers_a_relative(gw):
    b = signed_in(gw)
    page = f"/welfare/cases/{CASE_NO}"
    r = post(b, page, f"{page}/visits", {"visitors": "政工室", "visited_at": "2026-11-30T08:00"})
    assert r.status_code == 303
    bad = post(b, page, f"{page}/psych-referrals", {"person.type": "relative",
                                                    "person.name": "王芳"})
    assert bad.status_code == 422 and 'id="f-person-relation-error"' in bad.text
    assert 'value="王芳"' in bad.text                     # what was typed is kept
    r = post(b, page, f"{page}/psych-referrals", {"person.type": "relative",
                                                  "person.name": "王芳",
                                                  "person.relation": "mother"})
    shown = b.go("GET", r.headers["Location"])
    assert "王芳（民警母亲）" in shown.text and "政工室" in shown.text
    [(_, _, (case_no, body, _))] = [c for c in gw.calls if c[1] == "refer_psych"][-1:]
    assert body == {"person": {"type": "relative", "name": "王芳", "relation": "mother"}}


def test_training_form_and_attendance(gw):
    b = signed_in(gw)
    r = post(b, "/welfare/trainings", "/welfare/trainings", {
        "title": "安全培训", "topic": "防护", "held_at": "2026-12-01T09:00", "trainer": "李"})
    assert r.status_code == 303
    tpage = r.headers["Location"]
    bad = post(b, tpage, f"{tpage}/attendance", {"police_ids": "1\n1"})
    assert bad.status_code == 422 and "第 2 个" in bad.text
    assert post(b, tpage, f"{tpage}/attendance", {"police_ids": "1，2"}).status_code == 303
    assert "警号 2" in b.go("GET", tpage).text


def test_other_roles_are_refused_the_pages(gw):
    b = signed_in(gw, "committee_office")
    for path in ("/welfare", f"/welfare/cases/{CASE_NO}", "/welfare/trainings"):
        assert b.go("GET", path).status_code == 403
    assert not [c for c in gw.calls if c[1] in ("case_welfare", "list_work")]
    assert 'href="/welfare"' not in b.go("GET", "/").text
