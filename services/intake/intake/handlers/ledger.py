"""The Art. 35 ledger: statistics of the cases received in a date range, grouped one way,
and the rows the gateway renders as CSV and XLSX. The counting happens in SQL
(intake.ledger_queries); this checks the principal and the query, and shapes the answer."""
from weiquan.contracts.base import load_or_error
from weiquan.config import TZ
from weiquan.contracts.queries import (LedgerExportQueryV1, LedgerHotspotQueryV1,
                                       LedgerQueryV1, LedgerTrendQueryV1)

from intake import ledger_patterns, ledger_queries
from intake.domain import access, ledger_periods
from intake.handlers.common import principal_of


def _iso(day):
    return None if day is None else day.isoformat()


def _query(schema, query, principal, action="view_ledger"):
    """The principal and the rule first (a refused role learns nothing of the query), then
    the gateway's query contract again."""
    access.require(action, principal_of(principal))
    return load_or_error(schema, query)


def ledger_stats(deps, query, principal):
    """{by, from, to, groups: [{key, total, open, overdue, concluded}], total}."""
    q = _query(LedgerQueryV1, query, principal)
    with deps.store.session() as session:
        groups = ledger_queries.stats(session, q["by"], q["from_"], q["to"], deps.clock.now())
    return {"by": q["by"], "from": _iso(q["from_"]), "to": _iso(q["to"]), "groups": groups,
            "total": sum(g["total"] for g in groups)}


def ledger_cases(deps, query, principal):
    """{from, to, items: [one row per case, oldest first], total}: what the exports list."""
    q = _query(LedgerExportQueryV1, query, principal)
    with deps.store.session() as session:
        items = ledger_queries.rows(session, q["from_"], q["to"], deps.clock.now())
    for item in items:
        for name in ("received_on", "decided_on", "concluded_on"):
            item[name] = _iso(item[name])
    return {"from": _iso(q["from_"]), "to": _iso(q["to"]), "items": items, "total": len(items)}


def ledger_hotspots(deps, query, principal):
    """{from, to, top, items: [{place, hour, category, total}]}: the largest first."""
    q = _query(LedgerHotspotQueryV1, query, principal, "view_patterns")
    with deps.store.session() as session:
        items = ledger_patterns.hotspots(session, q["from_"], q["to"], q["top"])
    return {"from": _iso(q["from_"]), "to": _iso(q["to"]), "top": q["top"], "items": items}


def trend_rows(counts, months):
    """{category: {bucket: total}} as the answer's rows, the most in the range first."""
    rows = []
    for category, buckets in counts.items():
        series = [buckets.get(month, 0) for month in months]
        total, before = sum(series), buckets.get(ledger_patterns.PREVIOUS, 0)
        rows.append({"category": category, "counts": series, "total": total,
                     "previous_total": before, "change": total - before,
                     "change_percent": ledger_periods.change_percent(total, before)})
    return sorted(rows, key=lambda r: (-r["total"], -r["previous_total"], r["category"]))


def ledger_trends(deps, query, principal):
    """Per category, cases per month of the range and the change against the previous period
    of equal length; no range asked: the last twelve months up to today (Asia/Shanghai)."""
    q = _query(LedgerTrendQueryV1, query, principal, "view_patterns")
    if "to" in q:
        first, last = q["from_"], q["to"]
    else:
        first, last = ledger_periods.default_range(deps.clock.now().astimezone(TZ).date())
    previous_first, previous_last = ledger_periods.previous_period(first, last)
    with deps.store.session() as session:
        counts = ledger_patterns.trend_counts(session, first, last, previous_first)
    months = ledger_periods.months_of(first, last)
    rows = trend_rows(counts, months)
    total, before = sum(r["total"] for r in rows), sum(r["previous_total"] for r in rows)
    return {"from": _iso(first), "to": _iso(last), "previous_from": _iso(previous_first),
            "previous_to": _iso(previous_last), "months": months, "categories": rows,
            "total": total, "previous_total": before, "change": total - before,
            "change_percent": ledger_periods.change_percent(total, before)}
