"""What the benchmarks share: the whole system started the way the test suite's `system`
fixture starts it (local S3 server, fresh PostgreSQL databases, a private RabbitMQ vhost,
migrations and every app service as processes, then /readyz), and torn
down whatever happens: success, failure, Ctrl-C (SIGINT) or SIGTERM.

Progress goes to stderr; each benchmark prints its figures to stdout as one block opened by
``header()``."""
import contextlib
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.infra import (PgDatabases, S3Server, System, app_services,  # noqa: E402
                                 drop_vhost)

READY_TIMEOUT = 90.0  # seconds for every service to answer /readyz


class StartupError(RuntimeError):
    """The system did not come up; the message names the service and its last log line."""


def progress(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def header(title):
    print(f"\n== {title} ==", flush=True)


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


@contextlib.contextmanager
def interruptible():
    """SIGTERM behaves like Ctrl-C (KeyboardInterrupt), so `finally` blocks clean up."""
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def deferred():
    """A step that creates something to clean up (a process, a database, the vhost) runs to
    its end, so its result is known to the clean-up; a Ctrl-C or SIGTERM meanwhile is raised
    as KeyboardInterrupt just after. (A Python handler, unlike SIG_IGN or a blocked signal, is
    not inherited by the processes the step starts.)"""
    pending = []
    sigs = (signal.SIGINT, signal.SIGTERM)
    previous = {s: signal.signal(s, lambda signum, _frame: pending.append(signum)) for s in sigs}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if pending:
        raise KeyboardInterrupt(f"signal {pending[0]}")


@contextlib.contextmanager
def uninterrupted():
    """Clean-up runs to its end: a second Ctrl-C or a SIGTERM meanwhile is ignored."""
    previous = {s: signal.signal(s, signal.SIG_IGN) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def cleanup(*steps):
    """Run every (label, callable) even when one fails; returns True when all succeeded."""
    ok = True
    with uninterrupted():
        for label, step in steps:
            try:
                step()
            except Exception as exc:  # keep going: the other resources must still be freed
                ok = False
                progress(f"clean-up: {label} failed: {exc!r}")
    return ok


def last_lines(path, count=3):
    try:
        lines = [ln for ln in Path(path).read_text(errors="replace").splitlines() if ln.strip()]
    except OSError:
        return []
    return lines[-count:]


def _dead(system):
    return {name: proc.returncode for name, proc in system.procs.items()
            if proc.poll() is not None}


def _explain(system, dead):
    parts = []
    for name, code in dead.items():
        tail = last_lines(system.tmp / f"{name}.log", 1)
        parts.append(f"{name} exited with code {code}: {tail[0] if tail else '(empty log)'}")
    return "; ".join(parts)


def stop_all(system):
    """Signal every process at once (each stops once however many signals it gets), then let
    System.shutdown wait for each, killing any that hangs: stops in parallel, not in turn."""
    for proc in system.procs.values():
        if proc.poll() is None:
            proc.terminate()
    system.shutdown()


def wait_ready(system, timeout=READY_TIMEOUT):
    """/readyz answers 200, failing at once (naming the service) when a process exits."""
    deadline = time.monotonic() + timeout
    while True:
        dead = _dead(system)
        if dead:
            raise StartupError(_explain(system, dead) + f" (logs in {system.tmp})")
        try:
            system.wait_ready(timeout=2)
            return
        except RuntimeError:
            if time.monotonic() > deadline:
                raise StartupError(f"/readyz not 200 after {timeout:.0f} s "
                                   f"(logs in {system.tmp})") from None


def _migrate(system):
    try:
        system.migrate()
    except subprocess.CalledProcessError as exc:
        stderr = (exc.stderr or b"").decode(errors="replace").strip().splitlines()
        raise StartupError(f"migration {exc.cmd[-1]} failed: "
                           f"{stderr[-1] if stderr else exc.returncode}") from None


@contextlib.contextmanager
def whole_system(label, env=None):
    """Yields a ready ``tests.support.infra.System`` (always on PostgreSQL, whatever
    WEIQUAN_TEST_DB says) whose evidence service stores in a local S3 server. Its temporary
    directory (service logs) is removed afterwards, unless the run failed or a clean-up step
    did (an interrupted run has not failed: its logs go too). ``env``: settings of this run
    over the test suite's (e.g. the sweep's production interval instead of 1 s)."""
    tmp = Path(tempfile.mkdtemp(prefix=f"wq-bench-{label}-"))
    pg = PgDatabases()
    s3 = system = None
    failed = True
    with interruptible():
        try:
            started = time.monotonic()
            progress(f"starting the whole system (logs in {tmp})")
            with deferred():
                s3 = S3Server(tmp)
            with deferred():  # creates the databases and the vhost
                system = System(tmp, pg, backend="postgresql")
            system.use_s3(s3.endpoint)
            system.env.update(env or {})
            _migrate(system)
            # not the test suite's probe consumer: it records every event for the tests'
            # assertions, a process the deployed system does not run
            for name in app_services():
                with deferred():
                    system.start(name)
            wait_ready(system)
            progress(f"ready in {time.monotonic() - started:.1f} s: "
                     f"{', '.join(app_services())}")
            yield system
            failed = False
        except KeyboardInterrupt:  # interrupted, not failed: nothing to keep
            failed = False
            raise
        finally:
            progress("stopping the system")
            ok = cleanup(("stop services", lambda: system and stop_all(system)),
                         ("stop S3 server", lambda: s3 and s3.stop()),
                         ("drop databases", pg.drop_all),
                         ("delete vhost", drop_vhost))
            if ok and not failed:
                shutil.rmtree(tmp, ignore_errors=True)
            else:
                progress(f"logs kept in {tmp}")


def run(main):
    """Entry point of a benchmark script: its exit code, 130 on Ctrl-C, 1 with a one-line
    message when the system does not start."""
    try:
        with interruptible():
            return main()
    except KeyboardInterrupt:
        progress("interrupted")
        return 130
    except StartupError as exc:
        progress(f"the system did not start: {exc}")
        return 1
