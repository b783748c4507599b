"""Working-day calendar for regulation deadlines (SPEC "Time rules").

Official data comes from the ``chinese_calendar`` package and the administrator file; a year
present in neither falls back to weekends plus ``holidays.China`` and every deadline that
touched it is marked provisional, so it can be recomputed once the schedule is published.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import chinese_calendar
import holidays

from weiquan import config, settings
from weiquan.config import TZ
from weiquan.calendar.reckoning import Reckoning, explain
from weiquan.calendar.schedule_file import YearSchedule, load_schedule_file, make_schedule

END_OF_DAY = time(23, 59, 59)
# No real schedule has more than a couple of weeks off in a row; a longer run means bad data.
MAX_DAYS_OFF_IN_A_ROW = 60
COUNTS_REMEMBERED = 4096  # pairs of dates whose working days a calendar keeps counted


@dataclass(frozen=True)
class Due:
    """A deadline: the end of its last day, and whether unofficial calendar data decided it."""

    due: datetime
    provisional: bool

    def as_dict(self) -> dict:
        return {"due": self.due.isoformat(), "provisional": self.provisional}


def local_date(value) -> date:
    """The Asia/Shanghai calendar date of a moment; naive datetimes are taken as UTC."""
    if isinstance(value, str):
        text = value.strip()
        try:
            return date.fromisoformat(text)
        except ValueError:
            try:
                value = datetime.fromisoformat(text)
            except ValueError:
                raise ValueError(f"not an ISO date or datetime: {value!r}") from None
    if isinstance(value, datetime):
        if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(TZ).date()
    if isinstance(value, date):
        return value
    raise TypeError(f"expected a date, datetime or ISO string, got {type(value).__name__}")


def _end_of(day: date) -> datetime:
    return datetime.combine(day, END_OF_DAY, tzinfo=TZ)


def _check_n(n) -> int:
    if isinstance(n, bool) or not isinstance(n, int):
        raise ValueError(f"n must be a non-negative integer, got {n!r}")
    if n < 0:
        raise ValueError(f"n must be a non-negative integer, got {n}")
    return n


def package_schedules() -> dict[int, YearSchedule]:
    """Official schedules shipped in ``chinese_calendar``, for every year it really covers.

    The covered years are taken from its data dicts and confirmed with ``is_workday``, which
    raises NotImplementedError outside the range, so a newer package version is picked up.
    """
    off_by_year: dict[int, set] = {}
    work_by_year: dict[int, set] = {}
    for day in chinese_calendar.holidays:
        off_by_year.setdefault(day.year, set()).add(day)
    for day in chinese_calendar.workdays:
        work_by_year.setdefault(day.year, set()).add(day)
    schedules = {}
    for year in sorted(off_by_year):
        try:
            chinese_calendar.is_workday(date(year, 1, 1))
        except NotImplementedError:
            continue
        source = f"chinese_calendar {getattr(chinese_calendar, '__version__', '')}".strip()
        schedules[year] = YearSchedule(
            year=year,
            days_off=frozenset(off_by_year[year]),
            working_days=frozenset(work_by_year.get(year, ())),
            source=source,
        )
    return schedules


@functools.lru_cache(maxsize=1)
def _package_schedules_cached() -> dict[int, YearSchedule]:
    return package_schedules()


def calendar_file_path(path=None) -> tuple[Path, bool]:
    """The file to read and whether it was asked for explicitly (argument or environment)."""
    if path is not None:
        return Path(path), True
    override = settings.current().calendar_file
    if override:
        return Path(override), True
    return config.REPO_ROOT / "config" / "calendar.yaml", False


class WorkCalendar:
    """Working days by year; immutable apart from caches of what it worked out (the fallback
    years, counts of working days)."""

    def __init__(self, schedules: dict[int, YearSchedule]):
        self._schedules = dict(schedules)
        self._fallback: dict[int, frozenset] = {}
        self._counts: dict[tuple[date, date], int] = {}

    @classmethod
    def load(cls, path=None) -> "WorkCalendar":
        """Package data overridden by the administrator file (path, env, or repo default).

        An explicitly configured file must exist; the repo default may be absent (e.g. in a
        slim image), which simply means no administrator data.
        """
        schedules = dict(_package_schedules_cached())
        file_path, explicit = calendar_file_path(path)
        if explicit or file_path.exists():
            if not file_path.is_file():
                raise FileNotFoundError(f"calendar file not found: {file_path}")
            schedules.update(load_schedule_file(file_path))
        return cls(schedules)

    def with_schedule(self, year, days_off, working_days, source="") -> "WorkCalendar":
        """A new calendar with ``year`` made official; deadlines must then be recomputed."""
        schedule = make_schedule(year, days_off, working_days, source)
        return WorkCalendar({**self._schedules, schedule.year: schedule})

    # -- which years are official ---------------------------------------------------------

    def is_official(self, year: int) -> bool:
        return year in self._schedules

    def official_years(self) -> list[int]:
        return sorted(self._schedules)

    def last_official_year(self) -> int:
        return max(self._schedules)

    def schedule(self, year: int) -> YearSchedule | None:
        """The official data of ``year`` (for display and audit), or None."""
        return self._schedules.get(year)

    # -- single days --------------------------------------------------------------------------

    def _fallback_days_off(self, year: int) -> frozenset:
        days = self._fallback.get(year)
        if days is None:
            days = frozenset(holidays.China(years=year).keys())
            self._fallback[year] = days
        return days

    def is_working_day(self, d: date) -> bool:
        d = local_date(d)
        schedule = self._schedules.get(d.year)
        if schedule is None:
            return d.weekday() < 5 and d not in self._fallback_days_off(d.year)
        if d in schedule.days_off:
            return False
        return d.weekday() < 5 or d in schedule.working_days

    def next_working_day(self, d: date) -> date:
        """``d`` itself when it is a working day, else the first working day after it."""
        day = local_date(d)
        for _ in range(MAX_DAYS_OFF_IN_A_ROW):
            if self.is_working_day(day):
                return day
            day += timedelta(days=1)
        raise ValueError(f"no working day within {MAX_DAYS_OFF_IN_A_ROW} days of {d}")

    def count_working_days(self, first, last) -> int:
        """Working days from ``first`` to ``last``, both included (0 when last < first).
        Kept once counted: a list page asks the same few pairs (today, a due day) per case."""
        first, last = local_date(first), local_date(last)
        count = self._counts.get((first, last))
        if count is None:
            if len(self._counts) >= COUNTS_REMEMBERED:
                self._counts.clear()
            count = self._counts[(first, last)] = sum(
                1 for i in range((last - first).days + 1)
                if self.is_working_day(first + timedelta(days=i)))
        return count

    # -- deadlines ----------------------------------------------------------------------------

    def _due(self, first_examined: date, last: date) -> Due:
        provisional = any(
            not self.is_official(year) for year in range(first_examined.year, last.year + 1)
        )
        return Due(due=_end_of(last), provisional=provisional)

    def _walk_working_days(self, start: date, n: int) -> list[tuple[date, bool]]:
        """Each day from ``start`` to the due day and whether it counted: the one rule behind
        ``add_working_days`` and ``reckon_working_days``."""
        if n == 0:
            due = self.next_working_day(start)
            return [(start + timedelta(days=i), i == (due - start).days)
                    for i in range((due - start).days + 1)]
        steps, day, counted, off_in_a_row = [(start, False)], start, 0, 0
        while counted < n:
            day += timedelta(days=1)
            if self.is_working_day(day):
                counted, off_in_a_row = counted + 1, 0
                steps.append((day, True))
            else:
                off_in_a_row += 1
                if off_in_a_row >= MAX_DAYS_OFF_IN_A_ROW:
                    raise ValueError(f"no working day within {MAX_DAYS_OFF_IN_A_ROW} days of {day}")
                steps.append((day, False))
        return steps

    def _walk_days(self, start: date, n: int) -> list[tuple[date, bool]]:
        """Each day from ``start`` to the due day and whether it counted: calendar days 1..n,
        then the working day the deadline moves to when day n is a day off (the rule behind
        ``add_days`` and ``reckon_days``)."""
        due = self.next_working_day(start + timedelta(days=n))
        return [(start + timedelta(days=i), 1 <= i <= n or i == (due - start).days)
                for i in range((due - start).days + 1)]

    def add_working_days(self, start, n: int) -> Due:
        """End of the n-th working day after ``start`` (the start day is not counted).

        n=0 means the end of the start day, or of the next working day if it is a day off.
        """
        n = _check_n(n)
        start = local_date(start)
        last = self._walk_working_days(start, n)[-1][0]
        return self._due(start if n == 0 else start + timedelta(days=1), last)

    def add_days(self, start, n: int) -> Due:
        """End of calendar day n after ``start``, moved to the next working day if needed.

        Only the days from the n-th day to the due day depend on the calendar, so only
        they decide whether the result is provisional.
        """
        n = _check_n(n)
        start = local_date(start)
        last = self._walk_days(start, n)[-1][0]
        return self._due(start + timedelta(days=n), last)

    # -- why a deadline falls where it does -------------------------------------------------

    def reckon_working_days(self, start, n: int) -> Reckoning:
        """``add_working_days`` with every day from the start to the due day explained."""
        n = _check_n(n)
        start = local_date(start)
        steps = self._walk_working_days(start, n)
        return explain(self, steps, self.add_working_days(start, n), start_excluded=n > 0)

    def reckon_days(self, start, n: int) -> Reckoning:
        """``add_days`` with every day from the start to the due day explained."""
        n = _check_n(n)
        start = local_date(start)
        steps = self._walk_days(start, n)
        last = start + timedelta(days=n)
        moved_to = steps[-1][0] if steps[-1][0] != last else None
        return explain(self, steps, self.add_days(start, n), start_excluded=n > 0,
                       moved_to=moved_to)


@functools.lru_cache(maxsize=1)
def default_calendar() -> WorkCalendar:
    """The process-wide calendar; ``default_calendar.cache_clear()`` reloads the file."""
    return WorkCalendar.load()
