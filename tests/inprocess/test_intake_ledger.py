"""The Art. 35 ledger through intake's real entrypoints (ledger_stats, ledger_cases) on a
migrated SQLite file: five cases across categories, Shanghai months, units, channels and
statuses, one received just outside the range; every grouping and the open / overdue /
concluded counts, the rows of the exports, the 422s naming the field and the committee-only
rule."""
from datetime import datetime, timedelta

import pytest

from weiquan.config import TZ

from tests.inprocess.test_intake_adapter import (  # noqa: F401 (the fixtures)
    DIRECTOR, OFFICE, OFFICER, call, error, intake, ok, start_intake)
from tests.support.bodies import application

pytestmark = pytest.mark.inprocess

MEMBER = dict(DIRECTOR, username="member1", roles=["committee_member"])
COMMAND_CENTER = {"username": "cc1", "roles": ["command_center"], "police_id": None,
                  "unit": None, "name": "值班员"}
TRAFFIC = {"police_id": "360721050", "name": "王军", "unit": "交警大队",
           "personnel_type": "regular"}
RANGE = {"from": "2026-10-01", "to": "2026-12-01"}


def _written(intake, received, category, officer=None, place="城关镇红旗大道"):
    """A paper application the office keys in, received at ``received`` (Shanghai time)."""
    body = application(applicant={"type": "relative", "name": "李娜", "relation": "spouse"},
                       channel="written", category=category, received_at=received.isoformat())
    body["incident"].update(occurred_at=(received - timedelta(days=1)).isoformat(), place=place)
    if officer:
        body["officer"] = dict(officer)
    return ok(call(intake, "submit_application", body, OFFICE, f"office1:{received}"))["case_no"]


@pytest.fixture
def ledger(intake, clock):
    """Now is Tue 2026-12-01 10:00 Shanghai. Returns the case numbers by name."""
    at = lambda *a: datetime(*a, tzinfo=TZ)  # noqa: E731
    made = {"before": _written(intake, at(2026, 9, 30, 23, 59), "other")}
    # 00:30 Shanghai on Oct 1 is Sep 30 in UTC: inside the range, month 2026-10
    made["concluded"] = _written(intake, at(2026, 10, 1, 0, 30), "violent_attack")
    ok(call(intake, "decide", made["concluded"],
            {"accept": True, "decided_at": at(2026, 10, 2, 10).isoformat()}, OFFICE))
    ok(call(intake, "conclude", made["concluded"],
            {"findings": "查证属实", "outcome": "established"}, OFFICE))
    # 01:00 Shanghai on Nov 1 is Oct 31 in UTC: month 2026-11
    made["refused"] = _written(intake, at(2026, 11, 1, 1, 0), "vehicle", TRAFFIC, "105国道")
    ok(call(intake, "decide", made["refused"], {"accept": False, "reason": "不属于受理范围",
                                                 "decided_at": at(2026, 11, 2, 9).isoformat()},
            OFFICE))
    # undecided since Nov 20: its 3-working-day acceptance deadline has passed
    made["overdue"] = _written(intake, at(2026, 11, 20, 9), "vehicle", TRAFFIC, "105国道")
    body = application(category="other")
    body["incident"]["occurred_at"] = (clock.now() - timedelta(hours=2)).isoformat()
    made["new"] = ok(call(intake, "submit_application", body, OFFICER, "zhangwei:k1"))["case_no"]
    return made


def stats(intake, by, who=OFFICE, **query):
    return call(intake, "ledger_stats", {**RANGE, "by": by, **query}, who)


def groups(answer):
    return {g["key"]: (g["total"], g["open"], g["overdue"], g["concluded"])
            for g in ok(answer)["groups"]}


def test_every_grouping_counts_total_open_overdue_and_concluded(intake, ledger):
    assert groups(stats(intake, "category")) == {
        "vehicle": (2, 1, 1, 0), "violent_attack": (1, 0, 0, 1), "other": (1, 1, 0, 0)}
    assert groups(stats(intake, "month")) == {
        "2026-10": (1, 0, 0, 1), "2026-11": (2, 1, 1, 0), "2026-12": (1, 1, 0, 0)}
    assert groups(stats(intake, "unit")) == {"交警大队": (2, 1, 1, 0),
                                            "城关派出所": (2, 1, 0, 1)}
    assert groups(stats(intake, "channel")) == {"written": (3, 1, 1, 1), "app": (1, 1, 0, 0)}
    assert groups(stats(intake, "outcome")) == {
        "established": (1, 0, 0, 1), "refused": (1, 0, 0, 0), "pending": (2, 2, 1, 0)}
    assert groups(stats(intake, "place")) == {"105国道": (2, 1, 1, 0),
                                             "城关镇红旗大道": (2, 1, 0, 1)}


def test_the_answer_names_its_range_orders_its_groups_and_totals(intake, ledger):
    answer = ok(stats(intake, "category", who=MEMBER))
    assert (answer["by"], answer["from"], answer["to"], answer["total"]) == \
        ("category", "2026-10-01", "2026-12-01", 4)
    assert [g["key"] for g in answer["groups"]] == ["vehicle", "other", "violent_attack"]
    months = ok(stats(intake, "month", who=DIRECTOR))
    assert [g["key"] for g in months["groups"]] == ["2026-10", "2026-11", "2026-12"]
    # one day: only the case received at 00:30 that day; the day before has the other one
    assert groups(stats(intake, "month", **{"from": "2026-10-01", "to": "2026-10-01"})) == \
        {"2026-10": (1, 0, 0, 1)}
    assert groups(stats(intake, "month", **{"from": "2026-09-30", "to": "2026-09-30"})) == \
        {"2026-09": (1, 1, 1, 0)}
    empty = ok(stats(intake, "place", **{"from": "2030-01-01", "to": "2030-12-31"}))
    assert (empty["groups"], empty["total"]) == ([], 0)


def test_the_export_rows_are_exactly_the_cases_counted(intake, ledger):
    answer = ok(call(intake, "ledger_cases", RANGE, OFFICE))
    numbers = [r["case_no"] for r in answer["items"]]
    assert numbers == [ledger[k] for k in ("concluded", "refused", "overdue", "new")]
    assert answer["total"] == 4 == ok(stats(intake, "unit"))["total"]
    rows = {r["case_no"]: r for r in answer["items"]}
    assert rows[ledger["concluded"]] == {
        "case_no": ledger["concluded"], "received_on": "2026-10-01",
        "category": "violent_attack", "channel": "written", "officer_unit": "城关派出所",
        "place": "城关镇红旗大道", "status": "concluded", "outcome": "established",
        "decided_on": "2026-10-02", "concluded_on": "2026-12-01", "overdue": False}
    assert (rows[ledger["refused"]]["outcome"], rows[ledger["refused"]]["decided_on"],
            rows[ledger["refused"]]["received_on"]) == ("refused", "2026-11-02", "2026-11-01")
    assert rows[ledger["overdue"]]["overdue"] is True
    assert (rows[ledger["new"]]["status"], rows[ledger["new"]]["outcome"],
            rows[ledger["new"]]["decided_on"]) == ("submitted", "pending", None)


def test_only_the_committee_reads_the_ledger(intake, ledger):
    for who in (OFFICER, COMMAND_CENTER):
        err = error(stats(intake, "category", who=who), 403, "forbidden")
        assert "Only the committee sees the ledger" in err["message"]
        error(call(intake, "ledger_cases", RANGE, who), 403, "forbidden")
    # refused before the query is read
    error(call(intake, "ledger_stats", {}, OFFICER), 403, "forbidden")


@pytest.mark.parametrize("query, field", [
    ({"from": "2026-10-01", "to": "2026-12-01"}, "by"),
    ({"from": "2026-10-01", "to": "2026-12-01", "by": "weekday"}, "by"),
    ({"to": "2026-12-01", "by": "month"}, "from"),
    ({"from": "2026-13-01", "to": "2026-12-01", "by": "month"}, "from"),
    ({"from": "1999-12-31", "to": "2026-12-01", "by": "month"}, "from"),
    ({"from": "2026-12-02", "to": "2026-12-01", "by": "month"}, "to"),
    ({"from": "2016-01-01", "to": "2026-01-08", "by": "month"}, "to"),   # 3661 days
])
def test_a_bad_query_is_a_422_naming_the_field(intake, query, field):
    err = error(call(intake, "ledger_stats", query, OFFICE), 422, "validation_failed")
    assert list(err["fields"]) == [field], err


def test_ten_years_is_the_longest_range(intake):
    answer = ok(call(intake, "ledger_stats", {"from": "2016-01-01", "to": "2026-01-07",
                                              "by": "month"}, OFFICE))   # 3660 days
    assert (answer["from"], answer["to"], answer["total"]) == ("2016-01-01", "2026-01-07", 0)
