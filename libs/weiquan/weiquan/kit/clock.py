"""The one source of 'now', replaceable by a fake clock in tests."""
from datetime import datetime, timezone


class SystemClock:
    def now(self):
        return datetime.now(timezone.utc)


class FakeClock:
    def __init__(self, at):
        self.at = at

    def now(self):
        return self.at

    def advance(self, delta):
        self.at += delta
