"""Why a deadline falls where it does: every day from the start to the due day, whether it
counted and why (weekend, the named holiday, a swapped working day), and whether its year's
schedule is still provisional.

The days and whether they count come from ``WorkCalendar``'s own walk (the one rule behind
``add_working_days`` and ``add_days``); this module only names them. Holiday names come from
the schedule data: ``chinese_calendar`` for the years it covers, ``holidays.China`` (Chinese
and English) for the others, and for a day off or swapped working day that neither names
(an administrator's schedule) the nearest named holiday.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar
import holidays

# chinese_calendar names its holidays in English; the official Chinese names.
ZH_OF_PACKAGE_NAME = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}
# How far to look for the holiday a nameless day off or swapped working day belongs to.
NEAREST_NAMED_WITHIN = 14

# code -> (English, Chinese); a holiday's and a swapped day's text carry the holiday's name.
START_DAY = ("start_day", "start day, not counted", "起算日，不计入")
WEEKEND = ("weekend", "weekend", "周末")
MOVED = ("moved_to_working_day", "the last day was a day off: moved to this working day",
         "届满日为休息日，顺延至此工作日")


@dataclass(frozen=True)
class ReckonedDay:
    """One day of a reckoning. ``code``/``reason``/``reason_zh`` are None for an ordinary
    counted working day; ``provisional``: the year has no official schedule yet."""

    date: date
    counted: bool
    code: str | None
    reason: str | None
    reason_zh: str | None
    provisional: bool

    def as_dict(self) -> dict:
        return {"date": self.date.isoformat(), "counted": self.counted, "code": self.code,
                "reason": self.reason, "reason_zh": self.reason_zh,
                "provisional": self.provisional}


@dataclass(frozen=True)
class Reckoning:
    """A deadline (the same ``Due`` add_working_days/add_days give) and the days behind it."""

    due: object  # workdays.Due
    days: tuple

    def as_list(self) -> list[dict]:
        return [d.as_dict() for d in self.days]

    def as_dict(self) -> dict:
        return {**self.due.as_dict(), "reckoning": self.as_list()}


@functools.lru_cache(maxsize=64)
def _statutory(year: int, language: str) -> dict:
    return dict(holidays.China(years=year, language=language))


def _base_name(text: str) -> str:
    """"国庆节（补假）" -> "国庆节", "National Day (observed)" -> "National Day"."""
    for mark in ("（", " ("):
        if mark in text:
            text = text.split(mark, 1)[0]
    return text.strip()


def own_name(day: date) -> tuple[str, str] | None:
    """(English, Chinese) name the schedule data gives this very day, or None."""
    english = chinese_calendar.holidays.get(day) or chinese_calendar.workdays.get(day)
    if english:
        return english, ZH_OF_PACKAGE_NAME.get(english, english)
    zh = _statutory(day.year, "zh_CN").get(day)
    if zh:
        return _statutory(day.year, "en_US").get(day, zh), zh
    return None


def holiday_name(day: date) -> tuple[str, str] | None:
    """The holiday ``day`` belongs to: its own name, else the nearest named day's."""
    found = own_name(day)
    if found:
        return found
    for distance in range(1, NEAREST_NAMED_WITHIN + 1):
        for near in (day - timedelta(days=distance), day + timedelta(days=distance)):
            found = own_name(near)
            if found:
                return _base_name(found[0]), _base_name(found[1])
    return None


def day_kind(calendar, day: date) -> tuple[str, str, str] | None:
    """(code, English, Chinese) of what kind of day this is; None for an ordinary weekday."""
    weekend = day.weekday() >= 5
    if calendar.is_working_day(day):
        if not weekend:
            return None
        name = holiday_name(day)
        en, zh = name if name else ("", "")
        return ("swapped_working_day",
                f"swapped working day ({en})" if en else "swapped working day",
                f"调休上班（{zh}）" if zh else "调休上班")
    if calendar.is_official(day.year):
        holiday = day in calendar.schedule(day.year).days_off
    else:
        holiday = day in _statutory(day.year, "zh_CN")
    if not holiday:
        return WEEKEND
    name = holiday_name(day)
    if name is None:
        return ("holiday", "public holiday", "法定节假日")
    return ("holiday", f"holiday: {name[0]}", name[1])


def explain(calendar, steps, due, start_excluded=True, moved_to=None) -> Reckoning:
    """Name each ``(day, counted)`` step of the walk that decided ``due``.

    ``start_excluded``: the rule does not count the start day (n > 0), which then says so;
    ``moved_to``: the working day a calendar-day deadline was moved to because its last day
    was a day off. Any other day carries its kind, so a counted weekend of a calendar-day
    rule still shows it was a weekend."""
    days = []
    for index, (day, counted) in enumerate(steps):
        kind = day_kind(calendar, day)
        if index == 0 and start_excluded and not counted:
            kind = START_DAY
        elif day == moved_to:
            kind = MOVED
        code, en, zh = kind if kind else (None, None, None)
        days.append(ReckonedDay(day, counted, code, en, zh, not calendar.is_official(day.year)))
    return Reckoning(due=due, days=tuple(days))
