"""The ledger's pure parts: the query contracts (dates, order, span, grouping), the Shanghai
date range and month in SQL (SQLite executed here, PostgreSQL compiled), and the CSV and XLSX
files the gateway makes from intake's rows."""
import csv
import io
from datetime import date, datetime, timedelta, timezone

import pytest
from openpyxl import load_workbook
from sqlalchemy import create_engine, select
from sqlalchemy.dialects import postgresql

from weiquan.config import TZ
from weiquan.contracts.codes import (CASE_STATUSES, CATEGORIES, CATEGORY_LABELS_ZH, CHANNELS,
                                     LEDGER_GROUPINGS, LEDGER_OUTCOMES)
from weiquan.contracts.queries import (LEDGER_MAX_DAYS, LedgerExportQueryV1, LedgerQueryV1,
                                       load_query)
from weiquan.kit.errors import AppError

from gateway.handlers import ledger as files
from intake import ledger_queries
from intake.models import cases, metadata

pytestmark = pytest.mark.unit


def problems(schema, args):
    with pytest.raises(AppError) as caught:
        load_query(schema, args)
    assert caught.value.status == 422
    return caught.value.fields


def test_a_good_query_loads_and_dumps_back_to_its_wire_form():
    args = {"from": "2026-01-01", "to": "2026-12-31", "by": "month", "other": "ignored"}
    loaded = load_query(LedgerQueryV1, args)
    assert loaded == {"from_": date(2026, 1, 1), "to": date(2026, 12, 31), "by": "month"}
    assert LedgerQueryV1().dump(loaded) == {"from": "2026-01-01", "to": "2026-12-31",
                                            "by": "month"}
    assert load_query(LedgerExportQueryV1, {"from": "2026-03-01", "to": "2026-03-01"}) == \
        {"from_": date(2026, 3, 1), "to": date(2026, 3, 1)}


@pytest.mark.parametrize("args, field", [
    ({"from": "2026-01-01", "to": "2026-01-31"}, "by"),
    ({"from": "2026-01-01", "to": "2026-01-31", "by": "week"}, "by"),
    ({"to": "2026-01-31", "by": "unit"}, "from"),
    ({"from": "2026-01-01", "by": "unit"}, "to"),
    ({"from": "26-01-01", "to": "2026-01-31", "by": "unit"}, "from"),
    ({"from": "1999-12-31", "to": "2000-01-31", "by": "unit"}, "from"),
    ({"from": "2099-12-01", "to": "2100-01-01", "by": "unit"}, "to"),
    ({"from": "2026-02-01", "to": "2026-01-31", "by": "unit"}, "to"),
])
def test_a_bad_query_names_its_field(args, field):
    assert list(problems(LedgerQueryV1, args)) == [field]


def test_the_span_is_at_most_ten_years_and_a_few_days():
    start = date(2016, 1, 1)
    last = start + timedelta(days=LEDGER_MAX_DAYS - 1)
    load_query(LedgerExportQueryV1, {"from": start.isoformat(), "to": last.isoformat()})
    too_far = (last + timedelta(days=1)).isoformat()
    assert list(problems(LedgerExportQueryV1, {"from": start.isoformat(),
                                               "to": too_far})) == ["to"]
    assert 3650 < LEDGER_MAX_DAYS < 3700


def test_the_range_is_of_shanghai_days_both_included():
    start, end = ledger_queries.utc_bounds(date(2026, 3, 1), date(2026, 3, 31))
    assert start.astimezone(timezone.utc) == datetime(2026, 2, 28, 16, tzinfo=timezone.utc)
    assert end.astimezone(timezone.utc) == datetime(2026, 3, 31, 16, tzinfo=timezone.utc)


def test_shanghai_keeps_utc_plus_eight_all_century():
    """The SQLite month adds eight hours: right only while the zone has no other offset."""
    for year in range(2000, 2100):
        for month in (1, 7):
            assert datetime(year, month, 1, tzinfo=TZ).utcoffset() == timedelta(hours=8)


def _sqlite_month(received):
    engine = create_engine("sqlite://")
    metadata.create_all(engine, tables=[cases])
    with engine.begin() as conn:
        conn.execute(cases.insert().values(
            case_no="X", year=2026, seq=1, status="submitted", category="other",
            channel="app", applicant={}, officer={}, officer_police_id="1", officer_unit="u",
            incident={}, anti_gang=False, received_at=received, submitted_at=received,
            filed_by="x", version=0))
        return conn.execute(select(ledger_queries.shanghai_month("sqlite"))).scalar_one()


def test_the_month_is_the_shanghai_month_of_receipt_on_sqlite():
    assert _sqlite_month(datetime(2026, 3, 1, 0, 30, tzinfo=TZ)) == "2026-03"   # Feb in UTC
    assert _sqlite_month(datetime(2026, 3, 31, 23, 59, tzinfo=TZ)) == "2026-03"
    assert _sqlite_month(datetime(2026, 12, 31, 16, 0, tzinfo=timezone.utc)) == "2027-01"


def test_postgresql_converts_with_the_zone():
    sql = str(select(ledger_queries.shanghai_month("postgresql")).compile(
        dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))
    assert "to_char(timezone('Asia/Shanghai', timezone('UTC', cases.received_at)), " \
           "'YYYY-MM')" in sql


@pytest.mark.parametrize("by", LEDGER_GROUPINGS)
def test_every_grouping_compiles_on_both_dialects(by):
    now = datetime(2026, 12, 1, 10, tzinfo=TZ)
    for dialect in (postgresql.dialect(), create_engine("sqlite://").dialect):
        sql = str(ledger_queries.stats_statement(by, date(2026, 1, 1), date(2026, 12, 31), now,
                                                 dialect.name).compile(dialect=dialect))
        assert "GROUP BY" in sql and "LEFT OUTER JOIN" in sql


ROW = {"case_no": "GX-WQ-2026-000007", "received_on": "2026-03-01", "category": "vehicle",
       "channel": "written", "officer_unit": "交警大队", "place": "105国道",
       "status": "concluded", "outcome": "partly_established", "decided_on": "2026-03-02",
       "concluded_on": "2026-03-20", "overdue": False}
PENDING = dict(ROW, case_no="GX-WQ-2026-000008", status="submitted", outcome="pending",
               decided_on=None, concluded_on=None, overdue=True, place=None)


def test_the_csv_has_a_bom_chinese_columns_in_order_and_labels():
    data = files.csv_bytes([ROW, PENDING])
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["案件编号", "收件日期", "侵权情形", "申请渠道", "民警所在单位", "事发地点",
                       "案件状态", "办理结果", "受理决定日期", "办结日期", "是否超期"]
    assert rows[1] == ["GX-WQ-2026-000007", "2026-03-01", CATEGORY_LABELS_ZH["vehicle"], "书面",
                       "交警大队", "105国道", "已办结", "部分成立", "2026-03-02", "2026-03-20", "否"]
    assert rows[2][5:] == ["", "已提交", "未办结", "", "", "是"]


def test_the_xlsx_has_the_same_rows_with_excel_dates():
    sheet = load_workbook(io.BytesIO(files.xlsx_bytes([ROW, PENDING]))).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == list(files.HEADERS)
    assert rows[1][0] == "GX-WQ-2026-000007" and rows[1][1] == datetime(2026, 3, 1)
    assert rows[1][2:8] == [CATEGORY_LABELS_ZH["vehicle"], "书面", "交警大队", "105国道", "已办结",
                            "部分成立"]
    assert rows[1][8:] == [datetime(2026, 3, 2), datetime(2026, 3, 20), "否"]
    assert rows[2][8:] == [None, None, "是"]
    assert sheet.title == "台账"


def test_a_control_character_in_a_typed_field_does_not_fail_the_xlsx():
    """XML 1.0 (so XLSX) has no control characters; the CSV keeps the text as typed."""
    odd = dict(ROW, place="105国道\x0b辅路\x00", officer_unit="交警\x1f大队")
    sheet = load_workbook(io.BytesIO(files.xlsx_bytes([odd]))).active
    row = [list(r) for r in sheet.iter_rows(values_only=True)][1]
    assert row[4:6] == ["交警\ufffd大队", "105国道\ufffd辅路\ufffd"]
    assert "105国道\x0b辅路" in files.csv_bytes([odd]).decode("utf-8-sig")


def test_every_code_has_its_chinese_label():
    assert set(files.CHANNEL_LABELS_ZH) == set(CHANNELS)
    assert set(files.STATUS_LABELS_ZH) == set(CASE_STATUSES)
    assert set(files.OUTCOME_LABELS_ZH) == set(LEDGER_OUTCOMES)
    assert set(CATEGORY_LABELS_ZH) == set(CATEGORIES)
