"""The committee's case work through the portal of the running system, as a browser without
JavaScript would do it (forms posted with the CSRF token read from the page): the office
refuses with a reason from the regulation and the officer appeals; the office accepts and the
director extends the written reply; a refusal without a reason comes back at its field; each
deadline's reckoning; the committee's lists; a paper application keyed in."""
import re
from datetime import datetime, timedelta

import pytest

from weiquan.config import TZ

from tests.support.portal import hidden, login
from tests.support.answers import ok
from tests.support.bodies import application

pytestmark = pytest.mark.e2e


def new_case(system):
    return ok(system.call("POST", "/api/applications", "officer", json=application()),
              201)["case_no"]


def form_values(page, key, **fields):
    """The form `key` of the case page as the page filled it in, with the fields given."""
    start = page.index(f'name="form" value="{key}"')
    html = page[page.rindex("<form", 0, start):page.index("</form>", start)]
    values = {"csrf": hidden(html), "form": key, "idem": hidden(html, "idem")}
    values.update({f"{key}.{name}": value for name, value in fields.items()})
    return values


def post(browser, system, case_no, tail, values):
    return browser.post(f"{system.base_url}/cases/{case_no}/{tail}", data=values,
                        allow_redirects=False, timeout=30)


def test_the_office_refuses_with_a_reason_and_the_officer_appeals(system):
    case_no = new_case(system)
    office, _ = login(system.base_url, "committee_office")
    page = office.get(f"{system.base_url}/cases/{case_no}", timeout=10).text
    assert 'name="form" value="refuse"' in page and "第十一条" in page
    r = post(office, system, case_no, "decision", form_values(
        page, "refuse", reason_template="outside_art11", reason="经核实系邻里纠纷"))
    assert r.status_code == 303 and r.headers["Location"] == f"/cases/{case_no}?done=refuse"
    case = ok(system.call("GET", f"/api/cases/{case_no}", "officer"))
    assert case["status"] == "rejected" and case["decision"]["accept"] is False
    assert case["decision"]["reason"].startswith("所述情形不属于本办法第十一条")
    assert case["decision"]["reason"].endswith("经核实系邻里纠纷")

    officer, _ = login(system.base_url, "officer")
    page = officer.get(f"{system.base_url}/cases/{case_no}", timeout=10).text
    assert "不予受理" in page and "经核实系邻里纠纷" in page
    assert 'name="form" value="appeal"' in page and 'name="form" value="refuse"' not in page
    today = datetime.now(TZ).date().isoformat()
    r = post(officer, system, case_no, "appeal", form_values(
        page, "appeal", answer_received_at=today, reason="本人系依法执行职务时受到侵害"))
    assert r.status_code == 303, r.text
    case = ok(system.call("GET", f"/api/cases/{case_no}", "officer"))
    assert case["status"] == "appealed" and case["appeal"]["by"] == "officer"
    after = officer.get(system.base_url + r.headers["Location"], timeout=10).text
    assert "复议申请已提交" in after and 'name="form" value="appeal"' not in after


def test_the_office_accepts_and_the_director_extends_the_reply(system):
    case_no = new_case(system)
    office, _ = login(system.base_url, "committee_office")
    page = office.get(f"{system.base_url}/cases/{case_no}", timeout=10).text
    r = post(office, system, case_no, "decision", form_values(page, "accept"))
    assert r.status_code == 303, r.text
    case = ok(system.call("GET", f"/api/cases/{case_no}", "committee_director"))
    [reply] = [d for d in case["deadlines"] if d["kind"] == "written_reply"]
    assert case["status"] == "accepted"
    due_day = datetime.fromisoformat(reply["due"]).astimezone(TZ).date().isoformat()
    later = ok(system.call("GET", f"/api/calendar/due?from={due_day}&working_days=5",
                           "committee_director"))
    new_due = datetime.fromisoformat(later["due"]).astimezone(TZ).date().isoformat()

    director, _ = login(system.base_url, "committee_director")
    page = director.get(f"{system.base_url}/cases/{case_no}", timeout=10).text
    assert 'name="form" value="extend"' in page and 'name="form" value="conclude"' not in page
    r = post(director, system, case_no, "extension", form_values(
        page, "extend", new_due=new_due, reason="案情重大复杂，需协调多个部门调查"))
    assert r.status_code == 303, r.text
    case = ok(system.call("GET", f"/api/cases/{case_no}", "committee_director"))
    [reply] = [d for d in case["deadlines"] if d["kind"] == "written_reply"]
    assert datetime.fromisoformat(reply["due"]).astimezone(TZ).date().isoformat() == new_due
    assert datetime.fromisoformat(reply["extended_from"]).astimezone(TZ).date().isoformat() \
        == due_day
    page = director.get(system.base_url + r.headers["Location"], timeout=10).text
    assert f"原期限 {due_day}" in page and new_due in page

    reckoning = director.get(f"{system.base_url}/cases/{case_no}/deadlines/written_reply",
                             timeout=10)
    assert reckoning.status_code == 200 and "起算日，不计入" in reckoning.text
    assert "批准延期" in reckoning.text and "30 日（自然日）" in reckoning.text


def test_a_refusal_without_a_reason_is_shown_at_its_field(system):
    case_no = new_case(system)
    office, _ = login(system.base_url, "committee_office")
    page = office.get(f"{system.base_url}/cases/{case_no}", timeout=10).text
    r = post(office, system, case_no, "decision", form_values(page, "refuse", reason=" "))
    assert r.status_code == 422, r.text
    at_field = r.text.index('id="f-refuse-reason"')
    at_error = r.text.index('id="f-refuse-reason-error"')
    assert 0 < at_error - at_field < 800
    message = re.search(r'id="f-refuse-reason-error">([^<]+)<', r.text).group(1)
    assert "第十四条" in message and " / " in message and "Art. 14" in message
    assert ok(system.call("GET", f"/api/cases/{case_no}", "officer"))["status"] == "submitted"


def test_the_acceptance_deadline_links_to_its_reckoning(system):
    case_no = new_case(system)
    officer, _ = login(system.base_url, "officer")
    page = officer.get(f"{system.base_url}/cases/{case_no}", timeout=10).text
    link = f"/cases/{case_no}/deadlines/acceptance_decision"
    assert f'href="{link}"' in page and f'href="/cases/{case_no}/evidence"' in page
    reckoning = officer.get(system.base_url + link, timeout=10)
    assert reckoning.status_code == 200 and "起算日，不计入" in reckoning.text
    assert "，届满日" in reckoning.text
    missing = officer.get(f"{system.base_url}/cases/{case_no}/deadlines/written_reply",
                          timeout=10)
    assert missing.status_code == 404


def test_the_committees_lists_open_for_the_director(system):
    director, _ = login(system.base_url, "committee_director")
    home = director.get(system.base_url + "/", timeout=10).text
    for label, path in (("逾期看板", "/overdue"), ("责任追究", "/accountability"),
                        ("待办", "/inbox"), ("通知", "/notifications")):
        assert f'href="{path}">{label}</a>' in home
        assert director.get(system.base_url + path, timeout=30).status_code == 200, path
    api = ok(system.call("GET", "/api/notifications?limit=5", "committee_director"))
    assert isinstance(api["items"], list) and len(api["items"]) <= 5  # the same operation
    officer, _ = login(system.base_url, "officer")
    assert officer.get(system.base_url + "/overdue", timeout=10).status_code == 403
    assert officer.get(system.base_url + "/notifications", timeout=10).status_code == 200


def test_the_office_keys_in_a_paper_application(system):
    office, _ = login(system.base_url, "committee_office")
    home = office.get(system.base_url + "/", timeout=10).text
    assert 'href="/apply">录入书面申请</a>' in home
    page = office.get(system.base_url + "/apply", timeout=10).text
    received = (datetime.now(TZ) - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    occurred = (datetime.now(TZ) - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    r = office.post(system.base_url + "/apply", data={
        "csrf": hidden(page), "idem": hidden(page, "idem"), "applicant.type": "relative",
        "applicant.name": "李娜", "applicant.relation": "spouse", "officer.name": "张伟",
        "officer.police_id": "360721001", "officer.unit": "城关派出所",
        "officer.personnel_type": "regular", "channel": "written", "category": "vehicle",
        "incident.occurred_at": occurred, "incident.place": "城关镇红旗大道",
        "incident.description": "执勤时被车辆剐蹭", "received_at": received},
        allow_redirects=False, timeout=30)
    assert r.status_code == 303, r.text
    case_no = re.fullmatch(r"/cases/([^?]+)\?submitted=1", r.headers["Location"]).group(1)
    case = ok(system.call("GET", f"/api/cases/{case_no}", "committee_office"))
    assert case["channel"] == "written" and case["filed_by"] == "committee_office"
    assert case["applicant"] == {"type": "relative", "name": "李娜", "relation": "spouse"}
    assert datetime.fromisoformat(case["received_at"]).astimezone(TZ).strftime(
        "%Y-%m-%dT%H:%M") == received
