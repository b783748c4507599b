"""The ledger page (Art. 35) through the running system, as a browser without JavaScript uses
it: paper applications keyed in as received in a year of their own, then the page's table
for every grouping holds exactly the figures of GET /api/ledger/stats for the same filters,
and the page's CSV and XLSX downloads are the API's exports (CSV byte for byte, XLSX row for
row). A bad date comes back at its field; only the committee opens the page."""
import io
import os
import re
from datetime import datetime, timedelta

import pytest
from openpyxl import load_workbook

from weiquan.config import TZ
from weiquan.contracts.codes import LEDGER_GROUPINGS

from gateway.pages.ledger import group_label
from tests.support.portal import login
from tests.support.bodies import written_application

pytestmark = pytest.mark.e2e

YEAR = 2005 + (os.getpid() + 7) % 15  # a past year of its own (with an official calendar)
RANGE = {"from": f"{YEAR}-05-01", "to": f"{YEAR}-08-31"}


def _keyed_in(system, received, category, unit, place):
    body = written_application(received.isoformat())
    body["category"] = category
    body["officer"]["unit"] = unit
    body["incident"].update(occurred_at=(received - timedelta(days=1)).isoformat(), place=place)
    r = system.call("POST", "/api/applications", "committee_office", json=body)
    assert r.status_code == 201, r.text
    return r.json()["case_no"]


@pytest.fixture(scope="module")
def filed(system):
    """Three cases in May to July of YEAR, one of them concluded."""
    at = lambda m, d: datetime(YEAR, m, d, 10, tzinfo=TZ)  # noqa: E731
    made = [_keyed_in(system, at(5, 2), "violent_attack", "城关派出所", "红旗大道"),
            _keyed_in(system, at(6, 9), "vehicle", "交警大队", "105国道"),
            _keyed_in(system, at(7, 20), "vehicle", "交警大队", "<b>&地点</b>")]
    for path, body in ((f"/api/cases/{made[0]}/decision",
                        {"accept": True, "decided_at": at(5, 3).isoformat()}),
                       (f"/api/cases/{made[0]}/conclusion",
                        {"findings": "查证属实", "outcome": "established"})):
        r = system.call("POST", path, "committee_office", json=body)
        assert r.status_code == 200, r.text
    return made


@pytest.fixture(scope="module")
def browser(system):
    return login(system.base_url, "committee_office")[0]


def table(html):
    """The page's table: [(row header, [total, open, overdue, concluded])], totals last."""
    body = re.search(r"<table class=\"data\">(.*?)</table>", html, re.S).group(1)
    rows = re.findall(r'<tr>\s*<th scope="row">([^<]*)</th>(.*?)</tr>', body, re.S)
    return [(head, [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', rest)])
            for head, rest in rows]


def unescape(text):
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", '"') \
        .replace("&#39;", "'").replace("&amp;", "&")


@pytest.mark.parametrize("by", LEDGER_GROUPINGS)
def test_the_pages_figures_are_the_apis(system, filed, browser, by):
    r = browser.get(system.base_url + "/ledger", params={**RANGE, "by": by}, timeout=30)
    assert r.status_code == 200, r.text
    api = system.call("GET", "/api/ledger/stats", "committee_office",
                      params={**RANGE, "by": by}).json()
    assert api["total"] >= 3
    expected = [(group_label(by, g["key"]), [g["total"], g["open"], g["overdue"],
                                             g["concluded"]]) for g in api["groups"]]
    totals = [api["total"]] + [sum(g[k] for g in api["groups"])
                               for k in ("open", "overdue", "concluded")]
    assert [(unescape(h), n) for h, n in table(r.text)] == expected + [("总计", totals)]
    assert 'role="img"' in r.text and f"共 <strong>{api['total']}</strong> 件" in r.text
    if by == "place":  # a place typed by a user is escaped in the table and the chart
        assert "&lt;b&gt;&amp;地点&lt;/b&gt;" in r.text and "<b>&地点</b>" not in r.text


def test_the_csv_download_is_the_apis_byte_for_byte(system, filed, browser):
    page = browser.get(system.base_url + "/ledger", params={**RANGE, "by": "unit"}, timeout=30)
    link = re.search(r'href="(/ledger/cases\.csv\?[^"]+)"', page.text).group(1)
    r = browser.get(system.base_url + unescape(link), timeout=30)
    api = system.call("GET", "/api/ledger/cases.csv", "committee_office", params=RANGE)
    assert r.status_code == api.status_code == 200, r.text
    assert r.headers["Content-Type"] == api.headers["Content-Type"]
    assert r.content == api.content and r.content.startswith("\ufeff".encode("utf-8"))
    assert all(case_no.encode() in r.content for case_no in filed)
    assert r.headers["Content-Disposition"] == api.headers["Content-Disposition"]


def _rows(content):
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_xlsx_download_has_the_apis_rows(system, filed, browser):
    page = browser.get(system.base_url + "/ledger", params={**RANGE, "by": "month"}, timeout=30)
    link = re.search(r'href="(/ledger/cases\.xlsx\?[^"]+)"', page.text).group(1)
    r = browser.get(system.base_url + unescape(link), timeout=30)
    api = system.call("GET", "/api/ledger/cases.xlsx", "committee_office", params=RANGE)
    assert r.status_code == api.status_code == 200, r.text
    rows = _rows(r.content)
    assert rows == _rows(api.content) and len(rows) >= 4
    assert [row[0] for row in rows[1:] if row[0] in filed] == filed


def test_a_bad_date_is_shown_at_its_field(system, browser):
    r = browser.get(system.base_url + "/ledger",
                    params={"from": f"{YEAR}-02-30", "to": f"{YEAR}-03-01", "by": "unit"},
                    timeout=30)
    assert r.status_code == 422
    error = re.search(r'<p class="error" id="f-from-error">([^<]*)</p>', r.text)
    assert error and "应为日期" in error.group(1) and "Must be a date" in error.group(1)
    assert "/ledger/cases.csv" not in r.text


def test_only_the_committee_opens_the_ledger(system):
    officer = login(system.base_url, "officer")[0]
    for path in ("/ledger", f"/ledger/cases.csv?from={RANGE['from']}&to={RANGE['to']}"):
        r = officer.get(system.base_url + path, timeout=30)
        assert r.status_code == 403 and "text/html" in r.headers["Content-Type"]
    assert 'href="/ledger"' not in officer.get(system.base_url + "/", timeout=30).text
