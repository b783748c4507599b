"""The one source of 'now', replaceable by a fake clock in tests."""
from datetime import datetime, timezone

from weiquan import settings as run_settings


class SystemClock:
    def now(self):
        return datetime.now(timezone.utc)


class ShiftedClock:
    """Real time moved to start at a chosen moment, then running at the normal rate. Lets the
    soak test put a whole running system into working hours on a working day."""

    def __init__(self, start):
        self.offset = start - datetime.now(timezone.utc)

    def now(self):
        return datetime.now(timezone.utc) + self.offset


class FakeClock:
    def __init__(self, at):
        self.at = at

    def now(self):
        return self.at

    def advance(self, delta):
        self.at += delta


def clock_from_settings(settings=None):
    """SystemClock, or in development only a ShiftedClock from WEIQUAN_CLOCK_START: statutory
    deadlines in production are never computed from a moved clock (Settings refuses it)."""
    settings = settings or run_settings.current()
    if settings.clock_start is None:
        return SystemClock()
    return ShiftedClock(settings.clock_start)
