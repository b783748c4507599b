"""Claims that become payment requests: third-party compensation (Art. 4, 27: the bureau pays,
never the officer) filed by logistics or the committee office, and counsel fees (Art. 25)
claimed by legal affairs on the bus, one request per claim id."""
from datetime import datetime

from weiquan.config import TZ
from weiquan.contracts.base import load_or_error
from weiquan.contracts.logistics import CompensationClaimV1
from weiquan.kit.inbox import claim

from logistics import events
from logistics.domain import rules
from logistics.handlers.common import authorized, new_id
from logistics.handlers.payments import create
from logistics.models import inbox
from logistics.repository import LogisticsRepository

HANDLER = "logistics.on_counsel_fee_claimed"


def file_compensation(store, now, command, principal, status_of, request_id=None):
    principal = authorized(principal, "file_compensation_claim")
    cmd = load_or_error(CompensationClaimV1, command)
    claimant = cmd["claimant"]
    request = {"case_no": cmd["case_no"], "fund": "compensation", "amount": cmd["amount"],
               "payee": claimant["name"], "purpose": cmd["damage"]}
    return create(store, now, request, principal, status_of, request_id,
                  origin="compensation_claim", claimant=dict(claimant),
                  damage=cmd["damage"], evidence_ids=list(cmd["evidence_ids"]))


def counsel_fee_claimed(store, now, body):
    """One payment request on the counsel-fee fund per claim id; the year is the claim's."""
    year = datetime.fromisoformat(body["occurred_at"]).astimezone(TZ).year
    actor = body["actor"]
    with store.uow() as uow:
        if not claim(uow.session, inbox, body["event_id"], HANDLER):
            return None
        repo = LogisticsRepository(uow.session)
        if repo.find_by_claim(body["claim_id"]) is not None:
            return None
        cmd = {"case_no": body["case_no"], "fund": "counsel_fee",
               "amount": body["amount_fen"], "payee": f"{body['counsel_name']}（{body['firm']}）",
               "purpose": f"法律顾问费用 / Counsel fee: {body['period']}"}
        made = rules.new_payment(new_id(), cmd, year, actor, now, origin="counsel_fee_claim",
                                 claim_id=body["claim_id"])
        repo.add_payment(made)
        events.requested(uow, made, actor, now)
    return made.id
