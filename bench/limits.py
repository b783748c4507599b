"""The raw limits the hot paths are compared with, measured in the same run on the same machine,
and the one client harness both sides are driven by.

- ``BareEcho``: a bare nameko ``@http`` -> RPC echo pair (bench/bare_echo.py), the floor of
  every gateway path (an HTTP request that makes one RPC to another process); with
  ``bare_echo.SUBMISSION_FLOOR``, the floor of a submission (that RPC, and the events a
  submission causes, consumed by services that do nothing with them).
- ``plain_select``: a plain indexed SELECT through psycopg2, the floor of the ledger and lists.
- ``drive``: N requests from C client threads, each with its own keep-alive HTTP session, for
  the limits and the hot paths alike, so the client's own cost is the same on both sides."""
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import psycopg2
import requests

from bench.bare_echo import ECHO_PAIR
from bench.stack import percentile, progress
from tests.support.infra import free_port

REPO = Path(__file__).resolve().parents[1]


@dataclass
class Load:
    """What one driven load gave: the latency of each success (s), errors, wall time (s)."""
    clients: int
    latencies: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    wall: float = 0.0

    @property
    def throughput(self):
        return len(self.latencies) / self.wall if self.wall else 0.0

    def ms(self, q):
        return percentile(self.latencies, q) * 1000 if self.latencies else float("nan")

    def line(self, label):
        first = f" (first: {self.errors[0]})" if self.errors else ""
        return (f"{label}: {self.throughput:,.1f} req/s  p50 {self.ms(50):.1f} ms  "
                f"p99 {self.ms(99):.1f} ms  mean "
                f"{statistics.mean(self.latencies) * 1000 if self.latencies else 0:.1f} ms  "
                f"errors {len(self.errors)}{first}")


def drive(one, clients, count, warmup=0):
    """Call ``one(session, i)`` ``count`` times from ``clients`` threads; ``one`` returns True
    on success (raises or returns False on failure). Latency is timed around each call."""
    local = threading.local()
    result = Load(clients)

    def session():
        if not hasattr(local, "session"):
            local.session = requests.Session()
        return local.session

    def timed(i):
        s = session()
        t0 = time.perf_counter()
        try:
            ok = one(s, i)
        except Exception as exc:  # a timeout or a dropped connection counts as an error
            result.errors.append(f"{type(exc).__name__}: {str(exc)[:120]}")
            return
        if ok:
            result.latencies.append(time.perf_counter() - t0)
        else:
            result.errors.append("refused")

    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(lambda i: one(session(), -1 - i), range(warmup)))
        started = time.perf_counter()
        try:
            list(pool.map(timed, range(count)))
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        result.wall = time.perf_counter() - started
    return result


class BareEcho:
    """Bare nameko services (bench/bare_echo.py: the echo pair by default) as ``nameko run``
    processes on the system's broker."""

    def __init__(self, amqp_uri, tmp, classes=None):
        self.classes = classes or ECHO_PAIR
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.url = self.base + "/echo"
        self.tmp = Path(tmp)
        self.procs = {}
        config = self.tmp / f"bare_{self.port}.yaml"
        config.write_text(f"AMQP_URI: '{amqp_uri}'\nWEB_SERVER_ADDRESS: '127.0.0.1:{self.port}'\n"
                          "max_workers: 10\n")
        self.config = config

    @property
    def pids(self):
        """{class name: pid}, for bench.cpu."""
        return {f"bare {cls}": proc.pid for cls, proc in self.procs.items()}

    def __enter__(self):
        for cls in self.classes:
            log = open(self.tmp / f"bare_{cls}.log", "ab")
            self.procs[cls] = subprocess.Popen(
                [sys.executable, "-W", "ignore", "-m", "nameko", "run", "--config",
                 str(self.config), f"bench.bare_echo:{cls}"], cwd=REPO, stdout=log,
                stderr=subprocess.STDOUT)
        ready = "/echo" if "EchoService" in self.classes else "/submit"
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.post(self.base + ready, data="{}", timeout=2).status_code < 300:
                    return self
            except requests.RequestException:
                pass
            if time.monotonic() > deadline or any(p.poll() is not None
                                                  for p in self.procs.values()):
                self.__exit__(None, None, None)
                raise RuntimeError(f"the bare services did not start (logs in {self.tmp})")
            time.sleep(0.3)

    def __exit__(self, *exc):
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs.values():
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def measure(self, clients, count, body):
        """POST ``body`` (bytes of a typical request's size) and read the echo back."""
        def one(session, i):
            return session.post(self.url, data=body, timeout=30).status_code == 200
        progress(f"bare @http -> RPC echo: {count} requests, {clients} clients")
        return drive(one, clients, count, warmup=min(50, count))

    def submissions(self, clients, count, body, consumer, wait):
        """The submission floor: POST ``body`` to /submit; (HTTP Load, end-to-end Load), each
        request done end to end when ``consumer`` (bench.submit_load.Consumer on the floor's
        ``submitted`` events, keyed by ``key``) received its event, waiting at most ``wait``
        seconds after the last answer."""
        sent = {}

        def one(session, i):
            t0 = time.perf_counter()
            answer = session.post(self.base + "/submit", data=body, timeout=30)
            if answer.status_code != 201:
                return False
            if i >= 0:
                sent[answer.json()["key"]] = t0
            return True
        progress(f"submission floor: {count} submissions, {clients} clients")
        http = drive(one, clients, count, warmup=min(30, count))
        return http, arrivals(sent, consumer, clients, wait)


def arrivals(sent, consumer, clients, wait):
    """The end-to-end Load of requests sent at ``sent`` ({key: t0}) whose events ``consumer``
    received, waiting at most ``wait`` s for the last: latency from sending to the event,
    wall time from the first sent to the last received; a missing event is an error."""
    deadline = time.perf_counter() + wait
    while time.perf_counter() < deadline and not all(k in consumer.arrived for k in sent):
        time.sleep(0.02)
    arrived = dict(consumer.arrived)
    e2e = Load(clients)
    e2e.latencies = [arrived[k] - t0 for k, t0 in sent.items() if k in arrived]
    e2e.errors = [k for k in sent if k not in arrived]
    ends = [arrived[k] for k in sent if k in arrived]
    e2e.wall = (max(ends) - min(sent.values())) if ends else 0.0
    return e2e


def plain_select(dsn, sql, params_of, count):
    """Run ``sql`` with ``params_of(i)`` ``count`` times on one psycopg2 connection; returns a
    Load (one client)."""
    result = Load(1)
    conn = psycopg2.connect(dsn)
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            for i in range(min(50, count)):  # warm the cache and the plan
                cur.execute(sql, params_of(i))
                cur.fetchall()
            started = time.perf_counter()
            for i in range(count):
                t0 = time.perf_counter()
                cur.execute(sql, params_of(i))
                cur.fetchall()
                result.latencies.append(time.perf_counter() - t0)
            result.wall = time.perf_counter() - started
    finally:
        conn.close()
    return result


def temp_dir(label):
    return Path(tempfile.mkdtemp(prefix=f"wq-bench-{label}-"))
