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
        "incident_id": case.incident_id,
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


# ---- case lifecycle after acceptance (Art. 15-18) ------------------------------------------

def _iso(dt):
    return dt.astimezone(TZ).isoformat()


def _last(case, action):
    """The detail of the history entry the change just wrote."""
    entry = case.history[-1]
    assert entry.action == action, entry.action
    return entry.detail


def concluded(uow, case, actor, now):
    return uow.emit("intake", "case_concluded", case.case_no, actor, {
        "outcome": case.conclusion["outcome"],
        "concluded_at": _iso(case.conclusion["concluded_at"]),
        "reply_state": _last(case, "case_concluded").get("reply_state")}, now)


def extended(uow, case, actor, now):
    detail = _last(case, "deadline_extended")
    return uow.emit("intake", "deadline_extended", case.case_no, actor, {
        "clock_kind": detail["clock_kind"], "old_due": detail["old_due"],
        "new_due": detail["new_due"], "reason": detail["reason"]}, now)


def reexamination_requested(uow, case, actor, now):
    return uow.emit("intake", "reexamination_requested", case.case_no, actor, {
        "requested_at": _iso(case.reexamination["requested_at"]),
        "body": case.reexamination["body"]}, now)


def reexamination_decided(uow, case, actor, now):
    return uow.emit("intake", "reexamination_decided", case.case_no, actor, {
        "outcome": case.reexamination["outcome"], "reference": case.reexamination["reference"],
        "decided_at": _iso(case.reexamination["decided_at"])}, now)


def escalated(uow, case, actor, now):
    escalation = case.escalations[-1]
    return uow.emit("intake", "case_escalated", case.case_no, actor, {
        "escalation_id": escalation["id"], "body": escalation["body"],
        "reference": escalation["reference"],
        "escalated_at": _iso(escalation["escalated_at"])}, now)


def escalation_answered(uow, case, actor, now):
    number = _last(case, "escalation_answered")["escalation_id"]
    escalation = case.escalations[number - 1]
    return uow.emit("intake", "escalation_answered", case.case_no, actor, {
        "escalation_id": number, "reference": escalation["reference"],
        "answered_at": _iso(escalation["answered_at"])}, now)


def appeal_decided(uow, case, actor, now):
    reply = case.clock(WRITTEN_REPLY) if case.status == "accepted" else None
    if reply is not None:
        # the higher level overturned the refusal: for the departments this is an acceptance
        uow.emit("intake", "case_accepted", case.case_no, actor, {
            "category": case.category, "decided_at": _iso(case.appeal["decided_at"]),
            "reply_due": _due(reply), "flags": case.flags}, now)
    return uow.emit("intake", "appeal_decided", case.case_no, actor, {
        "outcome": case.appeal["outcome"], "reference": case.appeal["reference"],
        "decided_at": _iso(case.appeal["decided_at"]), "status": case.status,
        "category": case.category, "reply_due": None if reply is None else _due(reply),
        "flags": case.flags}, now)
