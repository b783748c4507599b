"""The Art. 35 ledger through the gateway, on the system's database (PostgreSQL unless
WEIQUAN_TEST_DB says otherwise): paper applications keyed in as received on days of a
year no other test uses, their statistics, and the CSV and XLSX exports listing exactly the
cases counted."""
import csv
import io
import os
from datetime import datetime, timedelta

import pytest
from openpyxl import load_workbook

from weiquan.config import TZ
from weiquan.contracts.codes import CATEGORY_LABELS_ZH

from tests.support.bodies import written_application

pytestmark = pytest.mark.e2e

YEAR = 2005 + os.getpid() % 15  # a past year of its own (with an official calendar)
RANGE = {"from": f"{YEAR}-03-01", "to": f"{YEAR}-04-30"}
HEADERS = ["案件编号", "收件日期", "侵权情形", "申请渠道", "民警所在单位", "事发地点", "案件状态",
           "办理结果", "受理决定日期", "办结日期", "是否超期"]


def _keyed_in(system, received, category, unit, place):
    body = written_application(received.isoformat())
    body["category"] = category
    body["officer"]["unit"] = unit
    body["incident"].update(occurred_at=(received - timedelta(days=1)).isoformat(), place=place)
    r = system.call("POST", "/api/applications", "committee_office", json=body)
    assert r.status_code == 201, r.text
    return r.json()["case_no"]


def _post(system, path, body):
    r = system.call("POST", path, "committee_office", json=body)
    assert r.status_code == 200, r.text


@pytest.fixture(scope="module")
def filed(system):
    """Four cases in March and April of YEAR (one concluded, one refused, two never decided:
    overdue), one on the day after the range."""
    at = lambda m, d, h=10: datetime(YEAR, m, d, h, tzinfo=TZ)  # noqa: E731
    made = {
        "concluded": _keyed_in(system, at(3, 1, 0), "violent_attack", "城关派出所", "红旗大道"),
        "refused": _keyed_in(system, at(3, 15), "vehicle", "交警大队", "105国道"),
        "overdue_march": _keyed_in(system, at(3, 31, 23), "vehicle", "交警大队", "105国道"),
        "overdue_april": _keyed_in(system, at(4, 30, 23), "other", "城关派出所", "红旗大道"),
        "outside": _keyed_in(system, at(5, 1, 0), "other", "城关派出所", "红旗大道"),
    }
    _post(system, f"/api/cases/{made['concluded']}/decision",
          {"accept": True, "decided_at": at(3, 2).isoformat()})
    _post(system, f"/api/cases/{made['concluded']}/conclusion",
          {"findings": "查证属实", "outcome": "partly_established"})
    _post(system, f"/api/cases/{made['refused']}/decision",
          {"accept": False, "reason": "不属于受理范围", "decided_at": at(3, 16).isoformat()})
    return made


def _stats(system, by, user="committee_office", **query):
    r = system.call("GET", "/api/ledger/stats", user, params={**RANGE, "by": by, **query})
    assert r.status_code == 200, r.text
    return r.json()


def _groups(answer):
    return {g["key"]: [g["total"], g["open"], g["overdue"], g["concluded"]]
            for g in answer["groups"]}


def test_statistics_by_every_grouping(system, filed):
    answer = _stats(system, "month")
    assert (answer["by"], answer["from"], answer["to"], answer["total"]) == \
        ("month", RANGE["from"], RANGE["to"], 4)
    # received 00:00 on Mar 1, Shanghai time (Feb 28 in UTC): March; 00:00 May 1 is outside
    assert answer["groups"] == [
        {"key": f"{YEAR}-03", "total": 3, "open": 1, "overdue": 1, "concluded": 1},
        {"key": f"{YEAR}-04", "total": 1, "open": 1, "overdue": 1, "concluded": 0}]
    assert _groups(_stats(system, "category", "committee_director")) == {
        "vehicle": [2, 1, 1, 0], "violent_attack": [1, 0, 0, 1], "other": [1, 1, 1, 0]}
    assert _groups(_stats(system, "unit", "committee_member")) == {
        "交警大队": [2, 1, 1, 0], "城关派出所": [2, 1, 1, 1]}
    assert _groups(_stats(system, "channel")) == {"written": [4, 2, 2, 1]}
    assert _groups(_stats(system, "outcome")) == {
        "partly_established": [1, 0, 0, 1], "refused": [1, 0, 0, 0], "pending": [2, 2, 2, 0]}
    assert _groups(_stats(system, "place")) == {"105国道": [2, 1, 1, 0], "红旗大道": [2, 1, 1, 1]}


@pytest.mark.parametrize("user", ["officer", "command_center", "ops"])
def test_only_the_committee_reads_the_ledger(system, user):
    for path in ("/api/ledger/stats", "/api/ledger/cases.csv", "/api/ledger/cases.xlsx"):
        r = system.call("GET", path, user, params={**RANGE, "by": "month"})
        assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden", r.text


def test_a_bad_range_is_a_422_naming_the_field(system):
    for query, field in (({"from": "2026-02-30", "to": "2026-03-01", "by": "unit"}, "from"),
                         ({"from": "2026-03-02", "to": "2026-03-01", "by": "unit"}, "to"),
                         ({"from": "2026-03-01", "to": "2026-03-01", "by": "day"}, "by")):
        r = system.call("GET", "/api/ledger/stats", "committee_office", params=query)
        assert r.status_code == 422 and list(r.json()["error"]["fields"]) == [field], r.text
    r = system.call("GET", "/api/ledger/cases.csv", "committee_office", params={"to": "x"})
    assert r.status_code == 422 and set(r.json()["error"]["fields"]) == {"from", "to"}


def _expected_numbers(filed):
    return [filed[k] for k in ("concluded", "refused", "overdue_march", "overdue_april")]


def test_the_csv_lists_exactly_the_cases_counted(system, filed):
    r = system.call("GET", "/api/ledger/cases.csv", "committee_office", params=RANGE)
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("text/csv")
    assert r.content.startswith("\ufeff".encode("utf-8"))
    assert "attachment" in r.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0] == HEADERS
    assert [row[0] for row in rows[1:]] == _expected_numbers(filed)
    assert len(rows) - 1 == _stats(system, "category")["total"]
    by_no = {row[0]: row for row in rows[1:]}
    assert by_no[filed["concluded"]] == [
        filed["concluded"], f"{YEAR}-03-01", CATEGORY_LABELS_ZH["violent_attack"], "书面",
        "城关派出所", "红旗大道", "已办结", "部分成立", f"{YEAR}-03-02",
        datetime.now(TZ).date().isoformat(), "否"]
    assert by_no[filed["refused"]][6:9] == ["不予受理", "不予受理", f"{YEAR}-03-16"]
    assert by_no[filed["overdue_april"]][1] == f"{YEAR}-04-30"
    assert by_no[filed["overdue_april"]][-1] == "是"


def test_the_xlsx_lists_the_same_rows(system, filed):
    r = system.call("GET", "/api/ledger/cases.xlsx", "committee_director", params=RANGE)
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"] == \
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(r.content), read_only=True).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADERS
    assert [row[0] for row in rows[1:]] == _expected_numbers(filed)
    concluded = rows[1]
    assert concluded[1].date().isoformat() == f"{YEAR}-03-01"      # an Excel date
    assert concluded[2:8] == [CATEGORY_LABELS_ZH["violent_attack"], "书面", "城关派出所",
                              "红旗大道", "已办结", "部分成立"]
    assert [row[-1] for row in rows[1:]] == ["否", "否", "是", "是"]
    assert rows[2][9] in (None, "")                                 # refused: no conclusion
