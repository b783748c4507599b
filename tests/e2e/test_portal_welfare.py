"""The political-work office's portal pages through the running system, as a browser without
JavaScript uses them (requests, forms posted with the CSRF token read from the page): the
queue, a green channel updated and closed, a case's visits, insurance claims and
psychological referrals, a referral's sessions, training and attendance. A refused form shows
the page again with the message at its field; every other role is refused the pages."""
import uuid
from datetime import datetime, timedelta

import pytest

from weiquan.config import TZ
from weiquan.contracts.codes import ROLES

from tests.support.answers import ok
from tests.support.bodies import application
from tests.support.known_welfare import green_channel_item
from tests.support.portal import hidden, signed_in
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e
PW = "political_work"


@pytest.fixture(scope="module")
def injured(system):
    system.wait_ready()
    assert wait_until(lambda: system.call("GET", "/api/welfare/work", PW).status_code == 200,
                      60), "welfare did not answer"
    case_no = ok(system.call("POST", "/api/applications", "officer", json=application()),
                 201)["case_no"]
    return system, case_no, green_channel_item(system, case_no)


@pytest.fixture(scope="module")
def office(injured):
    system, _, _ = injured
    return signed_in(system.base_url, PW)


def post(browser, base, url, page_url, data, status=303):
    page = browser.get(base + page_url, timeout=10)
    assert page.status_code == 200, page.text
    r = browser.post(base + url, data={"csrf": hidden(page.text), **data},
                     allow_redirects=False, timeout=15)
    assert r.status_code == status, r.text
    return r


def local(delta=timedelta()):
    return (datetime.now(TZ) + delta).strftime("%Y-%m-%dT%H:%M")


def test_green_channel_updated_and_closed_through_its_page(injured, office):
    system, case_no, item_id = injured
    base, page = system.base_url, f"/welfare/green-channels/{item_id}"
    queue = office.get(base + "/welfare", timeout=10)
    assert queue.status_code == 200 and item_id in queue.text and case_no in queue.text
    r = post(office, base, page, page, {"hospital": "县人民医院", "contact": "",
                                        "state": "in_treatment"})
    assert r.headers["Location"] == f"{page}?done=updated"
    assert "救治中" in office.get(base + r.headers["Location"], timeout=10).text
    refused = post(office, base, f"{page}/close", page, {"outcome": ""}, status=422)
    assert 'id="f-outcome-error"' in refused.text and "缺少必填字段" in refused.text
    assert ok(system.call("GET", f"/api/welfare/green-channels/{item_id}", PW))["state"] == \
        "in_treatment"
    r = post(office, base, f"{page}/close", page, {"outcome": "已出院"})
    shown = office.get(base + r.headers["Location"], timeout=10).text
    assert "已关闭" in shown and "已出院" in shown and f"{page}/close" not in shown
    assert ok(system.call("GET", f"/api/welfare/green-channels/{item_id}", PW))["state"] == \
        "closed"


def test_case_page_records_visits_claims_and_referrals(injured, office):
    system, case_no, _ = injured
    base, page = system.base_url, f"/welfare/cases/{case_no}"
    late = post(office, base, f"{page}/visits", page, {"visitors": "政工室", "visited_at":
                                                      local(timedelta(days=2))}, status=422)
    assert 'id="f-visited_at-error"' in late.text
    post(office, base, f"{page}/visits", page, {"visitors": "政工室李主任",
                                                "visited_at": local(), "gifts": "慰问金卡"})
    post(office, base, f"{page}/insurance-claims", page, {"insurer": "人保财险",
                                                          "policy_no": "P-2026-9"})
    seen = ok(system.call("GET", f"/api/welfare/cases/{case_no}", PW))
    assert seen["visits"][0]["visitors"] == "政工室李主任"
    claim_id = seen["insurance_claims"][0]["claim_id"]
    post(office, base, f"/welfare/insurance-claims/{claim_id}", page,
         {"case_no": case_no, "state": "under_review", "note": ""})
    bad = post(office, base, f"{page}/psych-referrals", page,
               {"person.type": "relative", "person.name": "王芳", "person.relation": ""},
               status=422)
    assert 'id="f-person-relation-error"' in bad.text and "第三十九条" in bad.text
    r = post(office, base, f"{page}/psych-referrals", page,
             {"person.type": "relative", "person.name": "王芳", "person.relation": "spouse",
              "reason": "失眠"})
    shown = office.get(base + r.headers["Location"], timeout=10).text
    assert "审核中" in shown and "王芳（民警配偶）" in shown
    [referral] = ok(system.call("GET", f"/api/welfare/psych-referrals?case_no={case_no}",
                                PW))["items"]
    rpage = f"/welfare/psych-referrals/{referral['referral_id']}"
    post(office, base, f"{rpage}/sessions", rpage, {"kind": "session", "at": local(),
                                                    "counsellor": "刘心理师", "notes": "初谈"})
    r = post(office, base, f"{rpage}/close", rpage, {"note": "好转"})
    shown = office.get(base + r.headers["Location"], timeout=10).text
    assert "已结束" in shown and "刘心理师" in shown


def test_training_and_attendance_pages(injured, office):
    system, _, _ = injured
    base = system.base_url
    r = post(office, base, "/welfare/trainings", "/welfare/trainings",
             {"title": f"安全培训 {uuid.uuid4().hex[:4]}", "topic": "自我防护",
              "held_at": local(), "trainer": "李教官"})
    tpage = r.headers["Location"]
    bad = post(office, base, f"{tpage}/attendance", tpage, {"police_ids": "1\n2\n1"},
               status=422)
    assert "第 3 个" in bad.text and 'id="f-police_ids-error"' in bad.text
    post(office, base, f"{tpage}/attendance", tpage, {"police_ids": "360721001 360721002"})
    assert ok(system.call("GET", f"/api/welfare/trainings/{tpage.rsplit('/', 1)[1]}",
                          PW))["attendance"] == 2


def test_every_other_role_is_refused_the_pages(injured):
    system, case_no, item_id = injured
    referrals = ok(system.call("GET", "/api/welfare/psych-referrals", PW))["items"]
    paths = ["/welfare", f"/welfare/cases/{case_no}", f"/welfare/green-channels/{item_id}",
             "/welfare/trainings"]
    if referrals:
        paths.append(f"/welfare/psych-referrals/{referrals[0]['referral_id']}")
    for role in ROLES:
        if role == PW:
            continue
        browser = signed_in(system.base_url, role)
        for path in paths:
            r = browser.get(system.base_url + path, timeout=10, allow_redirects=False)
            assert r.status_code == 403, (role, path, r.status_code)
            assert "王芳" not in r.text and "县人民医院" not in r.text
