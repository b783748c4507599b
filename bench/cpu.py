"""CPU seconds per process, read from /proc: what a hot path costs each process that takes
part (the services, the broker, the database, the client), which on a shared two-core machine
says more than wall time about where a request's time goes."""
import os
import time
from pathlib import Path

INFRA = {"postgres": "postgres", "beam.smp": "rabbitmq"}  # /proc comm -> the name shown


def cpu_seconds(pid):
    """User + system CPU seconds the process used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _infra():
    """CPU seconds of the broker's and the database's processes, by the name shown."""
    totals = dict.fromkeys(INFRA.values(), 0.0)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            comm = (entry / "comm").read_text().strip()
            name = next((shown for prefix, shown in INFRA.items() if comm.startswith(prefix)),
                        None)
            if name:
                totals[name] += cpu_seconds(entry.name)
        except (OSError, IndexError, ValueError):  # the process ended meanwhile
            continue
    return totals


def snapshot(pids):
    """{name: CPU seconds} of the named processes (``pids``: name -> pid), the broker, the
    database and this process (the benchmark's clients and event consumer)."""
    shot = {name: cpu_seconds(pid) for name, pid in pids.items()}
    shot.update(_infra())
    shot["client"] = cpu_seconds(os.getpid())
    return shot


def per_request_ms(before, after, count):
    """{name: CPU ms per request} between two snapshots, largest first, and their total."""
    used = {name: (after[name] - before.get(name, 0.0)) * 1000 / max(count, 1)
            for name in after}
    ordered = dict(sorted(used.items(), key=lambda kv: -kv[1]))
    return ordered, sum(ordered.values())


def settle(pids, busy_cores=0.15, window=1.0, timeout=120.0):
    """Wait until the system is idle: the services, the broker and the database together use
    less than ``busy_cores`` over ``window`` seconds (idle, they use about 0.06). A path
    measured right after another would otherwise share the cores with the first one's
    backlog (the departments still consuming its events). Returns the seconds waited."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        before = snapshot(pids)
        time.sleep(window)
        after = snapshot(pids)
        busy = sum(after[name] - before.get(name, 0.0) for name in after if name != "client")
        if busy / window < busy_cores:
            break
    return time.monotonic() - started
