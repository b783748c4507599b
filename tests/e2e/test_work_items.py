"""Every department's work items through the running system (real services, real broker):
the evidence service opens the cyber brigade's web-evidence item when the committee accepts an
online case, and intake shows it on the case answer and its timeline; a department sees a case
only once its item is open (never by a cancelled one) and keeps what it saw before; a close
that overtakes its open on the bus still wins; GET /api/work-items lists a department's queue
nearest due first, another department's queue is refused."""
import json
from datetime import datetime, timedelta

import pytest
from kombu import Connection, Exchange

from weiquan.config import TZ
from weiquan.contracts.events import build_event

from tests.support.answers import assert_error, ok
from tests.support.bodies import application
from tests.support.infra import amqp_uri
from tests.support.portal import signed_in
from tests.support.waiting import wait_until
from tests.support.work import brigade_item, cyber_case

pytestmark = pytest.mark.e2e
SYSTEM = {"username": "system", "roles": ["logistics"]}


def publish(body, source="logistics"):
    """Announce ``body`` as the department's service would (its outbox relay's message)."""
    exchange = Exchange(f"{source}.events", type="topic", durable=True, delivery_mode=2)
    with Connection(amqp_uri()) as conn:
        conn.Producer().publish(json.loads(json.dumps(body)), exchange=exchange,
                                declare=[exchange], routing_key=body["event_type"],
                                delivery_mode=2, serializer="json",
                                headers={"event_id": body["event_id"]})


def payment_item(case_no, event_type, item_id, due_days=None, state="open", at=None,
                 summary="抚慰金支付申请：待审核"):
    now = at or datetime.now(TZ)
    due = None if due_days is None else (now + timedelta(days=due_days)).isoformat()
    return build_event("logistics", event_type, case_no, SYSTEM, {
        "item_id": item_id, "department": "logistics", "kind": "consolation_payment",
        "owner": "logistics", "due": due, "state": state, "summary": summary}, now)


def new_case(system):
    return ok(system.call("POST", "/api/applications", "officer", json=application()),
              201)["case_no"]


def items_of(system, case_no, user="committee_office"):
    """The logistics items on the case (other departments' services open their own too)."""
    return [i for i in ok(system.call("GET", f"/api/cases/{case_no}", user))["work_items"]
            if i["department"] == "logistics"]


def test_an_accepted_online_case_shows_the_brigades_item_and_lets_it_in(system):
    case_no = ok(system.call("POST", "/api/applications", "officer",
                             json=application(category="malicious_complaint_hype")),
                 201)["case_no"]
    assert_error(system.call("GET", f"/api/cases/{case_no}", "cyber_brigade"), 403, "forbidden")
    ok(system.call("POST", f"/api/cases/{case_no}/decision", "committee_office",
                   json={"accept": True}))
    item = wait_until(lambda: brigade_item(system, case_no), timeout=20,
                      what="the web-evidence item on the case")
    assert (item["owner"], item["state"], item["summary"], item["department_label"]) == (
        "cyber_brigade", "open", "网络证据固定与有害信息处置", "网安大队")
    assert item["due"] is not None
    case = ok(system.call("GET", f"/api/cases/{case_no}", "cyber_brigade"))   # now it may
    [entry] = [t for t in case["timeline"] if t["action"] == "work_opened"
               and t["detail"]["item_id"] == item["item_id"]]
    assert (entry["detail"]["department"], entry["detail"]["kind"]) == ("cyber_brigade",
                                                                        "web_evidence")
    assert entry["detail"]["summary"] == "网络证据固定与有害信息处置"
    listed = ok(system.call("GET", "/api/cases?page_size=100", "cyber_brigade"))["items"]
    assert case_no in [c["case_no"] for c in listed]
    # the brigade's own queue has it; the officer still sees the own case
    mine = ok(system.call("GET", f"/api/work-items?case_no={case_no}", "cyber_brigade"))
    assert [i["item_id"] for i in mine["items"]] == [item["item_id"]]
    ok(system.call("GET", f"/api/cases/{case_no}", "officer"))


def test_a_department_sees_a_case_only_while_its_item_is_open_or_done(system):
    seen, cancelled, other = new_case(system), new_case(system), new_case(system)
    for case_no in (seen, cancelled, other):
        assert_error(system.call("GET", f"/api/cases/{case_no}", "logistics"), 403, "forbidden")
    t0 = datetime.now(TZ)
    publish(payment_item(seen, "work_opened", f"pay-{seen}", due_days=3, at=t0))
    # the cancellation overtakes its open on the bus: the later event still wins
    publish(payment_item(cancelled, "work_closed", f"pay-{cancelled}", state="cancelled",
                         at=t0 + timedelta(seconds=5), summary="抚慰金支付申请：已撤销"))
    publish(payment_item(cancelled, "work_opened", f"pay-{cancelled}", due_days=3, at=t0))
    wait_until(lambda: system.call("GET", f"/api/cases/{seen}", "logistics").status_code == 200,
               timeout=15, what="logistics seeing the case of its open item")
    wait_until(lambda: len([t for t in ok(system.call("GET", f"/api/cases/{cancelled}",
                                                      "committee_office"))["timeline"]
                            if t["action"].startswith("work_")
                            and t["detail"]["department"] == "logistics"]) == 2,
               timeout=15, what="both announcements of the cancelled item on the timeline")
    [item] = items_of(system, cancelled)
    assert (item["state"], item["summary"]) == ("cancelled", "抚慰金支付申请：已撤销")
    assert_error(system.call("GET", f"/api/cases/{cancelled}", "logistics"), 403, "forbidden")
    assert_error(system.call("GET", f"/api/cases/{other}", "logistics"), 403, "forbidden")
    listed = {c["case_no"] for c in ok(system.call("GET", "/api/cases?page_size=100",
                                                   "logistics"))["items"]}
    assert seen in listed and not {cancelled, other} & listed
    # done keeps the department in; nobody else lost the case
    publish(payment_item(seen, "work_closed", f"pay-{seen}", state="done",
                         at=t0 + timedelta(seconds=5), summary="抚慰金支付申请：已支付"))
    wait_until(lambda: items_of(system, seen)[0]["state"] == "done", timeout=15,
               what="the payment item done")
    ok(system.call("GET", f"/api/cases/{seen}", "logistics"))
    ok(system.call("GET", f"/api/cases/{seen}", "officer"))


def test_the_queue_is_nearest_due_first_and_a_department_sees_only_its_own(system):
    case_no = new_case(system)
    for item_id, days in (("q-late", 9), ("q-none", None), ("q-soon", 1), ("q-mid", 4)):
        publish(payment_item(case_no, "work_opened", f"{item_id}-{case_no}", due_days=days))
    wait_until(lambda: len(items_of(system, case_no)) == 4, timeout=15,
               what="four payment items on the case")
    r = system.call("GET", f"/api/work-items?case_no={case_no}", "logistics")
    queue = ok(r)
    assert [i["item_id"].split("-")[1] for i in queue["items"]] == ["soon", "mid", "late",
                                                                    "none"]
    assert queue["departments"] == ["logistics"] and queue["state"] == "open"
    assert queue["items"][0]["kind_label"] == "抚慰金支付"
    paged = ok(system.call("GET", f"/api/work-items?case_no={case_no}&page_size=2&page=2",
                           "logistics"))
    assert [i["item_id"].split("-")[1] for i in paged["items"]] == ["late", "none"]
    assert paged["total"] == 4
    theirs = ok(system.call("GET", f"/api/work-items?case_no={case_no}", "political_work"))
    assert {i["department"] for i in theirs["items"]} <= {"political_work"}  # its own only
    assert_error(system.call("GET", "/api/work-items?department=logistics", "political_work"),
                 403, "forbidden")
    assert_error(system.call("GET", "/api/work-items", "officer"), 403, "forbidden")
    assert_error(system.call("GET", "/api/work-items?state=lost", "logistics"), 422,
                 field="state")
    committee = ok(system.call("GET", f"/api/work-items?case_no={case_no}&department=logistics",
                               "committee_director"))
    assert committee["total"] == 4
    assert ok(system.call("GET", f"/api/work-items?case_no={case_no}",
                          "cyber_brigade"))["total"] == 0


def test_the_queue_page_lists_the_departments_items(system):
    case_no = cyber_case(system)
    browser = signed_in(system.base_url, "cyber_brigade")
    page = browser.get(f"{system.base_url}/work", timeout=10)
    assert page.status_code == 200 and "我的待办" in page.text
    assert f'href="/cases/{case_no}"' in page.text
    home = browser.get(f"{system.base_url}/", timeout=10)
    assert "我的待办" in home.text
