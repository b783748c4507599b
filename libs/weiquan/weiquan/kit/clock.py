"""The one source of 'now', replaceable by a fake clock in tests."""
from datetime import datetime, timezone

from weiquan.config import env, is_development


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


def clock_from_settings():
    """SystemClock, or in development only a ShiftedClock from WEIQUAN_CLOCK_START: statutory
    deadlines in production are never computed from a moved clock."""
    start = env("WEIQUAN_CLOCK_START")
    if not start:
        return SystemClock()
    if not is_development():
        raise SystemExit("WEIQUAN_CLOCK_START is for development and tests only; unset it")
    try:
        at = datetime.fromisoformat(start)
    except ValueError:
        raise SystemExit(f"WEIQUAN_CLOCK_START must be an ISO 8601 time with offset, not {start!r}")
    if at.tzinfo is None:
        raise SystemExit("WEIQUAN_CLOCK_START needs its UTC offset, e.g. 2026-12-01T10:00:00+08:00")
    return ShiftedClock(at)
