"""Load that keeps the statutory clocks busy: clients key in paper applications received long
ago (their acceptance deadline is already missed, so every sweep records misses) or two working
days ago (due the next working day, so reminders go out in working hours), decide cases, read
them and list them, while intake sweeps every few seconds. Every request is timed."""
import math
import random
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import requests

from weiquan.calendar import default_calendar
from weiquan.config import TZ

from tests.support.bodies import written_application


def working_days_before(day, n, calendar=None):
    calendar = calendar or default_calendar()
    while n:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            n -= 1
    return day


def paper_application(now, overdue):
    """Received 10 working days ago (deadline missed) or 2 (due the next working day)."""
    day = working_days_before(now.astimezone(TZ).date(), 10 if overdue else 2)
    received = datetime(day.year, day.month, day.day, 9, 30, tzinfo=TZ)
    body = written_application(received.isoformat())
    body["incident"]["occurred_at"] = (received - timedelta(hours=3)).isoformat()
    return body


@dataclass
class Timing:
    what: str
    status: int
    seconds: float
    began: float = 0.0  # seconds since the soak began, to set a slow request beside the logs


@dataclass
class SoakResult:
    timings: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    origin: float = field(default_factory=time.perf_counter)

    def slowest(self, n=None):
        if n is None:
            return max(self.timings, key=lambda t: t.seconds)
        return sorted(self.timings, key=lambda t: t.seconds, reverse=True)[:n]

    def percentile(self, q):
        """The request time (s) that ``q`` percent of requests stayed within (nearest rank)."""
        ordered = sorted(t.seconds for t in self.timings)
        return ordered[max(0, math.ceil(len(ordered) * q / 100) - 1)]

    def server_errors(self):
        return [t for t in self.timings if t.status >= 500]

    def count(self, what=None):
        return sum(1 for t in self.timings if what is None or t.what == what)


class Client(threading.Thread):
    def __init__(self, base_url, token, until, result, lock, now=None):
        super().__init__(daemon=True)
        self.base_url, self.until, self.result, self.lock = base_url, until, result, lock
        self.http = requests.Session()
        self.http.headers["Authorization"] = "Bearer " + token
        self.now = now or (lambda: datetime.now(TZ))
        self.mine = []
        self.rng = random.Random()

    def _timed(self, what, method, path, **kw):
        started = time.perf_counter()
        try:
            answer = self.http.request(method, self.base_url + path, timeout=30, **kw)
            status = answer.status_code
        except requests.RequestException as exc:
            answer, status = None, 599
            with self.lock:
                self.result.errors.append(f"{what}: {exc}")
        with self.lock:
            self.result.timings.append(Timing(what, status, time.perf_counter() - started,
                                              started - self.result.origin))
        return answer

    def run(self):
        while time.monotonic() < self.until:
            answer = self._timed("submit", "POST", "/api/applications",
                                 json=paper_application(self.now(), self.rng.random() < 0.5))
            if answer is not None and answer.status_code == 201:
                self.mine.append(answer.json()["case_no"])
            if len(self.mine) > 2:
                case_no = self.mine.pop(0)
                self._timed("decide", "POST", f"/api/cases/{case_no}/decision",
                            json={"accept": True, "reason": "属第十一条第（一）项情形"})
                self._timed("read", "GET", f"/api/cases/{case_no}")
            self._timed("list", "GET", "/api/cases?page_size=20")
            self._timed("accountability", "GET", "/api/accountability?page_size=20")


def run_soak(base_url, token, seconds, clients=4, now=None):
    result, lock = SoakResult(), threading.Lock()
    until = time.monotonic() + seconds
    workers = [Client(base_url, token, until, result, lock, now) for _ in range(clients)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(seconds + 120)
    return result
