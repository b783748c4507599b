"""Real infrastructure for integration and e2e tests: fresh PostgreSQL databases, an isolated
RabbitMQ vhost, and the services started as real processes (so tests can kill them)."""
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg2
import requests
from kombu import Connection, Exchange, Queue
from sqlalchemy import text

from weiquan.config import REPO_ROOT
from weiquan.kit.db import make_engine
from weiquan.devrun import METRICS_PORTS, MIGRATIONS, SERVICES, present, service_command

PG_ADMIN_URL = os.environ.get("WEIQUAN_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
# A vhost per test session: durable queues left by an earlier run (or a benchmark) can never
# feed stale events to this run, and two runs at once never share an RPC queue.
VHOST = f"weiquan_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
_vhost_made = False


HANDED_OUT = set()  # ports free_port() gave this run (and runs of ports taken beside them)


def _ephemeral_range():
    try:
        low, high = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
        return int(low), int(high)
    except (OSError, ValueError):
        return 32768, 60999


def _bindable(port):
    for host in ("127.0.0.1", "0.0.0.0"):
        with socket.socket() as s:
            try:
                s.bind((host, port))
            except OSError:
                return False
    return True


def free_port():
    """A port for a server the tests start later, chosen below the kernel's ephemeral range.
    A port the kernel handed out (``bind(0)``) lies in that range, where any outgoing
    connection of any process may take it before the server binds: CI once saw evidence
    refuse to start for that ("port ... is in use"). Below the range only a process that
    names the port can take it; randomness keeps two test runs apart, and this run never
    hands out a port twice."""
    low, _ = _ephemeral_range()
    if low > 12000:
        for _ in range(200):
            port = random.randrange(10000, low)
            if port not in HANDED_OUT and _bindable(port):
                HANDED_OUT.add(port)
                return port
    with socket.socket() as s:  # no room below the range: the kernel's choice
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _add_vhost(name):
    ctl = shutil.which("rabbitmqctl")
    if ctl is None:
        raise RuntimeError("rabbitmqctl not found: set WEIQUAN_TEST_AMQP_URI to a test vhost")
    subprocess.run([ctl, "add_vhost", name], check=True, capture_output=True)
    subprocess.run([ctl, "set_permissions", "-p", name, "guest", ".*", ".*", ".*"],
                   check=True, capture_output=True)


def amqp_uri():
    """The test session's broker URI, creating its private vhost on first use (or
    WEIQUAN_TEST_AMQP_URI when given: then isolation is the caller's business)."""
    global _vhost_made
    if "WEIQUAN_TEST_AMQP_URI" in os.environ:
        return os.environ["WEIQUAN_TEST_AMQP_URI"]
    if not _vhost_made:
        _add_vhost(VHOST)
        _vhost_made = True
    return f"pyamqp://guest:guest@127.0.0.1:5672/{VHOST}"


_extra_vhosts = {}


def private_amqp_uri(label, shared=False):
    """A vhost of its own for a second system started while the session's runs (a soak, a
    `make run`): on the session's vhost both would consume the same queues, and one system's
    events (case numbers counted from 1 in its own database) would land in the other's
    services. ``shared``: one vhost per label for the whole session (systems that run one
    after another); otherwise a new one per call. All are deleted with the session's."""
    if "WEIQUAN_TEST_AMQP_URI" in os.environ:
        return os.environ["WEIQUAN_TEST_AMQP_URI"]
    name = f"{VHOST}_{label}" if shared else f"{VHOST}_{label}_{uuid.uuid4().hex[:6]}"
    if name not in _extra_vhosts:
        _add_vhost(name)
        _extra_vhosts[name] = True
    return f"pyamqp://guest:guest@127.0.0.1:5672/{name}"


def drop_vhost():
    global _vhost_made
    ctl = shutil.which("rabbitmqctl")
    for name in list(_extra_vhosts):
        subprocess.run([ctl, "delete_vhost", name], capture_output=True)
        _extra_vhosts.pop(name)
    if _vhost_made:
        subprocess.run([ctl, "delete_vhost", VHOST], capture_output=True)
        _vhost_made = False


class PgDatabases:
    """Creates uniquely named databases and drops them afterwards."""

    def __init__(self):
        self.names = []

    def _admin(self):
        conn = psycopg2.connect(PG_ADMIN_URL)
        conn.autocommit = True
        return conn

    def create(self, label):
        name = f"wq_test_{label}_{uuid.uuid4().hex[:8]}"
        conn = self._admin()
        try:
            with conn.cursor() as cur:
                cur.execute(f'CREATE DATABASE "{name}"')
        finally:
            conn.close()
        self.names.append(name)
        base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg2://")
        return f"{base}/{name}"

    def drop_all(self):
        conn = self._admin()
        with conn.cursor() as cur:
            for name in self.names:
                cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.close()


def raw_pg(url):
    return psycopg2.connect(url.replace("postgresql+psycopg2://", "postgresql://"))


def backend_from_env():
    """The database the e2e system runs on: PostgreSQL, or with WEIQUAN_TEST_DB=sqlite the
    embedded default that `make run` gives newcomers (`make test` runs the e2e tier on both)."""
    backend = os.environ.get("WEIQUAN_TEST_DB", "postgresql")
    if backend not in ("postgresql", "sqlite"):
        raise RuntimeError(f"WEIQUAN_TEST_DB must be postgresql or sqlite, not {backend!r}")
    return backend


class System:
    """Every service, the gateway and a probe consumer as subprocesses, on PostgreSQL or on
    SQLite files in ``tmp``."""

    def __init__(self, tmp: Path, pg: PgDatabases, backend=None, amqp=None):
        self.tmp = tmp
        self.backend = backend or backend_from_env()
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        names = ("intake", "gateway", "probe", "dispatch", "evidence", "welfare", "logistics",
                 "legal_aid", "publicity")
        if self.backend == "sqlite":
            self.urls = {n: f"sqlite:///{tmp / (n + '.db')}" for n in names}
        else:
            self.urls = {n: pg.create(n) for n in names}
        self.intake_db = self.urls["intake"]  # the URLs tests and benchmarks read directly
        self.evidence_db = self.urls["evidence"]
        self.probe_db = self.urls["probe"]
        self.evidence_port = free_port()
        self.env = {**os.environ, "AMQP_URI": amqp or amqp_uri(), "WEIQUAN_ENV": "development",
                    "WEIQUAN_DATA_DIR": str(tmp),
                    **{f"{n.upper()}_DATABASE_URL": url for n, url in self.urls.items()},
                    "EVIDENCE_HTTP_ADDRESS": f"127.0.0.1:{self.evidence_port}",
                    "EVIDENCE_URL": f"http://127.0.0.1:{self.evidence_port}",
                    "DISPATCH_ACK_TIMEOUT": "3",
                    "WEB_SERVER_ADDRESS": f"127.0.0.1:{self.port}", "RPC_TIMEOUT": "5",
                    "DEMO_PASSWORD": "demo", "WEIQUAN_SWEEP_INTERVAL": "1",
                    # connections each service keeps: the suite's systems, the benchmarks'
                    # and the tests' own engines share one server (max_connections 100);
                    # past 3, a service opens up to 7 more under load and closes them on
                    # return: a system holds at most 90, however hard a test drives it
                    "DB_POOL_SIZE": "3", "DB_MAX_OVERFLOW": "7"}
        self.env.pop("WEIQUAN_FAULT", None)
        self.procs = {}
        self._tokens = {}
        self.metrics_ports = {}  # process name -> its METRICS_PORT (services without HTTP)

    def sql(self, service, statement, **params):
        """Run one statement on a service's database behind its back (tests of tampering and
        of what was stored); returns (rowcount, rows)."""
        engine = make_engine(self.urls[service])
        try:
            with engine.begin() as conn:
                result = conn.execute(text(statement), params)
                rows = result.fetchall() if result.returns_rows else []
                return result.rowcount, rows
        finally:
            engine.dispose()

    def use_s3(self, endpoint):
        self.env.update(MINIO_ENDPOINT=endpoint, MINIO_ACCESS_KEY="weiquan-test",
                        MINIO_SECRET_KEY="weiquan-test-secret", MINIO_SECURE="false",
                        MINIO_BUCKET="evidence-test")

    def migrate(self):
        for module in (*MIGRATIONS, "tests.support.probe_migrate"):
            subprocess.run([sys.executable, "-W", "ignore", "-m", module], env=self.env,
                           cwd=REPO_ROOT, check=True, capture_output=True)

    def start(self, name, as_name=None, **extra_env):
        """Start a process; as_name runs a second copy of a service under its own name (e.g. a
        gateway on another port with other settings)."""
        if name == "probe":
            cmd = [sys.executable, "-W", "ignore", "-m", "weiquan.serve", "--config",
                   "tests/support/probe.yaml", "tests.support.probe:ProbeService"]
            cwd = str(REPO_ROOT)
        else:
            cmd, cwd = service_command(name)
        key = as_name or name
        if name in METRICS_PORTS and "METRICS_PORT" not in extra_env:  # /metrics of its own
            extra_env["METRICS_PORT"] = str(self.metrics_ports.setdefault(key, free_port()))
        log = open(self.tmp / f"{key}.log", "ab")
        self.procs[key] = subprocess.Popen(cmd, cwd=cwd, env={**self.env, **extra_env},
                                           stdout=log, stderr=subprocess.STDOUT)
        return self.procs[key]

    def stop(self, name, kill=False):
        proc = self.procs.pop(name, None)
        if proc and proc.poll() is None:
            proc.kill() if kill else proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if requests.get(self.base_url + "/readyz", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.3)
        exited = [f"{name} exited {proc.returncode}: "
                  + (self.tmp / f"{name}.log").read_text(errors="replace")[-800:]
                  for name, proc in self.procs.items() if proc.poll() is not None]
        raise RuntimeError("system not ready; logs in " + str(self.tmp) + "\n" + "\n".join(exited))

    def token(self, username):
        if username not in self._tokens:
            r = requests.post(self.base_url + "/api/auth/login",
                              json={"username": username, "password": "demo"}, timeout=10)
            r.raise_for_status()
            self._tokens[username] = r.json()["token"]
        return self._tokens[username]

    def call(self, method, path, username=None, **kw):
        headers = kw.pop("headers", {})
        if username:
            headers["Authorization"] = "Bearer " + self.token(username)
        return requests.request(method, self.base_url + path, headers=headers, timeout=30, **kw)

    def shutdown(self):
        for name in list(self.procs):
            self.stop(name)


class S3Server:
    """A local S3-compatible server (moto) for the tests' object storage, reached through the
    MinIO SDK like production MinIO. It keeps objects in memory: keep test files modest."""

    def __init__(self, tmp: Path):
        self.port = free_port()
        self.endpoint = f"127.0.0.1:{self.port}"
        self.log = open(tmp / "s3.log", "ab")
        self.proc = subprocess.Popen([sys.executable, "-W", "ignore", "-m", "moto.server", "-H",
                                      "127.0.0.1", "-p", str(self.port)],
                                     stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.2)
        raise RuntimeError("local S3 server did not start")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)


def app_services():
    """The services of this checkout, in start order (gateway last)."""
    return [name for name in SERVICES if present(name)]


class EventTap:
    """Sees every raw delivery on intake.events (duplicates included)."""

    def __init__(self, source="intake", uri=None):
        self.conn = Connection(uri or amqp_uri())
        exchange = Exchange(f"{source}.events", type="topic", durable=True, delivery_mode=2)
        self.queue = Queue(f"test-tap-{uuid.uuid4().hex[:8]}", exchange=exchange,
                           routing_key="#", exclusive=True, auto_delete=True)
        self.queue(self.conn.default_channel).declare()
        self.seen = []

    def drain(self, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            message = self.queue(self.conn.default_channel).get(no_ack=True)
            if message is None:
                time.sleep(0.05)
                continue
            self.seen.append((message.delivery_info["routing_key"], json.loads(message.body)))
        return self.seen

    def wait_for(self, event_type, case_no, timeout=10, settle=1.0):
        """Collect until one matching event arrived, then keep listening ``settle`` seconds
        so a duplicate would be caught too."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.drain(0.2)
            if self.matching(event_type, case_no):
                self.drain(settle)
                break
        return self.matching(event_type, case_no)

    def matching(self, event_type, case_no):
        return [b for rk, b in self.seen if rk == event_type and b.get("case_no") == case_no]

    def close(self):
        self.conn.release()
