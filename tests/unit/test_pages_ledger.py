"""The ledger page (Art. 35) against the fake gateway, and its server-made SVG chart: the
filters reach intake's ledger_stats in the contract's wire form, a bad date comes back at its
field (422), the table's figures are the answer's, the export links carry the filters and
give the API's own files; the chart's bars are proportional, its labels escaped, its
accessible parts present, and an empty answer still draws a valid chart."""
import csv
import io
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timezone

import pytest
from sqlalchemy import insert

from gateway.handlers.ledger import HEADERS as EXPORT_HEADERS, csv_bytes
from gateway.models import users
from gateway.pages.charts import SERIES, bar_chart
from gateway.pages.ledger import filters_of, group_label
from gateway.passwords import hash_password

from tests.unit.test_gateway_page_frame import T0, Browser, FakeGateway, hidden, now  # noqa: F401

pytestmark = pytest.mark.unit
SVG = "{http://www.w3.org/2000/svg}"
STATS = {"by": "category", "from": "2026-01-01", "to": "2026-06-30", "total": 7, "groups": [
    {"key": "violent_attack", "total": 5, "open": 3, "overdue": 1, "concluded": 2},
    {"key": "other", "total": 2, "open": 0, "overdue": 0, "concluded": 2}]}
ROW = {"case_no": "GX-WQ-2026-000001", "received_on": "2026-02-03", "category": "other",
       "channel": "written", "officer_unit": "城关派出所", "place": "红旗大道",
       "status": "concluded", "outcome": "established", "decided_on": "2026-02-04",
       "concluded_on": "2026-03-01", "overdue": False}

EMPTY_PATTERNS = {
    "ledger_hotspots": {"from": "2026-01-01", "to": "2026-06-30", "top": 10, "items": []},
    "ledger_trends": {"from": "2025-07-01", "to": "2026-06-30", "previous_from": "2024-07-01",
                      "previous_to": "2025-06-30", "months": [], "categories": [], "total": 0,
                      "previous_total": 0, "change": 0, "change_percent": None}}


class LedgerGateway(FakeGateway):
    def __init__(self):
        super().__init__()
        with self.factory() as s, s.begin():
            s.execute(insert(users).values(
                username="committee_office", password_hash=hash_password("demo"),
                roles="committee_office", name="李敏", police_id="360721100", unit="政工室",
                active=True, created_at=T0))

    def rpc(self, service, method, *args):
        if method == "ledger_stats":
            self.calls.append((service, method, args))
            query = args[0]
            return {**STATS, "by": query["by"], "from": query["from"], "to": query["to"]}
        if method == "ledger_cases":
            self.calls.append((service, method, args))
            return {"from": args[0]["from"], "to": args[0]["to"], "items": [ROW], "total": 1}
        if method in EMPTY_PATTERNS:      # tests/unit/test_ledger_patterns.py fills them
            self.calls.append((service, method, args))
            return EMPTY_PATTERNS[method]
        return super().rpc(service, method, *args)


@pytest.fixture
def gw():
    return LedgerGateway()


def signed_in(gw, username="committee_office"):
    browser = Browser(gw)
    page = browser.go("GET", "/login")
    r = browser.go("POST", "/login", {"username": username, "password": "demo",
                                      "csrf": hidden(page.text)})
    assert r.status_code == 303
    return browser


def cells(html):
    """The table's rows: (row header, [numbers]) in order, the totals row last."""
    found = re.findall(r'<tr>\s*<th scope="row">([^<]*)</th>(.*?)</tr>', html, re.S)
    return [(head, [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', rest)])
            for head, rest in found]


# ---- the page ----------------------------------------------------------------------------
def test_the_filters_reach_ledger_stats_in_the_contracts_wire_form(gw, now):
    browser = signed_in(gw)
    r = browser.go("GET", "/ledger?from=2026-01-01&to=2026-06-30&by=category")
    assert r.status_code == 200, r.text
    [(service, method, (query, principal))] = [c for c in gw.calls if c[1] == "ledger_stats"]
    assert (service, query) == ("intake", {"from": "2026-01-01", "to": "2026-06-30",
                                           "by": "category"})
    assert principal["username"] == "committee_office"
    assert cells(r.text)[-1] == ("总计", [7, 3, 1, 4])
    assert '<th scope="col">侵权情形</th>' in r.text and "<caption" in r.text
    assert 'role="img"' in r.text and "<title id=\"ledger-chart-title\">" in r.text
    assert 'aria-current="page"' in r.text and ">台账统计<" in r.text  # in the navigation


def test_the_table_rows_are_the_answers_groups_with_their_labels(gw, now):
    r = signed_in(gw).go("GET", "/ledger?from=2026-01-01&to=2026-06-30&by=category")
    rows = cells(r.text)
    assert [numbers for _label, numbers in rows] == [[5, 3, 1, 2], [2, 0, 0, 2], [7, 3, 1, 4]]
    assert rows[0][0] == group_label("category", "violent_attack") != "violent_attack"
    assert rows[-1][0] == "总计"


def test_the_export_links_carry_the_filters(gw, now):
    r = signed_in(gw).go("GET", "/ledger?from=2026-02-01&to=2026-03-31&by=month")
    assert 'href="/ledger/cases.csv?from=2026-02-01&amp;to=2026-03-31"' in r.text
    assert 'href="/ledger/cases.xlsx?from=2026-02-01&amp;to=2026-03-31"' in r.text
    assert 'value="month" selected' in r.text and 'value="2026-02-01"' in r.text


def test_the_csv_link_gives_the_apis_file(gw, now):
    r = signed_in(gw).go("GET", "/ledger/cases.csv?from=2026-02-01&to=2026-03-31")
    assert r.status_code == 200 and r.mimetype == "text/csv"
    assert r.get_data() == csv_bytes([ROW])
    assert r.headers["X-Total-Count"] == "1" and r.headers["Cache-Control"] == "no-store"
    assert 'filename="ledger-2026-02-01-2026-03-31.csv"' in r.headers["Content-Disposition"]
    [(_s, _m, (query, _p))] = [c for c in gw.calls if c[1] == "ledger_cases"]
    assert query == {"from": "2026-02-01", "to": "2026-03-31"}
    rows = list(csv.reader(io.StringIO(r.get_data().decode("utf-8-sig"))))
    assert tuple(rows[0]) == EXPORT_HEADERS and rows[1][0] == ROW["case_no"]


def test_a_bad_date_is_shown_at_its_field_with_the_apis_message(gw, now):
    r = signed_in(gw).go("GET", "/ledger?from=2026-13-01&to=2026-06-30&by=category")
    assert r.status_code == 422
    assert not [c for c in gw.calls if c[1] == "ledger_stats"]  # refused by the contract
    error = re.search(r'<p class="error" id="f-from-error">([^<]*)</p>', r.text)
    assert error and "YYYY-MM-DD" in error.group(1) and "应为日期" in error.group(1)
    assert 'aria-describedby="f-from-hint f-from-error"' in r.text
    assert 'value="2026-13-01"' in r.text  # what the user typed stays
    assert "/ledger/cases.csv" not in r.text


def test_to_before_from_is_shown_at_to(gw, now):
    r = signed_in(gw).go("GET", "/ledger?from=2026-06-30&to=2026-01-01&by=category")
    assert r.status_code == 422 and 'id="f-to-error"' in r.text and "不能早于" in r.text


def test_a_bad_export_query_is_the_error_page_not_a_file(gw, now):
    r = signed_in(gw).go("GET", "/ledger/cases.xlsx?from=bad&to=2026-01-01")
    assert r.status_code == 422 and r.mimetype == "text/html"


def test_a_first_visit_counts_this_year_by_category():
    at = datetime(2026, 12, 31, 17, 0, tzinfo=timezone.utc)  # 2027-01-01 01:00 in Shanghai
    assert filters_of({}, at) == {"from": "2027-01-01", "to": "2027-01-01", "by": "category"}
    assert filters_of({"from": "", "by": "unit"}, at) == {"from": "", "to": "", "by": "unit"}


def test_the_ledger_is_the_committees(gw, now):
    r = signed_in(gw, "officer").go("GET", "/ledger")
    assert r.status_code == 403
    assert ">台账统计<" not in signed_in(gw, "officer").go("GET", "/").text


def test_group_labels():
    assert group_label("month", "2026-03") == "2026年3月"
    assert group_label("place", None) == "未记录地点"
    assert group_label("unit", "城关派出所") == "城关派出所"
    assert group_label("outcome", "refused") == "不予受理"
    assert group_label("channel", "app") == "移动应用"


# ---- the chart -----------------------------------------------------------------------------
GROUPS = [{"label": "暴力袭击", "total": 10, "open": 4, "overdue": 2, "concluded": 6},
          {"label": "<script>x&y</script>", "total": 5, "open": 5, "overdue": 0,
           "concluded": 0}]


def parsed(svg):
    return ET.fromstring(svg)


def widths(root, key):
    return [float(r.get("width")) for r in root.iter(SVG + "rect")
            if r.get("class") == f"bar-{key}"]


def test_bars_are_proportional_on_one_scale():
    root = parsed(bar_chart(GROUPS, "按侵权情形"))
    total, open_, overdue, concluded = (widths(root, k) for k, _n, _f in SERIES)
    assert total[0] == 2 * total[1] > 0
    assert open_[0] == pytest.approx(total[0] * 4 / 10) and open_[1] == total[1]
    assert overdue == [pytest.approx(total[0] * 2 / 10), 0]
    assert concluded[0] == pytest.approx(total[0] * 6 / 10)


def test_labels_are_escaped():
    svg = bar_chart(GROUPS, "标题 <b>")
    assert "<script>" not in svg and "&lt;script&gt;x&amp;y&lt;/script&gt;" in svg
    assert "标题 &lt;b&gt;" in svg
    parsed(svg)  # well-formed XML


def test_the_accessible_parts_are_there():
    root = parsed(bar_chart(GROUPS, "按侵权情形分组", chart_id="c1"))
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(SVG + "title").text == "按侵权情形分组"
    desc = root.find(SVG + "desc").text
    assert "暴力袭击：合计 10 件，未办结 4 件，已逾期 2 件，已办结 6 件" in desc
    texts = [t.text for t in root.iter(SVG + "text")]
    for _key, name, _fill in SERIES:  # each bar and the legend are named in words
        assert texts.count(name) == len(GROUPS) + 1
    assert "10" in texts and "6" in texts  # each bar carries its number


def _luminance(hex_colour):
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def test_text_and_bars_contrast_with_white_and_it_fits_a_phone():
    root = parsed(bar_chart(GROUPS, "t"))
    fills = {e.get("fill") for e in root.iter() if e.get("fill")}
    for fill in fills:
        assert (1.05) / (_luminance(fill) + 0.05) >= 4.5, fill
    _x, _y, width, _h = (float(v) for v in root.get("viewBox").split())
    assert width <= 375 and root.get("width") == "100%"
    right = [float(t.get("x")) for t in root.iter(SVG + "text")]
    assert max(right) < width - 20


def test_empty_groups_still_make_a_valid_chart():
    root = parsed(bar_chart([], "没有数据", empty="所选时间内没有收到案件"))
    assert root.get("role") == "img" and not list(root.iter(SVG + "rect"))
    assert [t.text for t in root.iter(SVG + "text")] == ["所选时间内没有收到案件"]
    assert root.find(SVG + "desc").text == "所选时间内没有收到案件"


def test_groups_all_zero_do_not_divide_by_zero():
    root = parsed(bar_chart([{"label": "x", "total": 0, "open": 0, "overdue": 0,
                              "concluded": 0}], "t"))
    assert set(widths(root, "total")) == {0}
