"""The events legal affairs announces, staged in the caller's unit of work: its work items
(summaries without offender, money or personal details), the counsel-fee claim logistics
pays, and the revocation of an unfair discipline (ids and the outcome only)."""
from weiquan.contracts.events_work import work_payload

SOURCE = "legal_aid"
DEPARTMENT = "legal_affairs"


def work(uow, item, event_type, actor, now):
    """work_opened / work_updated / work_closed of a legal work item (a row of work_items)."""
    return uow.emit(SOURCE, event_type, item["case_no"], actor, work_payload(
        item["id"], DEPARTMENT, item["kind"], item["owner"], None, item["state"],
        item["summary"]), now)


def fee_claimed(uow, case_no, claim, counsel_row, actor, now):
    uow.emit(SOURCE, "counsel_fee_claimed", case_no, actor, {
        "claim_id": claim["claim_id"], "counsel_name": counsel_row["name"],
        "firm": counsel_row["firm"], "amount_fen": claim["amount_fen"],
        "period": claim["period"]}, now)


def discipline_revoked(uow, review, actor, now):
    uow.emit(SOURCE, "discipline_revoked", review["case_no"], actor,
             {"review_id": review["id"], "revoked_outcome": review["discipline"]}, now)
