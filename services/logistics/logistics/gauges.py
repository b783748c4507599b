"""logistics's domain gauges, every 30 s (never per request): its open work items (a payment
is one until disbursed, refused or cancelled, domain.rules.work_state) and each fund's balance
in yuan (budget minus what approvals committed) for the fund's latest year, so the label is the
fund kind alone."""
from sqlalchemy import func, select

from weiquan.contracts.codes import FUND_KINDS
from weiquan.kit import metrics

from logistics.events import DEPARTMENT
from logistics.models import funds, payments

CLOSED_STATES = ("disbursed", "refused", "cancelled")


def balances_fen(session):
    """{kind: budget - committed of that kind's latest year}."""
    latest = (select(funds.c.kind, func.max(funds.c.year).label("year"))
              .group_by(funds.c.kind).subquery())
    rows = session.execute(select(funds.c.kind, funds.c.budget_fen - funds.c.committed_fen)
                           .join(latest, (funds.c.kind == latest.c.kind)
                                 & (funds.c.year == latest.c.year))).all()
    return dict(rows)


def refresh(session):
    open_items = session.execute(select(func.count()).select_from(payments)
                                 .where(payments.c.state.notin_(CLOSED_STATES))).scalar_one()
    metrics.OPEN_WORK_ITEMS.labels(DEPARTMENT).set(open_items)
    for kind, fen in balances_fen(session).items():
        if kind in FUND_KINDS:  # a bounded label: the contract's fund kinds only
            metrics.FUND_BALANCE.labels(kind).set(fen / 100)
