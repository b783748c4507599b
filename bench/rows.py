"""One row of `make bench`'s table: a hot path's figure beside the raw limit it is compared
with, measured in the same run on the same machine, and their ratio against the target.

A benchmark script calls ``record()`` for each hot path it measured. The row is printed in
the script's own block, and appended as one JSON line to the file named by
``WEIQUAN_BENCH_ROWS`` when that is set (``bench/all.py`` sets it, runs every script, then
prints every row as one table)."""
import json
import os
from dataclasses import asdict, dataclass

ROWS_ENV = "WEIQUAN_BENCH_ROWS"


@dataclass(frozen=True)
class Row:
    hot_path: str        # what was measured, e.g. "submission, 16 clients: throughput"
    figure: float        # the hot path's figure
    unit: str            # "req/s", "ms", "MiB/s", "events/s", "s"
    limit_name: str      # the raw limit, e.g. "bare @http -> RPC echo, 16 clients"
    limit: float         # the limit's figure, same unit, same run
    target: str          # ">= 0.5" (ratio at least) or "<= 3" (ratio at most) or "" (none)

    @property
    def ratio(self):
        return self.figure / self.limit if self.limit else float("inf")

    @property
    def verdict(self):
        if not self.target:
            return "-"
        op, bound = self.target.split()
        ok = self.ratio >= float(bound) if op == ">=" else self.ratio <= float(bound)
        return "PASS" if ok else "MISS"


def record(hot_path, figure, unit, limit_name, limit, target=""):
    """Print the row and keep it for the table; returns it."""
    row = Row(hot_path, float(figure), unit, limit_name, float(limit), target)
    print(f"row: {row.hot_path}: {row.figure:,.2f} {row.unit} vs {row.limit_name} "
          f"{row.limit:,.2f} {row.unit}: ratio {row.ratio:.2f} "
          f"(target {row.target or 'none'}) {row.verdict}", flush=True)
    path = os.environ.get(ROWS_ENV)
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps(asdict(row), ensure_ascii=False) + "\n")
    return row


def load(path):
    """The rows a run recorded, in order."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rows.append(Row(**json.loads(line)))
    return rows


def table(rows):
    """The rows as one fixed-width text table."""
    head = ("hot path", "figure", "limit (same run)", "limit", "ratio", "target", "")
    body = [(r.hot_path, f"{r.figure:,.2f} {r.unit}", r.limit_name, f"{r.limit:,.2f} {r.unit}",
             f"{r.ratio:.2f}", r.target or "-", r.verdict) for r in rows]
    widths = [max(len(str(line[i])) for line in [head, *body]) for i in range(len(head))]
    fmt = "  ".join(f"{{:{'>' if i in (1, 3, 4) else '<'}{w}}}" for i, w in enumerate(widths))
    lines = [fmt.format(*head), fmt.format(*("-" * w for w in widths))]
    lines += [fmt.format(*line) for line in body]
    return "\n".join(line.rstrip() for line in lines)
