"""Working-day calendar: 2026 holiday edges, SPEC "Time rules" examples, provisional years,
and the administrator file."""
from datetime import date, datetime, timedelta, timezone

import chinese_calendar
import pytest

from weiquan import config
from weiquan.calendar import Due, WorkCalendar, default_calendar, local_date
from weiquan.config import TZ

D = date.fromisoformat

# (name, last working day before, first day off, last day off, first working day after)
BREAKS_2026 = [
    ("New Year", D("2025-12-31"), D("2026-01-01"), D("2026-01-03"), D("2026-01-04")),
    ("Spring Festival", D("2026-02-14"), D("2026-02-15"), D("2026-02-23"), D("2026-02-24")),
    ("Qingming", D("2026-04-03"), D("2026-04-04"), D("2026-04-06"), D("2026-04-07")),
    ("Labour Day", D("2026-04-30"), D("2026-05-01"), D("2026-05-05"), D("2026-05-06")),
    ("Dragon Boat", D("2026-06-18"), D("2026-06-19"), D("2026-06-21"), D("2026-06-22")),
    ("Mid-Autumn", D("2026-09-24"), D("2026-09-25"), D("2026-09-27"), D("2026-09-28")),
    ("National Day", D("2026-09-30"), D("2026-10-01"), D("2026-10-07"), D("2026-10-08")),
]
BREAK_IDS = [b[0] for b in BREAKS_2026]


def end(day: str) -> datetime:
    return datetime.fromisoformat(f"{day}T23:59:59").replace(tzinfo=TZ)


@pytest.fixture(scope="module")
def cal():
    # The shipped file has no years, so this is the package data alone.
    return WorkCalendar.load(config.REPO_ROOT / "config" / "calendar.yaml")


def write(tmp_path, text):
    path = tmp_path / "calendar.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def entry(days_off="[2027-01-01]", working="[2027-01-09]", extra="", year=2027, source="x"):
    return (f"years:\n  {year}:\n    source: \"{source}\"\n    days_off: {days_off}\n"
            f"    working_days: {working}\n{extra}")


SCHEDULE_2027 = entry(days_off="[2027-01-01, 2027-01-04]", source="test schedule")


@pytest.mark.unit
def test_break_table_matches_chinese_calendar():
    # get_holidays() also returns ordinary weekends; keep the days that carry a holiday name.
    days = chinese_calendar.get_holidays(D("2026-01-01"), D("2026-12-31"))
    named = [d for d in days if chinese_calendar.get_holiday_detail(d)[1] is not None]
    runs = []
    for day in sorted(named):
        if runs and day - runs[-1][1] == timedelta(days=1):
            runs[-1][1] = day
        else:
            runs.append([day, day])
    assert [tuple(r) for r in runs] == [(b[2], b[3]) for b in BREAKS_2026]


@pytest.mark.unit
@pytest.mark.parametrize("name,before,first,last,after", BREAKS_2026, ids=BREAK_IDS)
def test_break_edges_classified(cal, name, before, first, last, after):
    assert cal.is_working_day(before) is True
    assert cal.is_working_day(first) is False
    assert cal.is_working_day(last) is False
    assert cal.is_working_day(after) is True
    assert cal.next_working_day(first) == after


@pytest.mark.unit
@pytest.mark.parametrize("name,before,first,last,after", BREAKS_2026, ids=BREAK_IDS)
def test_one_working_day_from_before_break_lands_after_it(cal, name, before, first, last, after):
    due = cal.add_working_days(before, 1)
    assert due == Due(end(after.isoformat()), provisional=False)


@pytest.mark.unit
@pytest.mark.parametrize("day", ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09",
                                 "2026-09-20", "2026-10-10"])
def test_swapped_weekend_days_are_working_days(cal, day):
    assert D(day).weekday() >= 5
    assert cal.is_working_day(D(day)) is True


@pytest.mark.unit
@pytest.mark.parametrize("day", ["2026-09-19", "2026-10-11", "2026-11-07"])
def test_plain_weekend_is_not_working(cal, day):
    assert cal.is_working_day(D(day)) is False


@pytest.mark.unit
def test_spec_received_before_national_day(cal):
    due = cal.add_working_days(D("2026-09-30"), 3)
    assert due.as_dict() == {"due": "2026-10-10T23:59:59+08:00", "provisional": False}


@pytest.mark.unit
def test_spec_received_before_swapped_sunday(cal):
    assert cal.add_working_days(D("2026-09-18"), 3) == Due(end("2026-09-22"), False)


@pytest.mark.unit
def test_spec_thirty_days_into_national_day(cal):
    assert cal.add_days(D("2026-09-02"), 30) == Due(end("2026-10-08"), False)


@pytest.mark.unit
def test_add_days_on_weekend_moves_to_monday(cal):
    assert cal.add_days(D("2026-11-02"), 5) == Due(end("2026-11-09"), False)  # Sat 11-07
    assert cal.add_days(D("2026-11-02"), 4) == Due(end("2026-11-06"), False)  # Fri stays


@pytest.mark.unit
def test_n_zero(cal):
    assert cal.add_days(D("2026-11-07"), 0).due == end("2026-11-09")
    assert cal.add_working_days(D("2026-11-06"), 0).due == end("2026-11-06")
    assert cal.add_working_days(D("2026-10-01"), 0).due == end("2026-10-08")


@pytest.mark.unit
@pytest.mark.parametrize("n", [-1, 1.5, "3", True])
def test_bad_n_rejected(cal, n):
    with pytest.raises(ValueError, match="non-negative integer"):
        cal.add_working_days(D("2026-09-30"), n)
    with pytest.raises(ValueError, match="non-negative integer"):
        cal.add_days(D("2026-09-30"), n)


@pytest.mark.unit
def test_datetime_start_uses_shanghai_date(cal):
    # 2026-09-29 17:00 UTC is 2026-09-30 01:00 in Shanghai.
    received = datetime(2026, 9, 29, 17, 0, tzinfo=timezone.utc)
    assert cal.add_working_days(received, 3).due == end("2026-10-10")
    assert cal.add_days(received, 30).due == end("2026-10-30")


@pytest.mark.unit
@pytest.mark.parametrize("value,expected", [
    (datetime(2026, 9, 30, 16, 30), "2026-10-01"),  # naive = UTC
    (datetime(2026, 9, 30, 15, 59), "2026-09-30"),
    (datetime(2026, 9, 30, 23, 0, tzinfo=TZ), "2026-09-30"),
    ("2026-09-30T16:30:00Z", "2026-10-01"),
    ("2026-09-30T16:30:00+08:00", "2026-09-30"),
    ("2026-09-30", "2026-09-30"),
    (D("2026-09-30"), "2026-09-30"),
])
def test_local_date(value, expected):
    assert local_date(value) == D(expected)


@pytest.mark.unit
def test_due_as_dict():
    due = Due(end("2026-10-10"), True)
    assert due.as_dict() == {"due": "2026-10-10T23:59:59+08:00", "provisional": True}


@pytest.mark.unit
def test_shipped_file_adds_no_years(cal):
    assert cal.official_years() == list(range(2004, 2027))
    assert cal.last_official_year() == 2026
    assert cal.is_official(2026) and not cal.is_official(2027)


@pytest.mark.unit
def test_year_end_crossing_is_provisional(cal):
    # 12-31 counts, 2027-01-01 is New Year (fallback), 01-04 and 01-05 count.
    assert cal.add_working_days(D("2026-12-30"), 3) == Due(end("2027-01-05"), True)
    assert cal.add_working_days(D("2026-12-28"), 3) == Due(end("2026-12-31"), False)


@pytest.mark.unit
def test_add_days_provisional_only_when_last_day_unofficial(cal):
    assert cal.add_days(D("2026-12-15"), 30) == Due(end("2027-01-14"), True)
    assert cal.add_days(D("2026-11-20"), 30) == Due(end("2026-12-21"), False)  # Sun -> Mon


@pytest.mark.unit
def test_fallback_uses_weekends_and_statutory_holidays(cal):
    assert cal.is_working_day(D("2027-01-01")) is False  # New Year, Friday
    assert cal.is_working_day(D("2027-02-08")) is False  # Spring Festival, Monday
    assert cal.is_working_day(D("2027-10-01")) is False  # National Day, Friday
    assert cal.is_working_day(D("2027-01-02")) is False  # Saturday
    assert cal.is_working_day(D("2027-01-04")) is True


@pytest.mark.unit
def test_yaml_schedule_makes_2027_official_and_moves_deadline(tmp_path):
    cal = WorkCalendar.load(write(tmp_path, SCHEDULE_2027))
    assert cal.is_official(2027) and cal.last_official_year() == 2027
    assert cal.add_working_days(D("2026-12-30"), 3) == Due(end("2027-01-06"), False)
    assert cal.is_working_day(D("2027-01-09")) is True  # swapped Saturday
    assert cal.schedule(2027).source == "test schedule"


@pytest.mark.unit
def test_env_variable_selects_file(tmp_path, monkeypatch):
    monkeypatch.setenv("WEIQUAN_CALENDAR_FILE", str(write(tmp_path, SCHEDULE_2027)))
    assert WorkCalendar.load().add_working_days(D("2026-12-30"), 3).due == end("2027-01-06")


@pytest.mark.unit
def test_yaml_year_overrides_package(tmp_path):
    cal = WorkCalendar.load(write(tmp_path, entry("[2026-01-01]", "[]", year=2026)))
    assert cal.is_working_day(D("2026-10-01")) is True
    assert cal.is_working_day(D("2026-09-20")) is False
    assert cal.add_working_days(D("2026-09-30"), 3).due == end("2026-10-05")


@pytest.mark.unit
def test_with_schedule_returns_new_calendar(cal):
    new = cal.with_schedule(2027, [D("2027-01-01"), "2027-01-04"], [], source="notice")
    assert new.add_working_days(D("2026-12-30"), 3) == Due(end("2027-01-06"), False)
    assert cal.add_working_days(D("2026-12-30"), 3) == Due(end("2027-01-05"), True)
    with pytest.raises(ValueError, match="does not belong to year 2027"):
        cal.with_schedule(2027, [D("2028-01-01")], [])


@pytest.mark.unit
def test_explicit_missing_file_fails(tmp_path):
    with pytest.raises(FileNotFoundError):
        WorkCalendar.load(tmp_path / "nope.yaml")


@pytest.mark.unit
@pytest.mark.parametrize("text,message", [
    (entry(days_off="[2028-01-01]"), "2028-01-01 does not belong to year 2027"),
    (entry(working="[2026-12-26]"), "2026-12-26 does not belong to year 2027"),
    (entry(days_off="[2027-01-09]"), "2027-01-09 is in both days_off and working_days"),
    (entry(working="[2027-01-08]"), "2027-01-08 is a weekday"),
    (entry(days_off="[2027-01-01, 2027-01-01]"), "listed twice"),
    (entry(days_off='["2027-02-30"]'), "'2027-02-30' is not a date"),
    (entry(days_off="[2027-13-01]"), "not valid YAML: month must be in 1..12"),
    (entry(days_off="[]"), "days_off is empty"),
    (entry(days_off="2027-01-01"), "expected a list of dates"),
    (entry(extra="    note: x\n"), "unknown key.*note"),
    ("years:\n  2027:\n    days_off: [2027-01-01]\n    working_days: []\n", "missing key.*source"),
    (entry() + "  2027:\n    source: y\n    days_off: [2027-01-01]\n    working_days: []\n",
     "duplicate key 2027"),
    ("years: [2027]\n", "'years' must be a mapping"),
    ("2027: {}\n", "top-level 'years'"),
    ("years: {}\nyear: 1\n", "unknown top-level key"),
    ("years: {abc: {}}\n", "'abc' is not a year"),
    ("years: {2027: [1]\n", "not valid YAML"),
])
def test_invalid_file_rejected(tmp_path, text, message):
    with pytest.raises(ValueError, match=message):
        WorkCalendar.load(write(tmp_path, text))


@pytest.mark.unit
def test_default_calendar_is_cached(monkeypatch):
    monkeypatch.delenv("WEIQUAN_CALENDAR_FILE", raising=False)
    default_calendar.cache_clear()
    try:
        first = default_calendar()
        assert default_calendar() is first
        assert first.last_official_year() == 2026
    finally:
        default_calendar.cache_clear()
