"""The deadline reckoning page, the committee's lists (overdue board, accountability
register, the director's inbox, notifications), the navigation by role, and the committee
office keying in a paper application (Art. 12), against a fake gateway."""
import re

import pytest

from weiquan.kit.errors import AppError

from gateway.pages.office_lists import late_text
from tests.unit.helpers_office_pages import (CASE, CASE_NO, REPLY, OfficeGateway, case, hidden,
                                             signed_in)
from tests.unit.test_gateway_page_frame import now  # noqa: F401  (the `now` fixture)

pytestmark = pytest.mark.unit


# ---- the reckoning page -----------------------------------------------------------------------
def day(date, counted, code=None, zh=None, provisional=False):
    return {"date": date, "counted": counted, "code": code, "reason": code, "reason_zh": zh,
            "provisional": provisional}


RECKONING = {  # received Wed 2026-09-30: the acceptance decision is due Sat 2026-10-10
    "case_no": CASE_NO, "rule": {"counting": "working_days", "n": 3}, "from": "2026-09-30",
    "deadline": {**CASE["deadlines"][0], "due": "2026-10-10T23:59:59+08:00"},
    "reckoned": {"due": "2026-10-10T23:59:59+08:00", "provisional": False},
    "extended": False, "note": None, "note_zh": None,
    "reckoning": [day("2026-09-30", False, "start_day", "起算日，不计入")]
    + [day(f"2026-10-0{d}", False, "holiday", "国庆节") for d in range(1, 8)]
    + [day("2026-10-08", True), day("2026-10-09", True),
       day("2026-10-10", True, "swapped_working_day", "调休上班（国庆节）")],
}


def test_the_reckoning_page_explains_every_day_in_chinese(now):
    gw = OfficeGateway(case("submitted"))
    gw.answers["deadline_reckoning"] = RECKONING
    page = signed_in(gw, "officer").go("GET", f"/cases/{CASE_NO}/deadlines/acceptance_decision")
    assert page.status_code == 200
    [(_, _, args)] = [c for c in gw.calls if c[1] == "deadline_reckoning"]
    assert args[:2] == (CASE_NO, "acceptance_decision")
    rows = re.findall(r'<th scope="row">(\S+)</th>\s*<td>(\S+)</td>\s*<td>([^<]+)</td>\s*'
                      r'<td>([^<]*)</td>', page.text)
    assert len(rows) == 11
    assert rows[0] == ("2026-09-30", "周三", "不计入", "起算日，不计入")
    assert rows[1] == ("2026-10-01", "周四", "不计入", "国庆节")
    assert rows[8] == ("2026-10-08", "周四", "计入，第 1 个工作日", "工作日")
    assert rows[10] == ("2026-10-10", "周六", "计入，第 3 个工作日，届满日", "调休上班（国庆节）")
    assert "3 个工作日" in page.text and "受理决定期限（第十四条）推算" in page.text
    assert "暂定" not in page.text


def test_a_provisional_and_extended_reckoning_says_so(now):
    gw = OfficeGateway(case("accepted"))
    gw.answers["deadline_reckoning"] = {
        **RECKONING, "rule": {"counting": "days", "n": 30}, "extended": True,
        "deadline": {**REPLY, "extended_from": "2027-01-04T23:59:59+08:00"},
        "note_zh": "已经维权委主任批准延期（第十六条）", "note": "Extended",
        "reckoning": [day("2027-01-01", False, "holiday", "元旦", True),
                      day("2027-01-04", True, "moved_to_working_day", "届满日为休息日，顺延至此工作日",
                          True)]}
    page = signed_in(gw, "committee_director").go(
        "GET", f"/cases/{CASE_NO}/deadlines/written_reply")
    assert page.status_code == 200 and "届满日（顺延）" in page.text
    assert "暂定：该年放假安排未公布" in page.text and "原法定期限 2027-01-04" in page.text
    assert "已经维权委主任批准延期" in page.text and "30 日（自然日）" in page.text


def test_a_kind_the_case_lacks_is_the_404_page(now):
    gw = OfficeGateway(case("submitted"))
    gw.answers["deadline_reckoning"] = AppError("not_found", "该案件的期限不存在: x",
                                                "Deadline of this case not found: x", status=404)
    page = signed_in(gw, "officer").go("GET", f"/cases/{CASE_NO}/deadlines/x")
    assert page.status_code == 404 and "不存在" in page.text


# ---- the committee's lists ------------------------------------------------------------------
OVERDUE = {"kind": "acceptance_decision", "due": "2026-11-27T23:59:59+08:00",
           "provisional": False, "state": "overdue", "working_days_left": None,
           "days_overdue": 3}
ENTRY = {"case_no": CASE_NO, "clock_kind": "acceptance_decision", "holder": "committee_office",
         "statutory": True, "due": "2026-11-27T23:59:59+08:00",
         "detected_at": "2026-11-28T00:05:00+08:00", "satisfied_at": None,
         "late_seconds": 2 * 86400 + 3 * 3600, "still_open": True}


def listing(*items):
    return {"items": list(items), "total": len(items), "page": 1, "page_size": 100}


def test_the_overdue_board_asks_list_cases_for_overdue_ones(now):
    gw = OfficeGateway(case("submitted"))
    gw.answers["list_cases"] = listing({**case("submitted", deadlines=[OVERDUE]),
                                        "anti_gang": True, "overdue": True})
    page = signed_in(gw, "committee_member").go("GET", "/overdue")
    assert page.status_code == 200
    [(_, _, (query, _))] = [c for c in gw.calls if c[1] == "list_cases"]
    assert query["overdue"] is True
    assert "已逾期 3 天" in page.text and "扫黑除恶" in page.text
    assert f'href="/cases/{CASE_NO}/deadlines/acceptance_decision"' in page.text


def test_the_accountability_register_and_a_bad_filter(now):
    gw = OfficeGateway(case("submitted"))
    gw.answers["list_accountability"] = {"items": [ENTRY], "page": 1, "page_size": 50}
    browser = signed_in(gw, "committee_office")
    page = browser.go("GET", "/accountability")
    assert page.status_code == 200 and "维权委员会办公室" in page.text
    assert "2 天 3 小时" in page.text and "仍未办结" in page.text and "<th scope=\"col\">" in page.text
    bad = browser.go("GET", "/accountability?case_no=" + "X" * 41)
    assert bad.status_code == 422 and 'id="f-case_no-error"' in bad.text


def test_the_directors_inbox(now):
    gw = OfficeGateway(case("accepted"))
    soon = {**REPLY, "working_days_left": 2}
    asked = []

    def cases_due(query, principal):
        asked.append(query)
        return listing({**case("accepted", deadlines=[soon]), "case_no": "GX-WQ-2026-000002"},
                       {**case("accepted", deadlines=[REPLY]), "case_no": "GX-WQ-2026-000003"})
    gw.answers["list_cases"] = cases_due
    gw.answers["list_accountability"] = {"items": [ENTRY], "page": 1, "page_size": 50}
    gw.answers["list_payments"] = lambda query, principal: asked.append(query) or {
        "items": [{"payment_id": "p-1", "case_no": CASE_NO, "fund": "consolation",
                   "amount": "1200.00", "payee": "张伟", "state": "reviewed",
                   "requested_at": "2026-11-28T09:00:00+08:00"}],
        "page": 1, "page_size": 100, "total": 1}
    gw.answers["list_statements"] = lambda query, principal: asked.append(query) or {
        "items": [{"statement_id": "s-1", "series_id": "s-1", "version": 1,
                   "kind": "typical_case", "case_no": CASE_NO, "title": "典型案例通报",
                   "body": "正文", "state": "legal_reviewed", "origin": "manual"}],
        "page": 1, "page_size": 100, "total": 1}
    legal = []
    gw.answers["list_legal_work"] = lambda query, principal: legal.append(query) or {
        "items": [{"item_id": f"w-{query['kind']}", "case_no": CASE_NO, "kind": query["kind"],
                   "state": "open", "summary": "民警申诉待处理", "owner": "legal_affairs",
                   "opened_at": "2026-11-27T10:00:00+08:00",
                   "updated_at": "2026-11-27T10:00:00+08:00"}]
        if query["kind"] == "discipline_review" else [], "page": 1, "page_size": 100,
        "total": 0}
    page = signed_in(gw, "committee_director").go("GET", "/inbox")
    assert page.status_code == 200
    # appeals and discipline reviews the committee may have to decide (Art. 24)
    assert sorted(q["kind"] for q in legal) == ["discipline_review", "liability_determination"]
    section = page.text.split('id="inbox-legal"')[1]
    assert f'href="/legal/cases/{CASE_NO}#s-appeals"' in section and "不当处理复查" in section
    # statements awaiting the committee's approval (Art. 30, 31, 35)
    assert asked[2]["state"] == "legal_reviewed"
    assert 'href="/publicity/statements/s-1"' in page.text and "典型案例：典型案例通报" in page.text
    # one question to intake, which reckons the working days itself
    assert [(q["status"], q["due_within"]) for q in asked[:1]] == [("accepted", 5)]
    # and logistics for the payments within the director's approval limit (Art. 26)
    assert asked[1]["awaiting_role"] == "committee_director"
    assert 'href="/payments/p-1"' in page.text and "抚慰金：1200.00 元" in page.text
    extensions, recent = page.text.split("<h2>")[1:3]
    assert "GX-WQ-2026-000002" in extensions and "剩余 2 个工作日" in extensions
    # a reply further off than 5 working days is not the director's business yet
    assert "GX-WQ-2026-000003" not in extensions
    assert CASE_NO in recent and "2 天 3 小时" in recent


def test_notifications_for_every_signed_in_user(now):
    gw = OfficeGateway(case("submitted"))
    gw.answers["list_notifications"] = {"items": [
        {"id": 1, "recipient": "committee_director", "kind": "deadline_missed",
         "day": "2026-11-28", "created_at": "2026-11-28T00:05:00+08:00",
         "items": [{"case_no": CASE_NO, "clock_kind": "acceptance_decision",
                    "due": ENTRY["due"], "late_seconds": 300}]}]}
    page = signed_in(gw, "committee_director").go("GET", "/notifications")
    assert page.status_code == 200 and "期限届满未办结（第三十六条）" in page.text
    assert "2026-11-27 届满" in page.text and "不足 1 小时" in page.text
    [(_, _, (query, principal))] = [c for c in gw.calls if c[1] == "list_notifications"]
    assert query == {"limit": 50} and principal["username"] == "committee_director"


@pytest.mark.parametrize("username,present,absent", [
    ("committee_office", ["逾期看板", "责任追究", "通知"], ["待办"]),
    ("committee_director", ["逾期看板", "责任追究", "待办", "通知"], []),
    ("officer", ["通知"], ["逾期看板", "责任追究", "待办"]),
])
def test_navigation_by_role(now, username, present, absent):
    gw = OfficeGateway(case("submitted"))
    gw.answers["list_cases"] = listing()
    nav = signed_in(gw, username).go("GET", "/").text.split("</nav>")[0]
    assert all(f">{label}</a>" in nav for label in present)
    assert not any(f">{label}</a>" in nav for label in absent)


def test_an_applicant_may_not_open_the_committees_lists(now):
    browser = signed_in(OfficeGateway(case("submitted")), "officer")
    for path in ("/overdue", "/accountability", "/inbox"):
        assert browser.go("GET", path).status_code == 403


def test_late_text():
    assert [late_text(s) for s in (59, 3600, 86400, 90000)] == \
        ["不足 1 小时", "1 小时", "1 天", "1 天 1 小时"]


# ---- the committee office keys in a paper application (Art. 12) ------------------------------
def test_the_office_keys_in_a_written_application_from_the_home_queue(now):
    gw = OfficeGateway(case("submitted"))
    gw.answers["list_cases"] = listing()
    gw.answers["submit_application"] = {"case_no": CASE_NO, "status": "submitted"}
    browser = signed_in(gw, "committee_office")
    assert 'href="/apply">录入书面申请</a>' in browser.go("GET", "/").text
    form = browser.go("GET", "/apply").text
    assert 'value="written"' in form and 'value="intranet"' not in form
    assert 'id="f-received_at"' in form
    r = browser.go("POST", "/apply", {
        "csrf": hidden(form), "idem": hidden(form, "idem"), "applicant.type": "relative",
        "applicant.name": "李娜", "applicant.relation": "spouse", "officer.name": "张伟",
        "officer.police_id": "360721001", "officer.unit": "城关派出所",
        "officer.personnel_type": "regular", "channel": "written", "category": "vehicle",
        "incident.occurred_at": "2026-11-29T08:00", "incident.place": "城关镇",
        "incident.description": "被车辆剐蹭", "received_at": "2026-11-30T08:30"})
    assert r.status_code == 303 and r.headers["Location"] == f"/cases/{CASE_NO}?submitted=1"
    [(_, _, (body, principal, key))] = [c for c in gw.calls if c[1] == "submit_application"]
    assert body["channel"] == "written" and body["received_at"] == "2026-11-30T08:30:00+08:00"
    assert body["applicant"] == {"type": "relative", "name": "李娜", "relation": "spouse"}
    assert principal["username"] == "committee_office" and key.startswith("committee_office:")
