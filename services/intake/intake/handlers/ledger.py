"""The Art. 35 ledger: statistics of the cases received in a date range, grouped one way,
and the rows the gateway renders as CSV and XLSX. The counting happens in SQL
(intake.ledger_queries); this checks the principal and the query, and shapes the answer."""
from weiquan.contracts.base import load_or_error
from weiquan.contracts.queries import LedgerExportQueryV1, LedgerQueryV1

from intake import ledger_queries
from intake.domain import access
from intake.handlers.common import principal_of


def _iso(day):
    return None if day is None else day.isoformat()


def _query(schema, query, principal):
    """The principal and the rule first (a refused role learns nothing of the query), then
    the gateway's query contract again."""
    access.require("view_ledger", principal_of(principal))
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
