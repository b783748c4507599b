"""The ledger's hot spots and trends through intake's real entrypoints (ledger_hotspots,
ledger_trends) on a migrated SQLite file: paper applications keyed in with known receipt and
occurrence times (written with the +08:00 offset and in UTC), counted by place, Shanghai hour
of occurrence and category, and per category and month against the previous period; bad
queries are 422s naming the field and only the committee reads them."""
from datetime import datetime, timezone

import pytest

from weiquan.config import TZ

from tests.inprocess.test_intake_adapter import (  # noqa: F401 (the fixtures)
    DIRECTOR, OFFICE, OFFICER, call, error, intake, ok, start_intake)
from tests.support.bodies import application

pytestmark = pytest.mark.inprocess


def _keyed_in(intake, received, occurred, category, place):
    body = application(applicant={"type": "relative", "name": "李娜", "relation": "spouse"},
                       channel="written", category=category, received_at=received.isoformat())
    body["incident"].update(occurred_at=occurred.isoformat(), place=place)
    return ok(call(intake, "submit_application", body, OFFICE, f"office1:{received}"))


@pytest.fixture
def filed(intake):
    """Now (the fixed clock) is 2026-12-01 10:00 Shanghai."""
    at = lambda *a: datetime(*a, tzinfo=TZ)  # noqa: E731
    utc = lambda *a: datetime(*a, tzinfo=timezone.utc)  # noqa: E731
    # 23:30 and 23:10 Shanghai (15:xx UTC, the second one written in UTC): hour 23 both
    _keyed_in(intake, at(2026, 11, 10, 10), at(2026, 11, 9, 23, 30), "vehicle", "红旗大道")
    _keyed_in(intake, at(2026, 11, 12, 10), utc(2026, 11, 11, 15, 10), "vehicle", "红旗大道")
    # 00:20 Shanghai on Nov 15 is 16:20 UTC on Nov 14: hour 0
    _keyed_in(intake, at(2026, 11, 15, 9), at(2026, 11, 15, 0, 20), "other", "105国道")
    _keyed_in(intake, at(2026, 10, 5, 9), at(2026, 10, 4, 8, 0), "violent_attack", "红旗大道")
    # 00:30 on Jan 1 Shanghai is Dec 31 in UTC: January, in the default trend range
    _keyed_in(intake, at(2026, 1, 1, 0, 30), at(2025, 12, 31, 22), "vehicle", "红旗大道")
    # the previous period of the default range (2025-01-31 .. 2025-12-31)
    _keyed_in(intake, at(2025, 12, 31, 23, 30), at(2025, 12, 31, 20), "vehicle", "红旗大道")
    _keyed_in(intake, at(2025, 11, 20, 9), at(2025, 11, 19, 9), "vehicle", "105国道")


def hotspots(intake, who=OFFICE, **query):
    return call(intake, "ledger_hotspots",
                {"from": "2026-10-01", "to": "2026-11-30", **query}, who)


def test_hot_spots_count_place_shanghai_hour_of_occurrence_and_category(intake, filed):
    answer = ok(hotspots(intake))
    assert (answer["from"], answer["to"], answer["top"]) == ("2026-10-01", "2026-11-30", 10)
    assert answer["items"] == [
        {"place": "红旗大道", "hour": 23, "category": "vehicle", "total": 2},
        {"place": "105国道", "hour": 0, "category": "other", "total": 1},
        {"place": "红旗大道", "hour": 8, "category": "violent_attack", "total": 1}]
    assert ok(hotspots(intake, who=DIRECTOR, top="1"))["items"] == answer["items"][:1]
    # one Shanghai day: only the case received on Nov 15
    assert [i["hour"] for i in ok(hotspots(intake, **{"from": "2026-11-15",
                                                     "to": "2026-11-15"}))["items"]] == [0]


def test_default_trends_are_the_last_twelve_months_against_the_period_before(intake, filed):
    answer = ok(call(intake, "ledger_trends", {}, OFFICE))
    assert (answer["from"], answer["to"]) == ("2026-01-01", "2026-12-01")
    assert (answer["previous_from"], answer["previous_to"]) == ("2025-01-31", "2025-12-31")
    assert answer["months"] == [f"2026-{m:02d}" for m in range(1, 13)]
    rows = {r["category"]: r for r in answer["categories"]}
    assert [r["category"] for r in answer["categories"]] == \
        ["vehicle", "other", "violent_attack"]
    assert rows["vehicle"]["counts"] == [1] + [0] * 9 + [2, 0]
    assert (rows["vehicle"]["total"], rows["vehicle"]["previous_total"],
            rows["vehicle"]["change"], rows["vehicle"]["change_percent"]) == (3, 2, 1, 50.0)
    assert (rows["other"]["total"], rows["other"]["change_percent"]) == (1, None)
    assert rows["violent_attack"]["counts"][9] == 1
    assert (answer["total"], answer["previous_total"], answer["change"]) == (5, 2, 3)


def test_a_month_compares_with_the_month_before(intake, filed):
    answer = ok(call(intake, "ledger_trends", {"from": "2026-11-01", "to": "2026-11-30"},
                     DIRECTOR))
    assert (answer["previous_from"], answer["previous_to"], answer["months"]) == \
        ("2026-10-01", "2026-10-31", ["2026-11"])
    assert {r["category"]: (r["counts"], r["previous_total"], r["change_percent"])
            for r in answer["categories"]} == {
        "vehicle": ([2], 0, None), "other": ([1], 0, None),
        "violent_attack": ([0], 1, -100.0)}


@pytest.mark.parametrize("method, query, field", [
    ("ledger_hotspots", {"from": "2026-10-01", "to": "2026-11-30", "top": "0"}, "top"),
    ("ledger_hotspots", {"from": "2026-10-01", "to": "2026-11-30", "top": "x"}, "top"),
    ("ledger_hotspots", {"from": "2026-10-01", "to": "2026-09-30"}, "to"),
    ("ledger_hotspots", {"to": "2026-09-30"}, "from"),
    ("ledger_trends", {"from": "2026-10-01"}, "to"),
    ("ledger_trends", {"from": "2020-01-01", "to": "2026-10-01"}, "to"),
])
def test_a_bad_query_is_a_422_naming_the_field(intake, method, query, field):
    err = error(call(intake, method, query, OFFICE), 422, "validation_failed")
    assert list(err["fields"]) == [field]


def test_only_the_committee_reads_the_patterns(intake):
    error(hotspots(intake, who=OFFICER), 403, "forbidden")
    error(call(intake, "ledger_trends", {}, OFFICER), 403, "forbidden")
