"""剩余 N 个工作日: working_days_left and days_overdue of a deadline object, at the edges (the
due day, the day after, across a holiday). The view is pure: the calendar is passed in."""
from datetime import datetime, timedelta, timezone

import pytest

from weiquan import config
from weiquan.calendar import WorkCalendar
from weiquan.config import TZ

from intake.domain.model import ACCEPTANCE_DECISION, APPEAL_WINDOW, Clock
from intake.views import deadline

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def cal():
    return WorkCalendar.load(config.REPO_ROOT / "config" / "calendar.yaml")


def at(text):
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


def clock(due="2026-10-10T23:59:59", kind=ACCEPTANCE_DECISION, start="2026-09-30T10:00"):
    return Clock(kind=kind, start_at=at(start), due_at=at(due), provisional=False)


def left(cal, now, c=None):
    view = deadline(c or clock(), at(now), cal)
    return view["state"], view["working_days_left"], view["days_overdue"]


@pytest.mark.parametrize("now, expected", [
    ("2026-09-30T10:00", ("running", 4, None)),   # 09-30, 10-08, 10-09, 10-10 (调休上班)
    ("2026-10-03T10:00", ("running", 3, None)),   # in the holiday: today does not count
    ("2026-10-09T23:00", ("running", 2, None)),
    ("2026-10-10T00:00", ("running", 1, None)),   # on the due day itself: today is left
    ("2026-10-10T23:59:59", ("running", 1, None)),
    ("2026-10-11T00:00", ("overdue", None, 1)),   # the day after
    ("2026-10-20T09:00", ("overdue", None, 10)),
])
def test_days_left_at_the_edges(cal, now, expected):
    assert left(cal, now) == expected


def test_a_met_deadline_has_neither(cal):
    c = clock()
    c.satisfied_at = at("2026-10-08T10:00")
    assert left(cal, "2026-10-09T10:00", c) == ("met", None, None)
    assert left(cal, "2026-10-12T10:00", c) == ("met", None, None)


def test_the_applicants_lapsed_window_is_not_overdue(cal):
    c = clock(kind=APPEAL_WINDOW)
    assert left(cal, "2026-10-12T10:00", c) == ("lapsed", None, None)


def test_an_extended_date_on_a_day_off(cal):
    c = clock(due="2026-10-04T23:59:59")   # a director's date inside the holiday
    assert left(cal, "2026-10-02T10:00", c) == ("running", 0, None)
    assert left(cal, "2026-09-29T10:00", c) == ("running", 2, None)


def test_remembered_times_follow_the_instant_not_its_zone(cal):
    """The views remember each instant's Shanghai text and day (a page repeats them): the
    same instant given in UTC or in Shanghai time reads the same, and the UTC instants either
    side of Shanghai's midnight (16:00 UTC) stay on their own days however often they come."""
    utc = datetime(2026, 10, 10, 15, 59, 59, tzinfo=timezone.utc)
    shanghai = utc.astimezone(TZ)
    for _ in range(2):  # the second round reads what the first remembered
        first = deadline(clock(), utc, cal)
        assert first == deadline(clock(), shanghai, cal)
        assert (first["state"], first["working_days_left"]) == ("running", 1)
        after = deadline(clock(), utc + timedelta(seconds=1), cal)
        assert (after["state"], after["days_overdue"]) == ("overdue", 1)
    view = deadline(clock(due="2026-10-10T23:59:59"), utc, cal)
    assert view["due"] == "2026-10-10T23:59:59+08:00"
    assert view["start"] == "2026-09-30T10:00:00+08:00"
    # the same wall-clock time in UTC is another instant, remembered on its own
    other = clock(start="2026-09-30T10:00")
    other.start_at = other.start_at.replace(tzinfo=timezone.utc)
    assert deadline(other, utc, cal)["start"] == "2026-09-30T18:00:00+08:00"
