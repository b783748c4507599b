"""Hub guard: notices when one greenlet holds the eventlet hub, and says where.

Every greenlet of a service shares one OS thread. Code that does not yield (a C call that waits,
such as SQLite's busy wait, or a long CPU loop) stalls every request of the process and, past the
broker heartbeat, costs it its connections. eventlet's own blocking detector raises an exception
inside the blocked code, which would break the very transaction it caught; this guard only
watches and reports.

A ticker greenlet stamps the time every ``TICK`` seconds. A real OS thread (it keeps running
while the hub is stuck) checks the stamp; when it is older than the threshold it captures the
stack of the hub's thread, which is the stack of the greenlet holding the hub, writes it to
stderr and, when a report file is configured, appends it there as one JSON line (and
another with the duration when the hub is free again). Tests point
every service at one report file and fail the session when it is not empty.

It writes with ``os.write`` only: logging's locks are green locks, unsafe from a foreign thread.
"""
import json
import os
import sys
import time
import traceback

import eventlet
from eventlet import patcher

from weiquan import settings as run_settings

_threading = patcher.original("threading")
_time = patcher.original("time")
TICK = 0.1
MARKER = "HUB BLOCKED"


def threshold_from_settings(settings=None):
    """Seconds from WEIQUAN_HUB_GUARD; on (1 s) by default in development, off elsewhere."""
    return (settings or run_settings.current()).hub_guard


class HubGuard:
    def __init__(self, threshold, service, report_path=None):
        self.threshold = threshold
        self.service = service
        self.report_path = report_path
        self._beat = time.monotonic()
        self._hub_thread = _threading.get_ident()
        self._running = False
        self.stalls = 0

    def start(self):
        """Call from the hub's thread (the service's main thread)."""
        self._hub_thread = _threading.get_ident()
        self._beat = time.monotonic()
        self._running = True
        eventlet.spawn_n(self._tick)
        _threading.Thread(target=self._watch, name="hub-guard", daemon=True).start()

    def stop(self):
        self._running = False

    def _tick(self):
        while self._running:
            self._beat = time.monotonic()
            eventlet.sleep(TICK)

    def _watch(self):
        reported = None  # (started, stack) of the stall being reported
        while self._running:
            _time.sleep(TICK)
            stalled = time.monotonic() - self._beat
            if reported is None and stalled > self.threshold:
                frame = sys._current_frames().get(self._hub_thread)
                stack = "".join(traceback.format_stack(frame)) if frame else "(no frame)\n"
                reported = (self._beat, stack)
                self.stalls += 1
                self._write(f"{MARKER}: {self.service} hub held for more than "
                            f"{self.threshold:g} s by:\n{stack}")
                self._report({"service": self.service, "pid": os.getpid(),
                              "held_more_than": self.threshold, "stack": stack})
            elif reported is not None and stalled <= self.threshold:
                held = self._beat - reported[0]
                self._write(f"{MARKER}: {self.service} hub free again after {held:.2f} s\n")
                self._report({"service": self.service, "pid": os.getpid(),
                              "held_seconds": round(held, 3)})
                reported = None

    @staticmethod
    def _write(text):
        try:
            os.write(2, text.encode("utf-8", "replace"))
        except OSError:
            pass

    def _report(self, entry):
        if not self.report_path:
            return
        line = (json.dumps(entry, ensure_ascii=False) + "\n").encode()
        fd = os.open(self.report_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line)  # one write in append mode: lines from many processes never mix
        finally:
            os.close(fd)


def install(service):
    """Start the guard when the settings ask for it; returns it (or None)."""
    threshold = threshold_from_settings()
    if threshold is None:
        return None
    guard = HubGuard(threshold, service, run_settings.current().hub_guard_report)
    guard.start()
    return guard
