"""The reckoning behind a deadline: every day from the start to the due day, counted or why
not, across 2026's National Day and Spring Festival (with their swapped working days) and a
provisional 2027; consistent with add_working_days/add_days by construction."""
from datetime import date, timedelta

import pytest

from weiquan import config
from weiquan.calendar import WorkCalendar

pytestmark = pytest.mark.unit
D = date.fromisoformat


@pytest.fixture(scope="module")
def cal():
    return WorkCalendar.load(config.REPO_ROOT / "config" / "calendar.yaml")


def by_date(reckoning):
    return {d.date: d for d in reckoning.days}


def test_three_working_days_across_national_day_2026(cal):
    r = cal.reckon_working_days(D("2026-09-30"), 3)
    assert r.due == cal.add_working_days(D("2026-09-30"), 3)
    assert r.due.due.date() == D("2026-10-10") and r.due.provisional is False
    days = by_date(r)
    assert [d.date for d in r.days] == [D("2026-09-30") + timedelta(i) for i in range(11)]
    start = days[D("2026-09-30")]
    assert (start.counted, start.code, start.reason_zh) == (False, "start_day", "起算日，不计入")
    for i in range(1, 8):
        day = days[D(f"2026-10-0{i}")]
        assert (day.counted, day.code, day.reason_zh) == (False, "holiday", "国庆节")
        assert day.reason == "holiday: National Day"
    assert [d.date for d in r.days if d.counted] == [D("2026-10-08"), D("2026-10-09"),
                                                     D("2026-10-10")]
    swapped = days[D("2026-10-10")]   # a Saturday made a working day
    assert (swapped.counted, swapped.code, swapped.reason_zh) == \
        (True, "swapped_working_day", "调休上班（国庆节）")
    assert days[D("2026-10-08")].code is None and days[D("2026-10-08")].reason is None
    assert not any(d.provisional for d in r.days)


def test_spring_festival_2026_swapped_saturday_counts(cal):
    r = cal.reckon_working_days(D("2026-02-13"), 2)
    days = by_date(r)
    assert r.due.due.date() == D("2026-02-24")
    assert (days[D("2026-02-14")].counted, days[D("2026-02-14")].reason_zh) == \
        (True, "调休上班（春节）")
    assert days[D("2026-02-14")].reason == "swapped working day (Spring Festival)"
    off = [d for d in r.days if d.code == "holiday"]
    assert [d.date for d in off] == [D("2026-02-15") + timedelta(i) for i in range(9)]
    assert {d.reason_zh for d in off} == {"春节"} and not any(d.counted for d in off)


def test_weekend_is_named_weekend(cal):
    r = cal.reckon_working_days(D("2026-03-06"), 1)   # Friday -> Monday
    assert [(d.date, d.counted, d.code, d.reason_zh) for d in r.days] == [
        (D("2026-03-06"), False, "start_day", "起算日，不计入"),
        (D("2026-03-07"), False, "weekend", "周末"),
        (D("2026-03-08"), False, "weekend", "周末"),
        (D("2026-03-09"), True, None, None)]


def test_thirty_days_into_national_day_move_to_the_next_working_day(cal):
    r = cal.reckon_days(D("2026-09-03"), 30)     # day 30 is Sat 2026-10-03, a holiday
    assert r.due == cal.add_days(D("2026-09-03"), 30)
    days = by_date(r)
    assert days[D("2026-10-02")].counted and days[D("2026-10-02")].reason_zh == "国庆节"
    assert days[D("2026-10-03")].counted, "day 30 counts though it is a holiday"
    assert not any(days[D(f"2026-10-0{i}")].counted for i in range(4, 8))
    moved = days[D("2026-10-08")]
    assert (moved.counted, moved.code, moved.reason_zh) == \
        (True, "moved_to_working_day", "届满日为休息日，顺延至此工作日")
    assert days[D("2026-09-20")].code == "swapped_working_day"
    assert sum(d.counted for d in r.days) == 31   # 30 calendar days + the day it moved to


def test_provisional_2027_span(cal):
    r = cal.reckon_working_days(D("2027-09-29"), 2)
    assert r.due == cal.add_working_days(D("2027-09-29"), 2)
    assert r.due.provisional is True and r.due.due.date() == D("2027-10-06")
    assert all(d.provisional for d in r.days)
    assert [d.date for d in r.days if d.counted] == [D("2027-09-30"), D("2027-10-06")]
    assert by_date(r)[D("2027-10-01")].reason_zh == "国庆节"
    assert by_date(r)[D("2027-10-01")].code == "holiday"


def test_year_end_crossing_marks_only_2027_days_provisional(cal):
    r = cal.reckon_working_days(D("2026-12-30"), 3)
    assert r.due == cal.add_working_days(D("2026-12-30"), 3)
    flags = {d.date: d.provisional for d in r.days}
    assert flags[D("2026-12-31")] is False and flags[D("2027-01-01")] is True
    assert by_date(r)[D("2027-01-01")].reason_zh == "元旦"


def test_an_administrator_schedule_names_its_days_by_the_nearest_holiday(cal):
    official = cal.with_schedule(
        2027, [D("2027-10-01") + timedelta(i) for i in range(7)], [D("2027-10-09")], "test")
    r = official.reckon_working_days(D("2027-09-30"), 2)
    days = by_date(r)
    assert r.due.provisional is False and r.due.due.date() == D("2027-10-09")
    assert days[D("2027-10-07")].reason_zh == "国庆节"   # a day the statutory table lacks
    assert days[D("2027-10-09")].reason_zh == "调休上班（国庆节）"


def test_n_zero_on_a_day_off_reckons_to_the_next_working_day(cal):
    r = cal.reckon_working_days(D("2026-10-03"), 0)
    assert r.days[0].code == "holiday" and not r.days[0].counted
    assert r.days[-1].date == D("2026-10-08") and r.days[-1].counted
    assert sum(d.counted for d in r.days) == 1
    assert cal.reckon_days(D("2026-10-08"), 0).as_list() == [{
        "date": "2026-10-08", "counted": True, "code": None, "reason": None,
        "reason_zh": None, "provisional": False}]


STARTS = [D("2026-01-01") + timedelta(i) for i in range(0, 365, 2)] + \
    [D("2026-12-20") + timedelta(i) for i in range(30)] + \
    [D("2027-01-25") + timedelta(i) for i in range(0, 300, 7)]


@pytest.mark.parametrize("n", [0, 1, 3, 10])
def test_reckon_working_days_agrees_with_add_working_days(cal, n):
    for start in STARTS:
        r = cal.reckon_working_days(start, n)
        assert r.due == cal.add_working_days(start, n), start
        counted = [d for d in r.days if d.counted]
        assert counted[-1].date == r.due.due.date() == r.days[-1].date, start
        assert len(counted) == max(n, 1), start
        assert all(cal.is_working_day(d.date) for d in counted), start
        assert [d.date for d in r.days] == [start + timedelta(i) for i in range(len(r.days))]
        assert all(d.provisional == (not cal.is_official(d.date.year)) for d in r.days)


@pytest.mark.parametrize("n", [0, 1, 30])
def test_reckon_days_agrees_with_add_days(cal, n):
    for start in STARTS:
        r = cal.reckon_days(start, n)
        assert r.due == cal.add_days(start, n), start
        assert [d for d in r.days if d.counted][-1].date == r.due.due.date() == \
            r.days[-1].date, start
        assert r.days[0].date == start
        assert all(d.counted for d in r.days[1:n + 1]), start


def test_as_dict_adds_the_days_to_the_due():
    cal = WorkCalendar.load(config.REPO_ROOT / "config" / "calendar.yaml")
    out = cal.reckon_working_days(D("2026-10-09"), 1).as_dict()
    assert out["due"] == "2026-10-10T23:59:59+08:00" and out["provisional"] is False
    assert [d["date"] for d in out["reckoning"]] == ["2026-10-09", "2026-10-10"]


def test_count_working_days(cal):
    assert cal.count_working_days(D("2026-09-30"), D("2026-10-10")) == 4
    assert cal.count_working_days(D("2026-10-09"), D("2026-10-09")) == 1
    assert cal.count_working_days(D("2026-10-03"), D("2026-10-03")) == 0
    assert cal.count_working_days(D("2026-10-10"), D("2026-10-09")) == 0


def test_a_count_kept_is_the_count_and_the_kept_counts_stay_bounded():
    from weiquan.calendar.workdays import COUNTS_REMEMBERED
    fresh = WorkCalendar.load(config.REPO_ROOT / "config" / "calendar.yaml")
    assert fresh.count_working_days(D("2026-09-30"), D("2026-10-10")) == 4
    assert fresh.count_working_days(D("2026-09-30"), D("2026-10-10")) == 4  # kept, same
    first = D("2026-01-01")
    for i in range(COUNTS_REMEMBERED + 10):  # more pairs than it keeps
        fresh.count_working_days(first, first + timedelta(days=i % 400))
        fresh.count_working_days(first + timedelta(days=i), first + timedelta(days=i + 3))
    assert len(fresh._counts) <= COUNTS_REMEMBERED
    # past the bound the counts are still right: the National Day week, the swapped Saturday
    assert fresh.count_working_days(D("2026-10-01"), D("2026-10-07")) == 0
    assert fresh.count_working_days(D("2026-10-01"), D("2026-10-08")) == 1
    assert fresh.count_working_days(D("2026-10-09"), D("2026-10-10")) == 2
