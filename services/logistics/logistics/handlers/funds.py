"""Funds with yearly budgets (Art. 25-27) and their statement: opening budget, approvals,
disbursements, what is committed but not yet paid, and the balance, from the payments
ledger itself so that it reconciles to the fen."""
from weiquan.contracts.base import load_or_error
from weiquan.contracts.codes import FUND_KINDS
from weiquan.contracts.logistics import FundListQueryV1, SetBudgetV1
from weiquan.errors import Conflict, NotFound

from logistics.domain.model import Fund
from logistics.domain.rules import fmt
from logistics.handlers.common import authorized
from logistics.repository import LogisticsRepository
from logistics.views import fund_view, money


def set_budget(store, now, command, principal):
    """Create or change a fund's budget and thresholds; a budget below what is already
    approved is refused (the balance would go negative)."""
    principal = authorized(principal, "set_budget")
    cmd = load_or_error(SetBudgetV1, command)
    with store.uow() as uow:
        repo = LogisticsRepository(uow.session)
        existing = repo.get_fund(cmd["fund"], cmd["year"], for_update=True)
        committed = existing.committed_fen if existing else 0
        if cmd["budget"] < committed:
            raise Conflict("budget_below_committed", budget=fmt(cmd["budget"]),
                           committed=fmt(committed))
        fund = Fund(kind=cmd["fund"], year=cmd["year"], budget_fen=cmd["budget"],
                    committed_fen=committed, director_limit_fen=cmd["director_limit"],
                    committee_limit_fen=cmd["committee_limit"])
        repo.put_fund(fund, principal["username"], now, exists=existing is not None)
    return fund_view(fund)


def list_funds(store, filters, principal):
    authorized(principal, "read_funds")
    query = load_or_error(FundListQueryV1, filters or {})
    with store.session() as session:
        found = LogisticsRepository(session).list_funds(query.get("fund"), query.get("year"))
    return {"items": [fund_view(f) for f in found], "total": len(found)}


def statement(store, kind, year, principal):
    authorized(principal, "read_funds")
    if kind not in FUND_KINDS:
        raise NotFound("fund", kind)
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise NotFound("fund", f"{kind}/{year}") from None
    with store.session() as session:
        repo = LogisticsRepository(session)
        fund = repo.get_fund(kind, year)
        if fund is None:
            raise NotFound("fund", f"{kind}/{year}")
        approved_n, approved_fen = repo.approvals_of(kind, year)
        paid_n, paid_fen = repo.disbursed_of(kind, year)
    return {"fund": kind, "year": year, **money("opening_budget", fund.budget_fen),
            "approvals": {"count": approved_n, **money("sum", approved_fen)},
            "disbursements": {"count": paid_n, **money("sum", paid_fen)},
            **money("committed_not_disbursed", approved_fen - paid_fen),
            **money("balance", fund.budget_fen - approved_fen),
            # the fund's running counter agrees with the ledger, or someone must look
            "reconciled": fund.committed_fen == approved_fen,
            **money("director_limit", fund.director_limit_fen),
            **money("committee_limit", fund.committee_limit_fen)}
