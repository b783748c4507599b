"""Approval and disbursement (Art. 26, 27). Approving reserves the amount with one conditional
UPDATE in the same transaction as the approval and its outbox event, so concurrent approvals
never take a fund below zero; the approval event makes exactly one disbursement order (inbox
claim plus a unique approval id), and the disbursement is recorded once."""
import logging

from weiquan.contracts.base import load_or_error
from weiquan.contracts.logistics import ApprovePaymentV1, DisburseV1
from weiquan.errors import Conflict
from weiquan.kit.inbox import claim

from logistics import events
from logistics.domain import rules
from logistics.domain.model import Disbursement
from logistics.handlers.common import authorized, new_id, payment
from logistics.handlers.payments import get_view
from logistics.models import inbox
from logistics.repository import LogisticsRepository

log = logging.getLogger(__name__)
HANDLER = "logistics.on_payment_approved"


def approve(store, now, payment_id, command, principal):
    principal = authorized(principal, "approve_payment")
    cmd = load_or_error(ApprovePaymentV1, command)
    with store.uow() as uow:
        repo = LogisticsRepository(uow.session)
        p = payment(repo, payment_id, for_update=True)
        fund = repo.get_fund(p.fund, p.year)
        if fund is None:
            raise Conflict("no_budget", fund=p.fund, fund_zh=rules.FUND_ZH[p.fund],
                           year=p.year)
        rules.decide(p, fund, cmd["approve"], cmd["reason"], principal, now, new_id())
        if p.state == "approved":
            if not repo.reserve(fund, p.amount_fen):
                raise rules.exhausted(repo.get_fund(p.fund, p.year), p.amount_fen)
            repo.save_payment(p)
            events.approved(uow, p, principal, now)
        else:
            repo.save_payment(p)
            events.refused(uow, p, principal, now)
    return get_view(store, payment_id)


def schedule(store, now, body):
    """``payment_approved`` -> one disbursement order, however often (and under whatever
    event id) the approval arrives."""
    with store.uow() as uow:
        if not claim(uow.session, inbox, body["event_id"], HANDLER):
            return False
        repo = LogisticsRepository(uow.session)
        if repo.has_disbursement(body["approval_id"]):
            return False
        p = repo.get_payment(body["payment_id"], for_update=True)
        if p is None or p.approval_id != body["approval_id"]:
            log.error("approval %s names payment %s it does not match",
                      body["approval_id"], body["payment_id"])
            return False
        if repo.get_disbursement(p.id) is not None:
            return False
        repo.add_disbursement(Disbursement(
            id=new_id(), payment_id=p.id, approval_id=p.approval_id, fund=p.fund,
            year=p.year, amount_fen=p.amount_fen, state="scheduled", scheduled_at=now))
    return True


def disburse(store, now, payment_id, command, principal):
    principal = authorized(principal, "disburse_payment")
    cmd = load_or_error(DisburseV1, command)
    with store.uow() as uow:
        repo = LogisticsRepository(uow.session)
        p = payment(repo, payment_id, for_update=True)
        d = repo.get_disbursement(p.id, for_update=True)
        rules.disburse(p, d, cmd["voucher_no"], cmd["paid_at"] or now, principal)
        repo.save_payment(p)
        repo.save_disbursement(d)
        events.disbursed(uow, p, d, principal, now)
    return get_view(store, payment_id)
