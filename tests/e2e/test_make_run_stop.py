"""`make run` stops cleanly under load: SIGTERM to its process group ends every process it
started within 10 s, with no traceback, and what was committed before the stop is delivered
after the next start."""
import re
import threading
import time

import pytest
import requests

from tests.support import devrun_proc as dr
from tests.support.bodies import application
from tests.support.infra import EventTap

pytestmark = [pytest.mark.e2e, pytest.mark.stack]


def _login(env):
    r = requests.post(dr.gateway_url(env) + "/api/auth/login",
                      json={"username": "officer", "password": "demo"}, timeout=10)
    r.raise_for_status()
    return r.json()["token"]


class Load(threading.Thread):
    """Submits applications until told to stop; remembers every case answered with 201."""

    def __init__(self, env, token):
        super().__init__(daemon=True)
        self.url = dr.gateway_url(env) + "/api/applications"
        self.headers = {"Authorization": "Bearer " + token}
        self.filed = []
        self.running = True

    def run(self):
        while self.running:
            try:
                r = requests.post(self.url, json=application(), headers=self.headers, timeout=5)
                if r.status_code == 201:
                    self.filed.append(r.json()["case_no"])
            except requests.RequestException:
                time.sleep(0.05)  # the gateway is going away: keep trying until told to stop


def test_sigterm_under_load_stops_everything_and_loses_nothing(tmp_path):
    env = dr.devrun_env(tmp_path)
    tap = EventTap(uri=env["AMQP_URI"])
    log = tmp_path / "make-run.log"
    proc = dr.start(env, log, make=True)
    try:
        dr.wait_ready(env, proc, log)
        tree = dr.descendants(proc.pid)
        assert len(tree) >= 8, tree  # devrun, S3 server, six services
        token = _login(env)
        loads = [Load(env, token) for _ in range(3)]
        for load in loads:
            load.start()
        time.sleep(3)

        dr.stop_group(proc)
        stopped_at = time.monotonic()
        while any(dr.alive(pid) for pid in [proc.pid, *tree]) and \
                time.monotonic() - stopped_at < 15:
            time.sleep(0.1)
        took = time.monotonic() - stopped_at
        left = [pid for pid in [proc.pid, *tree] if dr.alive(pid)]
        for load in loads:
            load.running = False
        assert not left and took < 10, (took, left, log.read_text()[-3000:])
        proc.wait(timeout=5)
    finally:
        if proc.poll() is None:
            dr.stop_group(proc, 9)
    output = log.read_text(errors="replace")
    assert "Traceback" not in output and not re.search(r"\w+Error\b", output), output[-4000:]
    filed = [case_no for load in loads for case_no in load.filed]
    assert len(filed) > 10, filed

    # the next start relays whatever the stop left in the outbox
    proc = dr.start(env, log, make=True)
    try:
        dr.wait_ready(env, proc, log)
        deadline = time.monotonic() + 30
        seen = set()
        while time.monotonic() < deadline and not set(filed) <= seen:
            tap.drain(0.5)
            seen = {b["case_no"] for rk, b in tap.seen if rk == "application_submitted"}
        assert set(filed) <= seen, sorted(set(filed) - seen)
    finally:
        dr.stop_group(proc)
        proc.wait(timeout=15)
        tap.close()
