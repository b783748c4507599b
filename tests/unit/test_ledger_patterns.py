"""The ledger's hot spots and trends, their pure parts: the query contracts (top, both dates
or neither), the trend periods (default range, previous period of equal length, months), the
answer's shaping, the SQL run on an in-memory SQLite (Shanghai hour of occurrence, not UTC)
and compiled for PostgreSQL, and the page's rows and safety-warning links."""
from datetime import date, datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import create_engine
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from weiquan.config import TZ
from weiquan.contracts import policy
from weiquan.contracts.queries import (LEDGER_TREND_MAX_DAYS, LedgerHotspotQueryV1,
                                       LedgerTrendQueryV1, load_query)
from weiquan.kit.errors import AppError

from gateway.pages import ledger_patterns as page
from intake import ledger_patterns
from intake.domain import ledger_periods as periods
from intake.handlers.ledger import trend_rows
from intake.models import cases, metadata

from tests.unit.test_gateway_page_frame import now  # noqa: F401 (the page frame's clock)

pytestmark = pytest.mark.unit


def problems(schema, args):
    with pytest.raises(AppError) as caught:
        load_query(schema, args)
    assert caught.value.status == 422
    return list(caught.value.fields)


def test_hotspot_query_defaults_top_to_ten_and_bounds_it():
    q = load_query(LedgerHotspotQueryV1, {"from": "2026-01-01", "to": "2026-01-31"})
    assert q == {"from_": date(2026, 1, 1), "to": date(2026, 1, 31), "top": 10}
    assert load_query(LedgerHotspotQueryV1, {"from": "2026-01-01", "to": "2026-01-31",
                                             "top": "100"})["top"] == 100
    for top in ("0", "101", "ten", "-1", "2.5"):
        assert problems(LedgerHotspotQueryV1, {"from": "2026-01-01", "to": "2026-01-31",
                                               "top": top}) == ["top"]
    assert problems(LedgerHotspotQueryV1, {"from": "2026-02-01", "to": "2026-01-31"}) == ["to"]
    assert problems(LedgerHotspotQueryV1, {"to": "2026-01-31"}) == ["from"]


def test_trend_query_takes_both_dates_or_neither():
    assert load_query(LedgerTrendQueryV1, {}) == {}
    assert load_query(LedgerTrendQueryV1, {"from": "", "to": ""}) == {}
    assert problems(LedgerTrendQueryV1, {"from": "2026-01-01"}) == ["to"]
    assert problems(LedgerTrendQueryV1, {"to": "2026-01-01"}) == ["from"]
    assert problems(LedgerTrendQueryV1, {"from": "2026-02-01", "to": "2026-01-01"}) == ["to"]
    assert problems(LedgerTrendQueryV1, {"from": "2026-02-30", "to": "2026-03-01"}) == ["from"]
    last = date(2020, 1, 1) + timedelta(days=LEDGER_TREND_MAX_DAYS - 1)
    load_query(LedgerTrendQueryV1, {"from": "2020-01-01", "to": last.isoformat()})
    assert problems(LedgerTrendQueryV1, {"from": "2020-01-01", "to": (
        last + timedelta(days=1)).isoformat()}) == ["to"]


def test_the_default_trend_range_is_twelve_months_up_to_today():
    assert periods.default_range(date(2026, 11, 15)) == (date(2025, 12, 1), date(2026, 11, 15))
    assert periods.default_range(date(2026, 1, 31)) == (date(2025, 2, 1), date(2026, 1, 31))


def test_whole_months_compare_with_as_many_months_before_leap_day_or_not():
    assert periods.previous_period(date(2027, 12, 1), date(2028, 11, 30)) == \
        (date(2026, 12, 1), date(2027, 11, 30))
    assert periods.previous_period(date(2026, 3, 1), date(2026, 3, 31)) == \
        (date(2026, 2, 1), date(2026, 2, 28))
    assert periods.whole_months(date(2025, 12, 1), date(2026, 11, 30)) == 12


def test_other_ranges_compare_with_as_many_days_before():
    assert periods.whole_months(date(2025, 12, 1), date(2026, 11, 15)) is None
    first, last = periods.previous_period(date(2025, 12, 1), date(2026, 11, 15))
    assert last == date(2025, 11, 30)
    assert (last - first).days == (date(2026, 11, 15) - date(2025, 12, 1)).days
    assert periods.previous_period(date(2026, 3, 10), date(2026, 3, 10)) == \
        (date(2026, 3, 9), date(2026, 3, 9))


def test_months_of_a_range_and_the_change_in_percent():
    assert periods.months_of(date(2025, 11, 20), date(2026, 2, 1)) == \
        ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert periods.change_percent(6, 4) == 50.0
    assert periods.change_percent(1, 3) == -66.7
    assert periods.change_percent(3, 0) is None


def test_trend_rows_fill_missing_months_and_order_by_the_most():
    months = ["2026-01", "2026-02", "2026-03"]
    rows = trend_rows({"vehicle": {"2026-01": 2, "2026-03": 1, "previous": 6},
                       "other": {"2026-02": 4},
                       "violent_attack": {"previous": 2}}, months)
    assert [r["category"] for r in rows] == ["other", "vehicle", "violent_attack"]
    assert rows[1] == {"category": "vehicle", "counts": [2, 0, 1], "total": 3,
                       "previous_total": 6, "change": -3, "change_percent": -50.0}
    assert rows[0]["change_percent"] is None and rows[2]["counts"] == [0, 0, 0]


def _engine(*rows):
    """An in-memory SQLite cases table holding (received_at, occurred_at or None, place,
    category) rows, as the repository writes them."""
    engine = create_engine("sqlite://")
    metadata.create_all(engine, tables=[cases])
    with engine.begin() as conn:
        for i, (received, occurred, place, category) in enumerate(rows, 1):
            incident = {"place": place} if occurred is None else \
                {"place": place, "occurred_at": occurred.isoformat()}
            conn.execute(cases.insert().values(
                case_no=f"C{i}", year=2026, seq=i, status="submitted", category=category,
                channel="app", applicant={}, officer={}, officer_police_id="1",
                officer_unit="u", incident=incident, place=place, occurred_at=occurred,
                anti_gang=False,
                received_at=received, submitted_at=received, filed_by="x", version=0))
    return engine


def test_hotspots_group_by_the_shanghai_hour_of_occurrence_on_sqlite():
    at = lambda d, h, m=0: datetime(2026, 3, d, h, m, tzinfo=TZ)  # noqa: E731
    utc = timezone.utc
    engine = _engine(
        # 23:30 Shanghai (15:30 UTC): hour 23, written with either offset
        (at(10, 9), at(9, 23, 30), "红旗大道", "vehicle"),
        (at(10, 9), datetime(2026, 3, 9, 15, 45, tzinfo=utc), "红旗大道", "vehicle"),
        (at(11, 9), at(9, 23, 5).replace(microsecond=123456), "红旗大道", "vehicle"),
        # 00:10 Shanghai is the previous day 16:10 UTC: hour 0, not 16
        (at(12, 9), at(12, 0, 10), "红旗大道", "vehicle"),
        (at(12, 9), at(12, 0, 10), "105国道", "other"),
        # no occurrence time: the hour of receipt (Shanghai 07:xx)
        (at(13, 7, 15), None, None, "other"),
        # received outside the range: not counted
        (at(1, 0) - timedelta(minutes=1), at(1, 23), "红旗大道", "vehicle"))
    with Session(engine) as session:
        items = ledger_patterns.hotspots(session, date(2026, 3, 1), date(2026, 3, 31), 10)
        top2 = ledger_patterns.hotspots(session, date(2026, 3, 1), date(2026, 3, 31), 2)
    assert items == [
        {"place": "红旗大道", "hour": 23, "category": "vehicle", "total": 3},
        {"place": "105国道", "hour": 0, "category": "other", "total": 1},
        {"place": "红旗大道", "hour": 0, "category": "vehicle", "total": 1},
        {"place": None, "hour": 7, "category": "other", "total": 1}]
    assert top2 == items[:2]


def test_trends_count_months_and_the_previous_period_in_one_statement():
    at = lambda m, d, h=10: datetime(2026, m, d, h, tzinfo=TZ)  # noqa: E731
    engine = _engine(
        (at(1, 31, 23), None, "p", "vehicle"),          # previous period
        (at(2, 1, 0), None, "p", "vehicle"),            # Feb (Jan 31 in UTC)
        (at(2, 10), None, "p", "vehicle"),
        (at(3, 31, 23), None, "p", "other"),            # Mar
        (at(4, 1, 0), None, "p", "other"))              # after the range
    with Session(engine) as session:
        counts = ledger_patterns.trend_counts(session, date(2026, 2, 1), date(2026, 3, 31),
                                              date(2025, 12, 1))
    assert counts == {"vehicle": {"previous": 1, "2026-02": 2}, "other": {"2026-03": 1}}


def test_the_postgresql_statements_convert_with_the_zone():
    sql = str(ledger_patterns.hotspots_statement(date(2026, 1, 1), date(2026, 1, 31), 5,
                                                 "postgresql").compile(
        dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))
    assert "timezone('Asia/Shanghai', timezone('UTC', coalesce(cases.occurred_at, " \
           "cases.received_at)))" in sql
    assert "GROUP BY cases.place" in sql and "LIMIT 5" in sql
    trend = str(ledger_patterns.trends_statement(date(2026, 1, 1), date(2026, 1, 31),
                                                 date(2025, 12, 1), "postgresql").compile(
        dialect=postgresql.dialect()))
    assert "GROUP BY cases.category" in trend


PUBLICITY = {"username": "p1", "roles": ["publicity", "committee_office"]}
OFFICE = {"username": "o1", "roles": ["committee_office"]}
ITEM = {"place": "城关镇 红旗大道&1号", "hour": 7, "category": "vehicle", "total": 3}


def test_the_warning_link_carries_the_pattern_urlencoded():
    link = page.warning_link(ITEM)
    parts = urlsplit(link)
    assert parts.path == "/publicity/statements/new"
    assert parse_qs(parts.query) == {"kind": ["safety_warning"], "category": ["vehicle"],
                                     "place": ["城关镇 红旗大道&1号"], "hour": ["7"]}
    assert "place" not in parse_qs(urlsplit(page.warning_link(dict(ITEM, place=None))).query)


def test_the_link_shows_only_for_who_may_draft():
    rows = page.hotspot_rows({"items": [ITEM]}, OFFICE)
    assert rows == [{"place": ITEM["place"], "hour": "07:00–07:59",
                     "category": page.CATEGORY_LABELS_ZH["vehicle"], "total": 3, "link": None}]
    assert page.hotspot_rows({"items": [ITEM]}, PUBLICITY)[0]["link"] == page.warning_link(ITEM)
    assert page.hotspot_rows({"items": [ITEM]}, OFFICE)[0]["link"] is None


def test_the_trend_table_labels_months_and_changes():
    table = page.trend_table({
        "from": "2026-02-01", "to": "2026-03-31", "previous_from": "2025-12-01",
        "previous_to": "2026-01-31", "months": ["2026-02", "2026-03"],
        "categories": [{"category": "vehicle", "counts": [2, 1], "total": 3,
                        "previous_total": 2, "change": 1, "change_percent": 50.0},
                       {"category": "other", "counts": [0, 1], "total": 1,
                        "previous_total": 0, "change": 1, "change_percent": None}],
        "total": 4, "previous_total": 2, "change": 2, "change_percent": 100.0})
    assert table["months"] == ["2026年2月", "2026年3月"]
    assert [r["change"] for r in table["rows"]] == ["+1（+50.0%）", "+1（上期为 0）"]
    assert table["totals"] == {"counts": [2, 2], "total": 4, "previous_total": 2,
                               "change": "+2（+100.0%）"}
    assert page.change_label({"change": -2, "change_percent": -50.0}) == "-2（-50.0%）"
    assert page.change_label({"change": 0, "change_percent": None}) == "0"


# ---- the page, on the fake gateway of tests/unit/test_pages_ledger.py -----------------------
HOT = {"from": "2026-01-01", "to": "2026-06-30", "top": 5, "items": [
    dict(ITEM, total=4), {"place": None, "hour": 23, "category": "other", "total": 1}]}
TRENDS = {"from": "2025-07-01", "to": "2026-06-30", "previous_from": "2024-07-01",
          "previous_to": "2025-06-30", "months": ["2026-05", "2026-06"],
          "categories": [{"category": "vehicle", "counts": [3, 1], "total": 4,
                          "previous_total": 2, "change": 2, "change_percent": 100.0}],
          "total": 4, "previous_total": 2, "change": 2, "change_percent": 100.0}


@pytest.fixture
def gw(monkeypatch):
    from sqlalchemy import insert

    from gateway.models import users
    from gateway.passwords import hash_password
    from tests.unit import test_pages_ledger as pages
    monkeypatch.setitem(pages.EMPTY_PATTERNS, "ledger_hotspots", HOT)
    monkeypatch.setitem(pages.EMPTY_PATTERNS, "ledger_trends", TRENDS)
    gw = pages.LedgerGateway()
    with gw.factory() as s, s.begin():
        s.execute(insert(users).values(
            username="press", password_hash=hash_password("demo"),
            roles="committee_office,publicity", name="王宣", police_id="360721101",
            unit="宣传科", active=True, created_at=pages.T0))
        s.execute(insert(users).values(
            username="publicity", password_hash=hash_password("demo"), roles="publicity",
            name="赵宣", police_id="360721102", unit="宣传科", active=True,
            created_at=pages.T0))
    return gw


def test_the_page_shows_both_tables_and_the_links_only_to_who_may_draft(gw, now):
    from tests.unit.test_pages_ledger import signed_in
    r = signed_in(gw).go("GET", "/ledger?from=2026-01-01&to=2026-06-30&by=category&top=5")
    assert r.status_code == 200, r.text
    [(_, _, (query, _principal))] = [c for c in gw.calls if c[1] == "ledger_hotspots"]
    assert query == {"from": "2026-01-01", "to": "2026-06-30", "top": 5}
    [(_, _, (trend_query, _principal))] = [c for c in gw.calls if c[1] == "ledger_trends"]
    assert trend_query == {}
    assert '<caption id="hotspot-caption">' in r.text and '<caption id="trend-caption">' in r.text
    assert "城关镇 红旗大道&amp;1号" in r.text and "07:00–07:59" in r.text
    assert page.NO_PLACE in r.text and "23:00–23:59" in r.text
    assert "2026年5月" in r.text and "+2（+100.0%）" in r.text
    assert "/publicity/statements/new" not in r.text          # committee_office only
    press = signed_in(gw, "press").go("GET", "/ledger?from=2026-01-01&to=2026-06-30&by=unit")
    assert page.warning_link(ITEM).replace("&", "&amp;") in press.text


def test_a_bad_top_comes_back_at_its_field(gw, now):
    from tests.unit.test_pages_ledger import signed_in
    r = signed_in(gw).go("GET", "/ledger?from=2026-01-01&to=2026-06-30&by=category&top=0")
    assert r.status_code == 422
    assert 'href="#f-top"' in r.text and 'id="f-top"' in r.text


def test_publicity_sees_the_patterns_with_warning_links_but_not_the_ledger(gw, now):
    from tests.unit.test_pages_ledger import signed_in
    browser = signed_in(gw, "publicity")
    assert browser.go("GET", "/ledger?from=2026-01-01&to=2026-06-30&by=category"
                      ).status_code == 403                       # case rows: committee only
    r = browser.go("GET", "/ledger/patterns?from=2026-01-01&to=2026-06-30&top=5")
    assert r.status_code == 200, r.text
    [(_, _, (query, principal))] = [c for c in gw.calls if c[1] == "ledger_hotspots"]
    assert query == {"from": "2026-01-01", "to": "2026-06-30", "top": 5}
    assert principal["roles"] == ["publicity"]
    assert '<caption id="hotspot-caption">' in r.text and '<caption id="trend-caption">' in r.text
    assert page.warning_link(ITEM).replace("&", "&amp;") in r.text
    assert "/ledger/cases.csv" not in r.text
    home = browser.go("GET", "/")
    assert 'href="/ledger/patterns"' in home.text and 'href="/ledger"' not in home.text
