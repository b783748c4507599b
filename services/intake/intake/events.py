"""The events intake announces, built from a case (no personal data beyond what departments
need: police ID and unit, never phones, names of relatives or the description)."""
from weiquan.config import TZ

from intake.domain.model import ACCEPTANCE_DECISION, WRITTEN_REPLY


def _due(clock):
    return {"due": clock.due_at.astimezone(TZ).isoformat(), "provisional": clock.provisional}


def application_submitted(uow, case, actor, now):
    return uow.emit("intake", "application_submitted", case.case_no, actor, {
        "category": case.category, "channel": case.channel,
        "applicant_type": case.applicant["type"], "police_id": case.officer["police_id"],
        "officer_unit": case.officer["unit"], "personnel_type": case.officer["personnel_type"],
        "received_at": case.received_at.astimezone(TZ).isoformat(),
        "decision_due": _due(case.clock(ACCEPTANCE_DECISION)), "flags": case.flags,
    }, now)


def decided(uow, case, actor, now):
    decided_at = case.decision["decided_at"].astimezone(TZ).isoformat()
    if case.status == "accepted":
        return uow.emit("intake", "case_accepted", case.case_no, actor, {
            "category": case.category, "decided_at": decided_at,
            "reply_due": _due(case.clock(WRITTEN_REPLY)), "flags": case.flags}, now)
    return uow.emit("intake", "case_rejected", case.case_no, actor, {
        "category": case.category, "decided_at": decided_at}, now)


def appealed(uow, case, actor, now):
    return uow.emit("intake", "case_appealed", case.case_no, actor, {
        "appealed_at": case.appeal["appealed_at"].astimezone(TZ).isoformat(),
        "answer_received_at": case.appeal["answer_received_at"].astimezone(TZ).isoformat(),
        "window_closes": case.appeal["window_closes"].astimezone(TZ).isoformat()}, now)
