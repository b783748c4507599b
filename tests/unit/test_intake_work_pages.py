"""Work items in the portal, against the frame's fake gateway: 我的待办 lists a department's
queue in the service's order (nearest due first) with a link to each case and an overdue
tag; the home page shows a department its queue; the case page shows every department's
items and the timeline says what each announcement was; an item links to its department's own
page only for a viewer that page lets in."""
import pytest
from sqlalchemy import insert

from weiquan.kit.errors import AppError

from gateway.models import users
from gateway.passwords import hash_password
from tests.unit.helpers_office_pages import CASE_NO, OfficeGateway, case, signed_in
from tests.unit.test_gateway_page_frame import T0, now  # noqa: F401  (the `now` fixture)

pytestmark = pytest.mark.unit


def item(item_id, due, summary="就医绿色通道已开启", state="open"):
    return {"item_id": item_id, "case_no": CASE_NO, "department": "political_work",
            "department_label": "政工室", "kind": "green_channel", "kind_label": "就医绿色通道",
            "owner": "political_work", "due": due, "state": state,
            "state_label": {"open": "办理中", "done": "已办结"}[state], "summary": summary,
            "opened_at": "2026-11-30T09:00:00+08:00", "updated_at": "2026-11-30T09:00:00+08:00"}


LATE = item("late", "2026-11-29T18:00:00+08:00", "已超期的事项")   # before T0 (09:00, 30 Nov)
SOON = item("soon", "2026-12-01T18:00:00+08:00", "明天到期的事项")
NO_DUE = item("none", None, "未设期限的事项")


def queue(*items, total=None):
    return {"items": list(items), "total": len(items) if total is None else total, "page": 1,
            "page_size": 50, "departments": ["political_work"], "state": "open"}


@pytest.fixture
def gw():
    return OfficeGateway(case("accepted"))


def test_my_queue_keeps_the_services_order_and_links_every_case(gw, now):
    gw.answers["list_work_items"] = queue(LATE, SOON, NO_DUE)
    page = signed_in(gw, "political_work").go("GET", "/work")
    assert page.status_code == 200 and "我的待办" in page.text
    text = page.text
    assert text.index("已超期的事项") < text.index("明天到期的事项") < text.index("未设期限的事项")
    assert text.count(f'href="/cases/{CASE_NO}"') == 3
    assert text.count("已超期</span>") == 1 and "未设期限" in text
    [(_, method, (query, principal))] = [c for c in gw.calls if c[1] == "list_work_items"]
    assert query["state"] == "open" and "department" not in query
    assert principal["roles"] == ["political_work"]


def test_the_queue_passes_the_state_and_says_when_it_is_empty(gw, now):
    gw.answers["list_work_items"] = queue()
    page = signed_in(gw, "political_work").go("GET", "/work?state=done")
    assert page.status_code == 200 and "目前没有已办结的工作事项" in page.text
    assert [c[2][0]["state"] for c in gw.calls if c[1] == "list_work_items"] == ["done"]


def test_another_departments_queue_is_refused_with_the_services_words(gw, now):
    gw.answers["list_work_items"] = AppError(
        "forbidden", "仅维权委和各业务部门可查看待办事项，业务部门仅可查看本部门的",
        "A department lists its own work items only", status=403)
    page = signed_in(gw, "political_work").go("GET", "/work?department=logistics")
    assert page.status_code == 403 and "仅可查看本部门" in page.text


def test_an_applicant_has_no_queue(gw, now):
    page = signed_in(gw, "officer").go("GET", "/work")
    assert page.status_code == 403
    assert 'href="/work"' not in signed_in(gw, "officer").go("GET", "/").text


def test_the_home_page_shows_a_department_its_nearest_items(gw, now):
    gw.answers["list_work_items"] = queue(LATE, SOON, total=12)
    home = signed_in(gw, "political_work").go("GET", "/")
    assert home.status_code == 200 and "我的待办" in home.text
    assert home.text.index("已超期的事项") < home.text.index("明天到期的事项")
    assert 'href="/work">全部 12 项待办' in home.text


def test_the_case_page_shows_every_departments_items_and_what_the_timeline_says(gw, now):
    shown = case("accepted")
    shown["work_items"] = [item("g1", "2026-12-01T18:00:00+08:00"),
                           {**item("w1", None, "网络证据固定与有害信息处置"),
                            "department": "cyber_brigade", "department_label": "网安大队",
                            "kind": "web_evidence", "kind_label": "网络证据固定",
                            "owner": "cyber_brigade"}]
    shown["timeline"] = shown["timeline"] + [{
        "at": "2026-11-30T09:05:00+08:00", "action": "work_opened", "actor": "system",
        "detail": {"item_id": "g1", "summary": "就医绿色通道已开启"}}]
    gw.case = shown
    page = signed_in(gw, "committee_office").go("GET", f"/cases/{CASE_NO}")
    assert page.status_code == 200
    table = page.text[page.text.index('id="work-items"'):]
    table = table[:table.index("</table>")]
    assert "政工室" in table and "就医绿色通道" in table and "网安大队" in table
    assert "2026-12-01 18:00" in table and "未设期限" in table
    assert "部门工作事项开始（system）：就医绿色通道已开启" in page.text


# ---- each item's own page, linked only for a viewer that page lets in ----------------------
class DepartmentsGateway(OfficeGateway):
    """The office gateway with the logistics office and the command center signed up too."""

    def __init__(self, the_case):
        super().__init__(the_case)
        with self.factory() as s, s.begin():
            for username in ("logistics", "command_center"):
                s.execute(insert(users).values(
                    username=username, password_hash=hash_password("demo"), roles=username,
                    name=username, police_id=None, active=True, created_at=T0))


def of_kind(item_id, kind, department, state="open"):
    return {**item(item_id, None, state=state), "kind": kind, "department": department,
            "owner": department, "kind_label": kind}


ITEMS = [of_kind("g1", "green_channel", "political_work"),
         of_kind("v1", "consolation_visit", "political_work"),
         of_kind("p1", "consolation_payment", "logistics"),
         of_kind("c1", "compensation_payment", "logistics"),
         of_kind("n1", "counsel_fee_payment", "logistics"),
         of_kind("o1", "protection", "command_center"),
         of_kind("w1", "web_evidence", "cyber_brigade")]
LINKS = {"green": "/welfare/green-channels/g1", "visit": f"/welfare/cases/{CASE_NO}",
         "consolation": "/payments/p1", "compensation": "/payments/c1",
         "counsel": "/payments/n1", "protection": f"/protective-orders?case_no={CASE_NO}"}


def table_of(html):
    table = html[html.index('id="work-items"'):]
    return table[:table.index("</table>")]


@pytest.mark.parametrize("username, shown", [
    ("political_work", {"green", "visit", "consolation"}),   # consolation payments only
    ("logistics", {"consolation", "compensation", "counsel"}),
    ("committee_office", {"consolation", "compensation", "counsel"}),
    ("committee_director", {"consolation", "compensation", "counsel"}),
    ("command_center", {"protection"}),
    ("officer", set()),
])
def test_an_items_own_page_is_linked_only_for_who_may_open_it(username, shown, now):
    found = case("accepted")
    found["work_items"] = ITEMS
    gw = DepartmentsGateway(found)
    page = signed_in(gw, username).go("GET", f"/cases/{CASE_NO}")
    assert page.status_code == 200
    table = table_of(page.text)
    assert {name for name, href in LINKS.items() if f'href="{href}"' in table} == shown
    assert table.count("<tr>") == len(ITEMS) + 1 and "web_evidence" in table  # no link


def test_a_done_protection_item_links_to_no_issue_form(now):
    found = case("accepted")
    found["work_items"] = [of_kind("o1", "protection", "command_center", state="done")]
    page = signed_in(DepartmentsGateway(found), "command_center").go("GET", f"/cases/{CASE_NO}")
    assert "/protective-orders" not in table_of(page.text)


def test_the_queue_links_each_item_to_its_case_and_its_own_page(now):
    gw = DepartmentsGateway(case("accepted"))
    gw.answers["list_work_items"] = queue(*ITEMS[:3])
    page = signed_in(gw, "political_work").go("GET", "/work")
    table = table_of(page.text)
    assert table.count(f'href="/cases/{CASE_NO}"') == 3
    assert f'href="{LINKS["green"]}"' in table and f'href="{LINKS["consolation"]}"' in table
    gw.answers["list_work_items"] = queue(*ITEMS[:3])
    table = table_of(signed_in(gw, "logistics").go("GET", "/work").text)
    assert f'href="{LINKS["consolation"]}"' in table and "/welfare/" not in table
