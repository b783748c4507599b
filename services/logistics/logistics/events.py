"""The events the logistics office announces, staged in the caller's unit of work: the
payment facts (amounts in fen, no payee or purpose) and the payment's work item on its case,
whose summary never carries the amount."""
from weiquan.config import TZ
from weiquan.contracts.events_work import work_payload

from logistics.domain import rules

SOURCE = "logistics"
DEPARTMENT = "logistics"


def _payment(p):
    return {"payment_id": p.id, "fund": p.fund, "year": p.year, "amount_fen": p.amount_fen}


def work(uow, p, event_type, actor, now):
    """work_opened / work_updated / work_closed of the payment's item."""
    return uow.emit(SOURCE, event_type, p.case_no, actor, work_payload(
        p.id, DEPARTMENT, p.work_kind, DEPARTMENT, None, rules.work_state(p), rules.summary(p)),
        now)


def requested(uow, p, actor, now):
    uow.emit(SOURCE, "payment_requested", p.case_no, actor, _payment(p), now)
    work(uow, p, "work_opened", actor, now)


def reviewed(uow, p, actor, now):
    if p.state == "refused":
        return refused(uow, p, actor, now)
    work(uow, p, "work_updated", actor, now)


def refused(uow, p, actor, now):
    uow.emit(SOURCE, "payment_refused", p.case_no, actor,
             {**_payment(p), "stage": p.refused_stage}, now)
    work(uow, p, "work_closed", actor, now)


def approved(uow, p, actor, now):
    uow.emit(SOURCE, "payment_approved", p.case_no, actor,
             {**_payment(p), "approval_id": p.approval_id}, now)
    work(uow, p, "work_updated", actor, now)


def disbursed(uow, p, d, actor, now):
    uow.emit(SOURCE, "payment_disbursed", p.case_no, actor, {
        **_payment(p), "approval_id": d.approval_id, "disbursement_id": d.id,
        "voucher_no": d.voucher_no, "paid_at": d.paid_at.astimezone(TZ).isoformat()}, now)
    work(uow, p, "work_closed", actor, now)
