"""Payment requests on a case (Art. 25-27): requested, reviewed by logistics, read and
listed. Every request is a work item of the logistics office on its case."""
from sqlalchemy import and_, select

from weiquan.contracts.base import load_or_error
from weiquan.contracts.logistics import PaymentListQueryV1, PaymentRequestV1, ReviewPaymentV1
from weiquan.errors import Invalid
from weiquan.kit.idempotent import create_once

from logistics import events
from logistics.domain import rules
from logistics.handlers.common import (authorized, new_id, payment, political_work_only,
                                       require_fund_scope, require_payable, year_of)
from logistics.models import funds, payments
from logistics.repository import LogisticsRepository
from logistics.views import payment_view


def create(store, now, cmd, principal, status_of, request_id=None, **extra):
    """The request, once per ``request_id``: the case must be open and the fund must have a
    budget this year; nothing is written otherwise."""
    require_payable(status_of, cmd["case_no"])
    year = year_of(now)
    made = rules.new_payment(new_id(), cmd, year, principal, now, **extra)

    def add(uow):
        repo = LogisticsRepository(uow.session)
        if repo.get_fund(cmd["fund"], year) is None:
            raise Invalid.one("fund", "no_budget_for_fund", fund=cmd["fund"], year=year)
        repo.add_payment(made, request_id)
        events.requested(uow, made, principal, now)

    existing, _ = create_once(
        store, lambda session: LogisticsRepository(session).find_by_request(request_id), add)
    return get_view(store, existing or made.id)


def request(store, now, command, principal, status_of, request_id=None):
    principal = authorized(principal, "request_payment")
    cmd = load_or_error(PaymentRequestV1, command)
    require_fund_scope(principal, cmd["fund"])
    return create(store, now, cmd, principal, status_of, request_id)


def review(store, now, payment_id, command, principal):
    principal = authorized(principal, "review_payment")
    cmd = load_or_error(ReviewPaymentV1, command)
    with store.uow() as uow:
        repo = LogisticsRepository(uow.session)
        p = payment(repo, payment_id, for_update=True)
        rules.review(p, cmd["accept"], cmd["reason"], principal, now)
        repo.save_payment(p)
        events.reviewed(uow, p, principal, now)
    return get_view(store, payment_id)


def get_view(store, payment_id):
    with store.session() as session:
        repo = LogisticsRepository(session)
        p = payment(repo, payment_id)
        return payment_view(p, repo.get_fund(p.fund, p.year), repo.get_disbursement(p.id))


def get(store, payment_id, principal):
    principal = authorized(principal, "read_payments")
    view = get_view(store, payment_id)
    require_fund_scope(principal, view["fund"])
    return view


def _awaiting(role):
    """Reviewed requests whose amount is within the director's limit (director) or above it
    (the committee), by the thresholds of each request's own fund."""
    limit = select(funds.c.director_limit_fen).where(and_(
        funds.c.kind == payments.c.fund, funds.c.year == payments.c.year)).scalar_subquery()
    within = payments.c.amount_fen <= limit
    return and_(payments.c.state == "reviewed", within if role == "committee_director"
                else payments.c.amount_fen > limit)


def list_(store, filters, principal):
    principal = authorized(principal, "read_payments")
    query = load_or_error(PaymentListQueryV1, filters or {})
    conditions = {k: query[k] for k in ("state", "case_no", "fund") if query.get(k)}
    if political_work_only(principal):
        conditions["fund"] = "consolation"
    if query.get("awaiting_role"):
        conditions[_awaiting(query["awaiting_role"])] = True
    page, size = query.get("page", 1), query.get("page_size", 20)
    with store.session() as session:
        repo = LogisticsRepository(session)
        total, found = repo.list_payments(conditions, (page - 1) * size, size)
        fund_of = {}
        for p in found:
            fund_of.setdefault((p.fund, p.year), repo.get_fund(p.fund, p.year))
    return {"items": [payment_view(p, fund_of[(p.fund, p.year)]) for p in found],
            "page": page, "page_size": size, "total": total}
