"""Start-up failures of `make run` are one line naming what, where and what to do, printed
within 5 s, with a non-zero exit: each port it needs taken in turn, RabbitMQ unreachable, the
object store missing, a database that cannot be migrated, a second `make run` on the same data."""
import socket
import subprocess
import sys
import time

import pytest

from weiquan.config import REPO_ROOT
from weiquan.devrun import METRICS_PORTS

from tests.support import devrun_proc as dr
from tests.support.infra import free_port

pytestmark = [pytest.mark.e2e, pytest.mark.stack]


def run_devrun(env):
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-W", "ignore", "-m", "weiquan.devrun"], cwd=REPO_ROOT,
                          env=env, capture_output=True, text=True, timeout=60)
    lines = [ln for ln in (done.stdout + done.stderr).splitlines() if ln.strip()]
    return done.returncode, lines, time.monotonic() - started


def occupy(host, port):
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen()
    return sock


PORTS = {  # the setting naming each port make run listens on -> (host, port) in devrun_env
    "WEB_SERVER_ADDRESS": lambda env: ("127.0.0.1", int(env["WEB_SERVER_ADDRESS"].split(":")[1])),
    "EVIDENCE_HTTP_ADDRESS": lambda env: ("127.0.0.1",
                                          int(env["EVIDENCE_HTTP_ADDRESS"].split(":")[1])),
    **{f"METRICS_PORT+{i}": (lambda env, i=i: ("0.0.0.0", int(env["METRICS_PORT"]) + i))
       for i in range(len(METRICS_PORTS))},
    "WEIQUAN_LOCAL_S3_PORT": lambda env: ("127.0.0.1", int(env["WEIQUAN_LOCAL_S3_PORT"])),
}


@pytest.mark.parametrize("which", list(PORTS))
def test_a_port_in_use_is_one_line(tmp_path, which):
    env = dr.devrun_env(tmp_path)
    host, port = PORTS[which](env)
    sock = occupy(host, port)
    try:
        code, lines, took = run_devrun(env)
    finally:
        sock.close()
    assert code != 0 and took < 5, (code, took, lines)
    assert len(lines) == 1, lines
    setting = which.split("+")[0]
    assert f":{port}" in lines[0] and setting in lines[0] and "已被占用" in lines[0], lines
    assert not list(tmp_path.glob("*.db")), "nothing may start or migrate before the checks"


UNREACHABLE = {  # what is missing -> (setting, value for a free port p, words the line must hold)
    "rabbitmq": ("AMQP_URI", "pyamqp://guest:guest@127.0.0.1:{p}/", ["127.0.0.1:{p}", "AMQP_URI"]),
    "rabbitmq login": ("AMQP_URI", "pyamqp://guest:not-the-password@127.0.0.1:5672/",
                       ["127.0.0.1:5672", "refused"]),
    "object store": ("MINIO_ENDPOINT", "127.0.0.1:{p}", ["127.0.0.1:{p}", "MINIO_ENDPOINT"]),
}


@pytest.mark.parametrize("missing", list(UNREACHABLE))
def test_an_unreachable_dependency_is_one_line(tmp_path, missing):
    setting, value, words = UNREACHABLE[missing]
    port = free_port()
    env = dr.devrun_env(tmp_path, **{setting: value.format(p=port)})
    code, lines, took = run_devrun(env)
    assert code != 0 and took < 5 and len(lines) == 1, (code, took, lines)
    assert all(w.format(p=port) in lines[0] for w in words), lines


def test_database_that_cannot_be_migrated_is_one_line(tmp_path):
    (tmp_path / "intake.db").write_bytes(b"this is not a SQLite database " * 40)
    env = dr.devrun_env(tmp_path)
    code, lines, took = run_devrun(env)
    assert code != 0 and took < 5 and len(lines) == 1, (code, took, lines)
    assert str(tmp_path / "intake.db") in lines[0] and "INTAKE_DATABASE_URL" in lines[0], lines
    assert (tmp_path / "intake.db").read_bytes().startswith(b"this is not"), "left as it was"


def test_second_make_run_on_the_same_data_is_one_line(tmp_path):
    env = dr.devrun_env(tmp_path)
    log = tmp_path / "first.log"
    first = dr.start(env, log)
    try:
        dr.wait_ready(env, first, log)
        other = dr.devrun_env(tmp_path)  # other ports, same data folder
        code, lines, took = run_devrun(other)
    finally:
        dr.stop_group(first)
        first.wait(timeout=15)
    assert code != 0 and took < 5 and len(lines) == 1, (code, took, lines)
    assert str(tmp_path) in lines[0] and str(first.pid) in lines[0], lines


def test_a_service_alone_with_its_port_taken_is_one_line(tmp_path):
    """The same check inside each service process (containers run them without make run)."""
    from weiquan.devrun import service_command
    env = dr.devrun_env(tmp_path)
    host, port = PORTS["WEB_SERVER_ADDRESS"](env)
    sock = occupy(host, port)
    try:
        cmd, cwd = service_command("gateway")
        done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=60)
    finally:
        sock.close()
    lines = [ln for ln in (done.stdout + done.stderr).splitlines() if ln.strip()]
    assert done.returncode == 2 and len(lines) == 1, (done.returncode, lines)
    assert f"{host}:{port}" in lines[0] and "WEB_SERVER_ADDRESS" in lines[0], lines
