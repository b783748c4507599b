"""The legal classification of a case (Art. 21): when the committee accepts a case with an
offender to pursue, a ``classification`` item opens carrying the suggestion from the
category and flags (the event has no description); legal affairs confirms it, or changes it
with a reason, which closes the item."""
from weiquan.contracts.base import load_or_error
from weiquan.contracts.codes import LEGAL_CLASSIFICATION_LABELS_ZH
from weiquan.contracts.legal_aid import DecideClassificationV1
from weiquan.errors import Conflict
from weiquan.kit.inbox import claim

from legal_aid.domain import classification as rules
from legal_aid.handlers import work
from legal_aid.handlers.common import authorized, found, iso
from legal_aid.models import inbox
from legal_aid.repository import LegalRepository

HANDLER = "legal_aid.on_case_accepted"
SYSTEM = {"username": "system", "roles": ["legal_affairs"]}
# Art. 11 categories with no offender to pursue: nothing to classify.
NO_OFFENDER = ("wrongful_accountability",)


def on_case_accepted(store, now, body):
    """Once per case (inbox, and one classification row per case)."""
    category = body.get("category")
    if category in NO_OFFENDER:
        return None
    suggestion = rules.suggest(category, body.get("flags") or {}, None)
    case_no = body["case_no"]
    with store.uow() as uow:
        if not claim(uow.session, inbox, body["event_id"], HANDLER):
            return None
        repo = LegalRepository(uow.session)
        if repo.get("classification", case_no) is not None:
            return None   # accepted again after an appeal: one classification
        repo.add("classification", case_no=case_no, category=category,
                 flags=dict(body.get("flags") or {}), suggested=suggestion.classification,
                 reasons=[[code, _plain(detail)] for code, detail in suggestion.reasons],
                 state="pending", opened_at=now)
        summary = "法律定性待确认" + (
            f"（建议：{LEGAL_CLASSIFICATION_LABELS_ZH[suggestion.classification]}）"
            if suggestion.classification else "")
        work.open_item(uow, repo, case_no, "classification", case_no, SYSTEM, now, summary)
    return case_no


def _plain(detail):
    return list(detail) if isinstance(detail, tuple) else detail


def decide(store, now, case_no, command, principal):
    principal = authorized(principal, "decide_classification")
    cmd = load_or_error(DecideClassificationV1, command)
    with store.uow() as uow:
        repo = LegalRepository(uow.session)
        row = found(repo, "classification", case_no, for_update=True)
        if row["state"] == "decided":
            raise Conflict("classification_decided", case_no=case_no)
        suggestion = rules.Suggestion(row["suggested"], (), None)
        decision = rules.decide(suggestion, cmd["classification"], cmd["reason"])
        values = {"state": "decided", "classification": decision.classification,
                  "changed": decision.changed, "reason": decision.reason,
                  "decided_by": principal["username"], "decided_at": now}
        repo.set("classification", case_no, **values)
        work.close_item(uow, repo, case_no, "classification", case_no, principal, now,
                        "法律定性已确定：" +
                        LEGAL_CLASSIFICATION_LABELS_ZH[decision.classification])
    return get_view(store, case_no)


def get_view(store, case_no):
    with store.session() as session:
        row = LegalRepository(session).get("classification", case_no)
    return None if row is None else view(row)


def view(row):
    return {"case_no": row["case_no"], "category": row["category"],
            "suggested": row["suggested"],
            "reasons": [{"code": c, "detail": d} for c, d in row["reasons"]],
            "reason_labels": [rules.REASON_LABELS_ZH.get(c, c) for c, _ in row["reasons"]],
            "basis_zh": rules.LEGAL_BASIS_ZH.get(row["classification"] or row["suggested"]
                                                 or "", None),
            "state": row["state"], "classification": row["classification"],
            "changed": row["changed"], "reason": row["reason"],
            "decided_by": row["decided_by"], "decided_at": iso(row["decided_at"])}
