"""`make run` as a test drives it: its own data folder and ports, a broker vhost of its own
(shared by the `make run` tests, apart from the session's system), and the process tree it
grew."""
import os
import signal
import subprocess
import sys
import time

import requests

from weiquan.config import REPO_ROOT
from weiquan.kit.preflight import StartupError, check_free

from weiquan.devrun import METRICS_PORTS

from tests.support.infra import HANDED_OUT, free_port, private_amqp_uri


def devrun_env(tmp_path, **extra):
    """Embedded defaults (SQLite files, local S3 server) on free ports."""
    env = {k: v for k, v in os.environ.items()
           if not k.endswith("_DATABASE_URL") and not k.startswith("MINIO_")}
    port, evidence_port = free_port(), free_port()
    env.update(WEIQUAN_DATA_DIR=str(tmp_path), WEIQUAN_ENV="development",
               AMQP_URI=private_amqp_uri("devrun", shared=True),
               WEB_SERVER_ADDRESS=f"127.0.0.1:{port}",
               METRICS_PORT=str(free_port_run(len(METRICS_PORTS))),
               EVIDENCE_HTTP_ADDRESS=f"127.0.0.1:{evidence_port}",
               EVIDENCE_URL=f"http://127.0.0.1:{evidence_port}",
               WEIQUAN_LOCAL_S3_PORT=str(free_port()), DEMO_PASSWORD="demo")
    env.update(extra)
    return env


def free_port_run(n):
    """The first of ``n`` consecutive free ports (METRICS_PORT is the first of one per
    service with a metrics port)."""
    for _ in range(50):
        base = free_port()
        if base + n < 65535 and all(port_free(base + i) for i in range(n)):
            HANDED_OUT.update(range(base, base + n))
            return base
    raise RuntimeError("no run of free ports")


def port_free(port):
    try:
        check_free("test", "port", "0.0.0.0", port)
        return True
    except StartupError:
        return False


def gateway_url(env):
    return "http://" + env["WEB_SERVER_ADDRESS"]


def start(env, log_path, make=False):
    cmd = ["make", "--no-print-directory", "run"] if make else \
        [sys.executable, "-W", "ignore", "-m", "weiquan.devrun"]
    return subprocess.Popen(cmd, cwd=REPO_ROOT, env=env, stdout=open(log_path, "ab"),
                            stderr=subprocess.STDOUT, start_new_session=True)


def wait_ready(env, proc, log_path, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, log_path.read_text()[-3000:]
        try:
            if requests.get(gateway_url(env) + "/readyz", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise AssertionError("make run not ready: " + log_path.read_text()[-3000:])


def descendants(pid):
    """Every process below ``pid`` now (children in their own sessions included)."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fle:
                    ppid = int(fle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as fle:
            return fle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def stop_group(proc, sig=signal.SIGTERM):
    os.killpg(proc.pid, sig)
