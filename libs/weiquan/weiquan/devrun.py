"""`make run`: the whole system on http://localhost:8000 from one command.

Checks first (ports, broker, object store), so a problem is one line within seconds; starts
RabbitMQ if it is installed here and stopped, a local S3-compatible server unless MinIO is
configured, migrates, then runs every service and the gateway until Ctrl-C or SIGTERM.

The children run in their own session and die with this process (PR_SET_PDEATHSIG): a Ctrl-C
in the terminal reaches only this supervisor, which stops every child exactly once, the
application services first and the S3 server last, and kills what is still running after
STOP_DEADLINE seconds."""
import argparse
import ctypes
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

from weiquan import settings as run_settings
from weiquan.config import REPO_ROOT, amqp_uri, data_dir
from weiquan.kit.preflight import (StartupError, broker_address, broker_problem, check_free,
                                   port_open, split_address)

# name -> (working dir, nameko service path); the order is the start order.
SERVICES = {
    "intake": ("services/intake", "intake.service:IntakeService"),
    "dispatch": ("services/dispatch", "dispatch.service:DispatchService"),
    "evidence": ("services/evidence", "evidence.service:EvidenceService"),
    "welfare": ("services/welfare", "welfare.service:WelfareService"),
    "logistics": ("services/logistics", "logistics.service:LogisticsService"),
    "legal_aid": ("services/legal-aid", "legal_aid.service:LegalAidService"),
    "publicity": ("services/publicity", "publicity.service:PublicityService"),
    "gateway": ("gateway", "gateway.service:GatewayService"),
}
# offsets from METRICS_PORT
METRICS_PORTS = {"intake": 0, "dispatch": 1, "evidence": 2, "welfare": 3, "logistics": 4,
                 "legal_aid": 5, "publicity": 6}
STOP_DEADLINE = 8.0  # seconds from the stop signal until stragglers are killed
WHO = "make run"


def present(name):
    """Services whose folder exists (a checkout in the middle of adding one still runs)."""
    return (REPO_ROOT / SERVICES[name][0] / "config.yaml").exists()


MIGRATIONS = tuple(f"{name}.migrate" for name in SERVICES if present(name))


def wait_for(check, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


# ---- checks before anything starts -------------------------------------------------------
def settings():
    return run_settings.current()


def local_s3_port():
    return settings().local_s3_port


def metrics_port(name):
    return (settings().metrics_port or 9101) + METRICS_PORTS[name]


def planned_binds():
    """(who, setting, host, port, remedy) of every port this command will listen on."""
    binds = []
    if present("gateway"):
        host, port = split_address(settings().web_server_address)
        binds.append(("gateway", "WEB_SERVER_ADDRESS", host, port, None))
    if present("evidence"):
        host, port = split_address(settings().evidence_http_address)
        binds.append(("evidence", "EVIDENCE_HTTP_ADDRESS", host, port, None))
    for name in METRICS_PORTS:
        if present(name):
            binds.append((name, "METRICS_PORT", "0.0.0.0", metrics_port(name),
                          f"set METRICS_PORT (the first of {len(METRICS_PORTS)} consecutive "
                          "free ports)"))
    if not settings().minio_endpoint:
        binds.append(("local S3 server", "WEIQUAN_LOCAL_S3_PORT", "127.0.0.1", local_s3_port(),
                      "set WEIQUAN_LOCAL_S3_PORT to a free port, or MINIO_ENDPOINT to the S3 "
                      "server to use instead"))
    return binds


def check_ports():
    for who, setting, host, port, remedy in planned_binds():
        check_free(f"{WHO}: {who}", setting, host, port, remedy)


def ensure_rabbitmq():
    uri = amqp_uri()
    host, port = broker_address(uri)
    local = host in ("127.0.0.1", "localhost") and port == 5672
    if not port_open(host, port) and local and shutil.which("rabbitmq-server"):
        print("starting local RabbitMQ ...", flush=True)
        subprocess.run(["rabbitmq-server", "-detached"], check=False)
        if not wait_for(lambda: port_open(host, port), 90):
            raise StartupError(f"{WHO}: the local RabbitMQ did not start listening on "
                               f"{host}:{port} within 90 s: see its log under /var/log/rabbitmq")
    problem = broker_problem(uri)
    if problem:
        raise StartupError(f"{WHO}: {problem}")


def check_object_store():
    endpoint = settings().minio_endpoint
    if not endpoint:
        return
    host, port = split_address(endpoint, "127.0.0.1")
    if not port_open(host, port, timeout=2):
        raise StartupError(f"{WHO}: 对象存储无法连接 / the object store is not reachable at "
                           f"{host}:{port} (MINIO_ENDPOINT): start MinIO there, or unset "
                           "MINIO_ENDPOINT to use the local S3 server")


def lock_data_dir():
    """One `make run` per data folder: two would share SQLite files and sweep the same clocks.
    The lock is the kernel's (flock), so it dies with the process and is never left stale."""
    path = data_dir() / "make-run.lock"
    handle = open(path, "a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.seek(0)
        holder = handle.read().strip() or "?"
        raise StartupError(f"{WHO}: {data_dir()} 正被另一个 make run 使用 / is in use by another "
                           f"make run (pid {holder}): stop it (Ctrl-C in its terminal, or kill "
                           f"{holder}) or set WEIQUAN_DATA_DIR to another folder") from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle


def migrate():
    """Each service's migrate module says its own failure in one line (exit code 3)."""
    for module in MIGRATIONS:
        done = subprocess.run([sys.executable, "-W", "ignore", "-m", module],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if done.returncode:
            lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
            raise StartupError(lines[-1] if lines else f"{WHO}: {module} failed "
                                                       f"(exit code {done.returncode})")
        sys.stdout.write(done.stdout)


# ---- children -----------------------------------------------------------------------------
def _die_with_parent():
    """In the child before exec: its own session (the terminal's Ctrl-C reaches only the
    supervisor) and SIGTERM when the supervisor dies, even by SIGKILL."""
    os.setsid()
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:  # not Linux: the supervisor's own stop still applies
        pass


def service_command(name):
    workdir, path = SERVICES[name]
    return ([sys.executable, "-W", "ignore", "-m", "weiquan.serve", "--config", "config.yaml",
             path], str(REPO_ROOT / workdir))


def start_child(cmd, cwd=None, extra_env=None, log=None):
    return subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **(extra_env or {})},
                            stdout=log, stderr=subprocess.STDOUT if log else None,
                            preexec_fn=_die_with_parent)


def start_object_store(children):
    """moto's S3 server on 127.0.0.1:WEIQUAN_LOCAL_S3_PORT unless MinIO is configured."""
    if settings().minio_endpoint:
        return
    port = local_s3_port()
    os.environ.update(MINIO_ENDPOINT=f"127.0.0.1:{port}", MINIO_ACCESS_KEY="weiquan-dev",
                      MINIO_SECRET_KEY="weiquan-dev-secret", MINIO_SECURE="false")
    run_settings.reset()  # the children inherit these; this process reads them again
    log = open(data_dir() / "s3.log", "ab")
    server = children["s3"] = start_child([sys.executable, "-W", "ignore", "-m", "moto.server",
                                           "-H", "127.0.0.1", "-p", str(port)], log=log)
    wait_for(lambda: server.poll() is not None or port_open("127.0.0.1", port), 30)
    if server.poll() is not None or not port_open("127.0.0.1", port):
        raise StartupError(f"{WHO}: the local S3 server did not start on 127.0.0.1:{port}: "
                           f"see {data_dir() / 's3.log'}")


def start_services(children):
    for name in SERVICES:
        if not present(name):
            continue
        extra = {"METRICS_PORT": str(metrics_port(name))} if name in METRICS_PORTS else {}
        cmd, cwd = service_command(name)
        children[name] = start_child(cmd, cwd, extra)


def stop_children(children, deadline=STOP_DEADLINE):
    """Application services first (each stops once on SIGTERM), the S3 server last; whatever
    still runs at the deadline is killed."""
    end = time.monotonic() + deadline
    apps = {n: p for n, p in children.items() if n != "s3"}
    store = {n: p for n, p in children.items() if n == "s3"}
    for group, until in ((apps, end - 1.0), (store, end)):
        for proc in group.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        _wait_all(group, until)
    for name, proc in children.items():
        if proc.poll() is None:
            print(f"{WHO}: {name} did not stop in time; killed", file=sys.stderr, flush=True)
            proc.kill()
            proc.wait()


def _wait_all(procs, until):
    for proc in procs.values():
        try:
            proc.wait(timeout=max(0.0, until - time.monotonic()))
        except subprocess.TimeoutExpired:
            pass


def gateway_url():
    _, port = split_address(settings().web_server_address)
    return f"http://127.0.0.1:{port}"


def readiness():
    """(ready, what /readyz said): ready = the gateway answers and every service answers it."""
    try:
        with urllib.request.urlopen(gateway_url() + "/readyz", timeout=2) as r:
            return r.status == 200, ""
    except urllib.error.HTTPError as exc:
        return False, exc.read().decode("utf-8", "replace")[:300]
    except OSError as exc:
        return False, str(exc)


def first_dead(children):
    for name, proc in children.items():
        if proc.poll() is not None:
            return name, proc.returncode
    return None


def supervise(children, stop, ready_timeout=120):
    """Wait until ready, then until a stop signal or a child's death; returns the exit code."""
    deadline = time.monotonic() + ready_timeout
    said = ""
    while not stop["now"]:
        dead = first_dead(children)
        if dead:  # the child said why on its own stderr, just above
            print(f"{WHO}: {dead[0]} exited (code {dead[1]}) while starting; stopping",
                  file=sys.stderr, flush=True)
            return 1
        ready, said = readiness()
        if ready:
            break
        if time.monotonic() > deadline:
            print(f"{WHO}: not every service answered within {ready_timeout} s: {said}",
                  file=sys.stderr, flush=True)
            return 1
        time.sleep(0.3)
    if stop["now"]:
        return 0
    print(f"\nweiquan is running on {gateway_url()}  (Ctrl-C stops it)", flush=True)
    if settings().is_development:
        print("demo accounts: username = role name (officer, relative, unit_liaison, "
              "committee_office, committee_director, ...), password = "
              f"{'$DEMO_PASSWORD' if os.environ.get('DEMO_PASSWORD') else 'demo'}", flush=True)
    while not stop["now"]:
        dead = first_dead(children)
        if dead:
            print(f"{WHO}: {dead[0]} stopped unexpectedly (code {dead[1]}); stopping the rest",
                  file=sys.stderr, flush=True)
            return 1
        time.sleep(0.3)
    return 0


def main(argv=None):
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--migrate-only", action="store_true")
    opts = args.parse_args(argv)
    os.environ.setdefault("WEIQUAN_ENV", "development")
    stop = {"now": False}

    def _stop(*_):
        stop["now"] = True
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    children = {}
    try:
        try:
            settings()
        except run_settings.SettingsError as exc:
            raise StartupError(f"{WHO}: {exc}") from None
        lock = lock_data_dir()  # noqa: F841 - held until this process ends
        if not opts.migrate_only:
            check_ports()
            check_object_store()
        ensure_rabbitmq()
        migrate()
        if opts.migrate_only:
            return 0
        start_object_store(children)
        start_services(children)
        return supervise(children, stop)
    except StartupError as exc:
        print(str(exc), file=sys.stderr, flush=True)
        return 2
    finally:
        if children:
            print(f"{WHO}: stopping ...", flush=True)
            stop_children(children)
            print(f"{WHO}: stopped", flush=True)


if __name__ == "__main__":
    sys.exit(main())
