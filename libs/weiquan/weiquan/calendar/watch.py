"""Reloads the working-day calendar when the administrator's file changes, and says why
deadlines move (e.g. the State Council's schedule for a new year was added)."""
import logging

from weiquan.calendar.workdays import WorkCalendar, calendar_file_path

log = logging.getLogger(__name__)


def _stamp(path):
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_mtime_ns, st.st_size)


def describe_change(old, new):
    """The reason recorded in each case's history when its deadline is recomputed."""
    added = sorted(set(new.official_years()) - set(old.official_years()))
    if not added:
        return "工作日历数据已更新 / Working-day calendar data changed"
    sources = "; ".join(new.schedule(y).source for y in added if new.schedule(y))
    years = ", ".join(str(y) for y in added)
    return (f"已载入{years}年国务院节假日安排 / Official holiday schedule for {years} loaded"
            + (f" ({sources})" if sources else ""))


class CalendarReloader:
    """One per process (a service's Calendar dependency holds it); cheap to ask (a stat of
    the file). It owns the calendar it hands out: no process-wide cache to clear."""

    def __init__(self, path=None):
        self.path, _ = calendar_file_path(path)
        self.stamp = _stamp(self.path)
        self.calendar = WorkCalendar.load(path)
        self._unreported = None  # the calendar a change was loaded over, until it is told

    def current(self):
        """The calendar, reloaded first if the administrator's file changed. The reason the
        deadlines move is kept for the next ``reload_if_changed`` (the sweep's), so a request
        that happens to notice the change first never swallows it."""
        self._load_if_changed(force=False)
        return self.calendar

    def reload_if_changed(self, force=False):
        """(calendar, reason): reason is None when nothing changed since the last call."""
        self._load_if_changed(force)
        old, self._unreported = self._unreported, None
        if old is None:
            return self.calendar, None
        return self.calendar, describe_change(old, self.calendar)

    def _load_if_changed(self, force):
        stamp = _stamp(self.path)
        if stamp == self.stamp and not force:
            return
        self.stamp = stamp
        try:
            new = WorkCalendar.load(self.path)  # a broken file must not replace good data
        except (ValueError, OSError):
            log.exception("calendar file %s rejected; keeping the previous data", self.path)
            return
        if self._unreported is None:
            self._unreported = self.calendar
        self.calendar = new
