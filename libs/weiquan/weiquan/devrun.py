"""`make run`: the whole system on http://localhost:8000 from one command.

Starts RabbitMQ if it is installed here and stopped, a local S3-compatible server unless MinIO
is configured, migrates, then runs every service and the gateway until Ctrl-C."""
import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from urllib.parse import urlparse

from weiquan.config import REPO_ROOT, amqp_uri, data_dir, env

# name -> (working dir, nameko service path); the order is the start order.
SERVICES = {
    "intake": ("services/intake", "intake.service:IntakeService"),
    "dispatch": ("services/dispatch", "dispatch.service:DispatchService"),
    "evidence": ("services/evidence", "evidence.service:EvidenceService"),
    "gateway": ("gateway", "gateway.service:GatewayService"),
}
METRICS_PORTS = {"intake": 9101, "dispatch": 9102, "evidence": 9103}


def present(name):
    """Services whose folder exists (a checkout in the middle of adding one still runs)."""
    return (REPO_ROOT / SERVICES[name][0] / "config.yaml").exists()


MIGRATIONS = tuple(f"{name}.migrate" for name in SERVICES if present(name))


def port_open(host, port, timeout=1.0):
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def wait_for(check, what, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.3)
    raise SystemExit(f"timed out waiting for {what}")


def ensure_rabbitmq():
    uri = urlparse(amqp_uri().replace("pyamqp://", "amqp://"))
    host, port = uri.hostname or "127.0.0.1", uri.port or 5672
    if port_open(host, port):
        return
    if host not in ("127.0.0.1", "localhost") or not shutil.which("rabbitmq-server"):
        raise SystemExit(f"RabbitMQ is not reachable at {host}:{port}; set AMQP_URI")
    print("starting local RabbitMQ ...", flush=True)
    subprocess.run(["rabbitmq-server", "-detached"], check=False)
    wait_for(lambda: port_open(host, port), "RabbitMQ", timeout=90)


def ensure_object_store(children):
    """Real MinIO when MINIO_ENDPOINT is set; otherwise moto's S3 server on 127.0.0.1:9000."""
    if env("MINIO_ENDPOINT"):
        return
    port = 9000
    os.environ.update(MINIO_ENDPOINT=f"127.0.0.1:{port}", MINIO_ACCESS_KEY="weiquan-dev",
                      MINIO_SECRET_KEY="weiquan-dev-secret", MINIO_SECURE="false")
    if port_open("127.0.0.1", port):
        return
    log = open(data_dir() / "s3.log", "ab")
    children["s3"] = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=log, stderr=subprocess.STDOUT)
    wait_for(lambda: port_open("127.0.0.1", port), "local S3 server")


def migrate():
    for module in MIGRATIONS:
        subprocess.run([sys.executable, "-W", "ignore", "-m", module], check=True)


def service_command(name):
    workdir, path = SERVICES[name]
    return ([sys.executable, "-W", "ignore", "-m", "nameko", "run", "--config", "config.yaml", path],
            str(REPO_ROOT / workdir))


def start_service(name, extra_env=None, log_path=None):
    cmd, cwd = service_command(name)
    out = open(log_path, "ab") if log_path else None
    return subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **(extra_env or {})},
                            stdout=out, stderr=subprocess.STDOUT if out else None)


def gateway_url():
    port = env("WEB_SERVER_ADDRESS", "0.0.0.0:8000").rsplit(":", 1)[1]
    return f"http://127.0.0.1:{port}"


def healthy(path="/readyz"):
    """Ready = the gateway answers and every service answers it over RPC."""
    url = gateway_url() + path
    try:
        with urllib.request.urlopen(url, timeout=1) as r:
            return r.status == 200
    except OSError:
        return False


def main(argv=None):
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("--migrate-only", action="store_true")
    opts = args.parse_args(argv)
    os.environ.setdefault("WEIQUAN_ENV", "development")
    ensure_rabbitmq()
    migrate()
    if opts.migrate_only:
        return 0
    children = {}
    ensure_object_store(children)
    for name in SERVICES:
        if not present(name):
            continue
        extra = {}
        if name in METRICS_PORTS:  # METRICS_PORT, when set, is the first of three ports
            base = int(env("METRICS_PORT", "9101"))
            extra["METRICS_PORT"] = str(base + METRICS_PORTS[name] - 9101)
        children[name] = start_service(name, extra)
    stop = {"now": False}

    def _stop(*_):
        stop["now"] = True
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    try:
        wait_for(lambda: healthy() or stop["now"], "every service to answer", timeout=120)
        if not stop["now"]:
            print(f"\nweiquan is running on {gateway_url()}  (Ctrl-C stops it)", flush=True)
            if env("WEIQUAN_ENV", "development") == "development":
                print("demo accounts: username = role name (officer, relative, unit_liaison, "
                      "committee_office, committee_director, ...), password = "
                      f"{'$DEMO_PASSWORD' if env('DEMO_PASSWORD') else 'demo'}", flush=True)
        while not stop["now"]:
            dead = [n for n, p in children.items() if p.poll() is not None]
            if dead:
                print(f"stopped unexpectedly: {', '.join(dead)}", file=sys.stderr)
                return 1
            time.sleep(0.5)
        return 0
    finally:
        for proc in children.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in children.values():
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


if __name__ == "__main__":
    sys.exit(main())
