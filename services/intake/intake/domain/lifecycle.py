"""The case after the acceptance decision: written conclusions and their extension (Art. 16),
re-examination (Art. 17), escalation (Art. 18) and the higher level's answer to an appeal
(Art. 15). Pure like rules.py: time and the working-day calendar are passed in, and every
change leaves a history entry with Asia/Shanghai times and records its domain event."""
from datetime import datetime

from weiquan.calendar.workdays import END_OF_DAY
from weiquan.config import TZ
from weiquan.errors import Conflict, Invalid

from intake.domain import access
from intake.domain.events import (AppealDecided, CaseAccepted, CaseConcluded, CaseEscalated, Due,
                                  DeadlineExtended, EscalationAnswered, ReexaminationDecided,
                                  ReexaminationRequested, actor_of)
from intake.domain.model import WRITTEN_REPLY, HistoryEntry, is_past
from intake.domain.records import Conclusion, Escalation, Reexamination
from intake.domain.rules import need_status, in_future, new_clock

HIGHER_LEVEL = "上级公安机关维权组织"   # Art. 17: the next-higher bureau's rights-protection body
OPEN_STATUSES = ("submitted", "accepted")  # Art. 18: escalation from any open case


def _iso(dt):
    return dt.astimezone(TZ).isoformat()


def _day(dt):
    return dt.astimezone(TZ).date()


def _log(case, now, action, principal, detail):
    case.history.append(HistoryEntry(now, action, principal["username"], detail))


def _facts(case, principal, now):
    """What every recorded event carries: the case, who, when."""
    return dict(case_no=case.case_no, actor=actor_of(principal), at=now)


def _not_future(name, value, now):
    if in_future(value, now):
        raise Invalid.one(name, "in_future")
    return min(value, now)


def _not_before_day(name, value, earliest, problem):
    """Outside bodies' documents carry a day: compare Shanghai calendar days."""
    if _day(value) < _day(earliest):
        raise Invalid.one(name, problem, earliest=_day(earliest).isoformat())


def _open_reply_clock(case):
    clock = case.clock(WRITTEN_REPLY)
    if case.status != "accepted" or clock is None or not clock.is_open:
        raise Conflict("no_open_reply_deadline", status_now=case.status)
    return clock


# ---- Art. 16: conclusion and extension -----------------------------------------------------

def conclude(case, cmd, principal, now, calendar):
    """The written conclusions: satisfies the 30-day reply clock (met or missed by itself)."""
    access.require("conclude", principal, case)
    need_status(case, ("accepted",), "not_accepted")
    case.conclusion = Conclusion(findings=cmd["findings"].strip(), outcome=cmd["outcome"],
                                 concluded_at=now, by=principal["username"])
    detail = {"outcome": cmd["outcome"], "concluded_at": _iso(now)}
    clock = case.clock(WRITTEN_REPLY)
    if clock is not None and clock.is_open:
        clock.satisfied_at = now
        detail["reply_due"] = _iso(clock.due_at)
        detail["reply_state"] = clock.state(now)
    case.status = "concluded"
    _log(case, now, "case_concluded", principal, detail)
    case.record(CaseConcluded(**_facts(case, principal, now), outcome=cmd["outcome"],
                              concluded_at=now, reply_state=detail.get("reply_state")))
    return case


def extend(case, cmd, principal, now, calendar):
    """The director moves the written-reply deadline to the end of a later working day; the
    first statutory date is kept in ``extended_from``, a recorded miss stays recorded, and the
    director's date is firm (not provisional, so a calendar reload leaves it alone)."""
    access.require("extend", principal, case)
    reason = (cmd.get("reason") or "").strip()
    if not reason:
        raise Invalid.one("reason", "extension_needs_reason")
    clock = _open_reply_clock(case)
    day = _day(cmd["new_due"])
    new_due = datetime.combine(day, END_OF_DAY, tzinfo=TZ)
    if not calendar.is_working_day(day):
        raise Invalid.one("new_due", "not_a_working_day", day=day.isoformat())
    old_due = clock.due_at
    if new_due <= old_due:
        raise Invalid.one("new_due", "not_later_than_due", current=_day(old_due).isoformat())
    if is_past(now, new_due):
        raise Invalid.one("new_due", "already_passed", day=day.isoformat())
    if clock.extended_from is None:
        clock.extended_from = old_due
    clock.due_at, clock.provisional = new_due, False
    clock.reminded_on = None  # the reminder belongs to the new date (as on a recomputation)
    # A miss of the old date stays in the accountability register (one row per due date);
    # clearing the marker lets the sweep record a miss of the new date too (Art. 36).
    clock.missed_at = None
    _log(case, now, "deadline_extended", principal, {
        "clock_kind": clock.kind, "old_due": _iso(old_due), "new_due": _iso(new_due),
        "statutory_due": _iso(clock.extended_from), "reason": reason,
        "by": principal["username"]})
    case.record(DeadlineExtended(**_facts(case, principal, now), clock_kind=clock.kind,
                                 old_due=old_due, new_due=new_due, reason=reason))
    return case


# ---- Art. 17: re-examination of the conclusion ---------------------------------------------

def request_reexamination(case, cmd, principal, now, calendar):
    access.require("request_reexamination", principal, case)
    need_status(case, ("concluded",), "not_concluded")
    requested_at = _not_future("requested_at", cmd.get("requested_at") or now, now)
    concluded_at = case.conclusion.concluded_at
    if requested_at < concluded_at:
        raise Invalid.one("requested_at", "requested_before_conclusion",
                          concluded_at=_iso(concluded_at))
    body = (cmd.get("body") or "").strip() or HIGHER_LEVEL
    case.reexamination = Reexamination(reason=cmd["reason"].strip(), requested_at=requested_at,
                                       by=principal["username"], body=body)
    case.status = "reexamination"
    _log(case, now, "reexamination_requested", principal,
         {"requested_at": _iso(requested_at), "body": body})
    case.record(ReexaminationRequested(**_facts(case, principal, now),
                                       requested_at=requested_at, body=body))
    return case


def record_reexamination_outcome(case, cmd, principal, now, calendar):
    access.require("record_reexamination_outcome", principal, case)
    need_status(case, ("reexamination",), "not_in_reexamination")
    decided_at = _not_future("decided_at", cmd["decided_at"], now)
    reexamination = case.reexamination
    _not_before_day("decided_at", decided_at, reexamination.requested_at,
                    "before_reexamination_request")
    reexamination.reference = cmd["reference"].strip()
    reexamination.outcome = cmd["outcome"]
    reexamination.decided_at = decided_at
    reexamination.note = (cmd.get("note") or "").strip() or None
    reexamination.outcome_recorded_at, reexamination.outcome_by = now, principal["username"]
    case.status = "closed"
    _log(case, now, "reexamination_decided", principal,
         {"reference": reexamination.reference, "outcome": cmd["outcome"],
          "decided_at": _iso(decided_at)})
    case.record(ReexaminationDecided(**_facts(case, principal, now), outcome=cmd["outcome"],
                                     reference=reexamination.reference, decided_at=decided_at))
    return case


# ---- Art. 18: escalation to the higher level -----------------------------------------------

def escalate(case, cmd, principal, now, calendar):
    access.require("escalate", principal, case)
    need_status(case, OPEN_STATUSES, "not_open")
    escalation = Escalation(id=len(case.escalations) + 1, reason=cmd["reason"].strip(),
                            body=cmd["body"].strip(),
                            reference=(cmd.get("reference") or "").strip() or None,
                            escalated_at=now, by=principal["username"])
    case.escalations.append(escalation)
    _log(case, now, "case_escalated", principal,
         {"escalation_id": escalation.id, "body": escalation.body,
          "reference": escalation.reference, "escalated_at": _iso(now)})
    case.record(CaseEscalated(**_facts(case, principal, now), escalation_id=escalation.id,
                              body=escalation.body, reference=escalation.reference,
                              escalated_at=now))
    return case


def record_escalation_outcome(case, cmd, principal, now, calendar):
    access.require("record_escalation_outcome", principal, case)
    number = cmd["escalation_id"]
    if not 1 <= number <= len(case.escalations):
        raise Invalid.one("escalation_id", "no_such_escalation", number=number)
    escalation = case.escalations[number - 1]
    if escalation.outcome is not None:
        raise Conflict("escalation_answered", escalation_id=number)
    answered_at = _not_future("answered_at", cmd["answered_at"], now)
    _not_before_day("answered_at", answered_at, escalation.escalated_at, "before_escalation")
    escalation.reference = cmd["reference"].strip()
    escalation.outcome = cmd["outcome"].strip()
    escalation.answered_at = answered_at
    escalation.outcome_recorded_at, escalation.outcome_by = now, principal["username"]
    _log(case, now, "escalation_answered", principal,
         {"escalation_id": number, "reference": escalation.reference,
          "answered_at": _iso(answered_at)})
    case.record(EscalationAnswered(**_facts(case, principal, now), escalation_id=number,
                                   reference=escalation.reference, answered_at=answered_at))
    return case


# ---- Art. 15: the higher level's answer to an appeal against a refusal --------------------

def record_appeal_outcome(case, cmd, principal, now, calendar):
    """Refusal upheld: the case closes. Overturned: the case is accepted as of the higher
    level's decision and the 30-day written-reply clock starts from it."""
    access.require("record_appeal_outcome", principal, case)
    need_status(case, ("appealed",), "not_appealed")
    decided_at = _not_future("decided_at", cmd["decided_at"], now)
    _not_before_day("decided_at", decided_at, case.decision.decided_at, "before_refusal")
    appeal = case.appeal
    appeal.reference, appeal.outcome = cmd["reference"].strip(), cmd["outcome"]
    appeal.decided_at, appeal.outcome_recorded_at = decided_at, now
    appeal.outcome_by = principal["username"]
    detail = {"reference": appeal.reference, "outcome": cmd["outcome"],
              "decided_at": _iso(decided_at)}
    reply_due = None
    if cmd["outcome"] == "refusal_overturned":
        case.status = "accepted"
        reply = new_clock(WRITTEN_REPLY, decided_at, calendar)
        case.clocks.append(reply)
        detail["reply_due"] = _iso(reply.due_at)
        reply_due = Due.of(reply)
        # for the departments an overturned refusal is an acceptance
        case.record(CaseAccepted(**_facts(case, principal, now), category=case.category,
                                 decided_at=decided_at, reply_due=reply_due, flags=case.flags))
    else:
        case.status = "closed"
    _log(case, now, "appeal_decided", principal, detail)
    case.record(AppealDecided(**_facts(case, principal, now), outcome=cmd["outcome"],
                              reference=appeal.reference, decided_at=decided_at,
                              status=case.status, category=case.category, reply_due=reply_due,
                              flags=case.flags))
    return case
