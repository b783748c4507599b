"""CPU seconds per process, read from /proc: what a hot path costs each process that takes
part (the services, the broker, the database, the client), which on a shared two-core machine
says more than wall time about where a request's time goes."""
import os
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
