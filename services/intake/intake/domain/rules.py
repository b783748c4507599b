"""What may happen to a case before and at the acceptance decision, and what it becomes. Every
function is pure: time and the working-day calendar are passed in. Refusals are
``weiquan.errors`` with codes; their text is in contracts/messages/intake.py."""
from datetime import timedelta

from weiquan.config import TZ
from weiquan.errors import Conflict, Invalid, NotAllowed

from intake.domain import access
from intake.domain.clock_rules import compute_due
from intake.domain.events import (ApplicationSubmitted, CaseAccepted, CaseAppealed, CaseRejected,
                                  Due, actor_of)
from intake.domain.model import (ACCEPTANCE_DECISION, ANTI_GANG_DECISION, APPEAL_WINDOW, OFFICE,
                                 WRITTEN_REPLY, Case, Clock, HistoryEntry, is_past)
from intake.domain.records import Appeal, Decision

# How long each clock runs is in one table: clock_rules.DUE_RULES (Art. 14, 15, 16, 34).
CLOCK_SKEW = timedelta(minutes=2)    # tolerance for a client clock slightly ahead of ours

_APPLICANT_TYPE_OF_ROLE = {"officer": "officer", "relative": "relative", "unit_liaison": "unit"}


def case_number(year, seq):
    return f"GX-WQ-{year}-{seq:06d}"


def in_future(value, now):
    return value > now + CLOCK_SKEW


def new_clock(kind, start_at, calendar, holder=OFFICE, statutory=True):
    """A clock whose due date follows from its start by the kind's rule (DUE_RULES)."""
    due = compute_due(kind, start_at, calendar)
    return Clock(kind=kind, start_at=start_at, due_at=due.due, provisional=due.provisional,
                 holder=holder, statutory=statutory)


def _check_applicant(cmd, principal):
    """An applicant files for themselves, their relative or their unit's officers, online."""
    roles = set(principal["roles"])
    own_type = next(t for r, t in _APPLICANT_TYPE_OF_ROLE.items() if r in roles)
    if cmd["applicant"]["type"] != own_type:
        raise Invalid.one("applicant.type", "applies_as_own_type", own_type=own_type)
    if cmd["channel"] == "written":
        raise Invalid.one("channel", "written_is_keyed_in")
    if cmd.get("received_at") is not None:
        raise Invalid.one("received_at", "received_at_keyed_in_only")
    if own_type == "officer" and not principal.get("police_id"):
        raise NotAllowed("officer_without_police_id", action="intake.submit_application")
    if own_type == "unit" and cmd["officer"]["unit"] != principal.get("unit"):
        raise Invalid.one("officer.unit", "own_unit_only")
    if own_type == "officer" and cmd["officer"]["police_id"] != principal["police_id"]:
        raise Invalid.one("officer.police_id", "own_police_id_only")


def check_submission(cmd, principal, now):
    """Who may file what (Art. 12), and which times are believable. Returns received_at."""
    access.require("submit_application", principal)
    if access.OFFICE in principal["roles"]:
        if cmd["channel"] != "written":
            raise Invalid.one("channel", "office_keys_in_written_only")
    else:
        _check_applicant(cmd, principal)
    occurred_at = cmd["incident"]["occurred_at"]
    if in_future(occurred_at, now):
        raise Invalid.one("incident.occurred_at", "incident_in_future")
    received_at = cmd.get("received_at") or now
    if in_future(received_at, now):
        raise Invalid.one("received_at", "received_in_future")
    if received_at < occurred_at:
        raise Invalid.one("received_at", "received_before_incident")
    return min(received_at, now)


def new_case(case_no, cmd, principal, now, calendar):
    received_at = check_submission(cmd, principal, now)
    return open_case(case_no, cmd, principal, received_at, now, calendar)


def open_case(case_no, cmd, principal, received_at, now, calendar, source=None,
              incident_id=None):
    """The case and its acceptance clock, once the caller has checked who files what
    (check_submission; domain/incidents.py for incidents and referrals)."""
    case = Case(case_no=case_no, status="submitted", category=cmd["category"],
                channel=cmd["channel"], applicant=dict(cmd["applicant"]),
                officer=dict(cmd["officer"]), incident=dict(cmd["incident"]),
                received_at=received_at, submitted_at=now, filed_by=principal["username"],
                incident_id=incident_id)
    case.clocks.append(new_clock(ACCEPTANCE_DECISION, received_at, calendar))
    if case.flags["anti_gang"]:
        case.clocks.append(new_clock(ANTI_GANG_DECISION, received_at, calendar, statutory=False))
    detail = {"channel": case.channel, "category": case.category}
    if cmd.get("received_at") is not None and source is None:
        detail["keyed_in_received_at"] = received_at.astimezone(TZ).isoformat()
    detail.update(source or {})
    case.history.append(HistoryEntry(now, "application_submitted", principal["username"], detail))
    case.record(ApplicationSubmitted(
        case_no=case_no, actor=actor_of(principal), at=now, category=case.category,
        channel=case.channel, applicant_type=case.applicant["type"],
        police_id=case.officer["police_id"], officer_unit=case.officer["unit"],
        personnel_type=case.officer["personnel_type"], received_at=received_at,
        decision_due=Due.of(case.clock(ACCEPTANCE_DECISION)), flags=case.flags,
        incident_id=incident_id))
    return case


def need_status(case, wanted, code):
    """The case's status refuses the command: a conflict naming the status it is in."""
    if case.status not in wanted:
        raise Conflict(code, status_now=case.status)


def decide(case, cmd, principal, now, calendar):
    """Art. 14: accept (30-day reply clock starts) or refuse with written reasons."""
    access.require("decide", principal, case)
    need_status(case, ("submitted",), "already_decided")
    decided_at = cmd.get("decided_at") or now
    if in_future(decided_at, now):
        raise Invalid.one("decided_at", "decided_in_future")
    if decided_at < case.received_at:
        raise Invalid.one("decided_at", "decided_before_receipt")
    decided_at = min(decided_at, now)
    reason = (cmd.get("reason") or "").strip()
    case.decision = Decision(accept=cmd["accept"], reason=reason or None, decided_at=decided_at,
                             decided_by=principal["username"], recorded_at=now)
    for kind in (ACCEPTANCE_DECISION, ANTI_GANG_DECISION):
        if case.clock(kind) is not None:
            case.clock(kind).satisfied_at = decided_at
    facts = dict(case_no=case.case_no, actor=actor_of(principal), at=now,
                 category=case.category, decided_at=decided_at)
    if cmd["accept"]:
        case.status = "accepted"
        reply = new_clock(WRITTEN_REPLY, decided_at, calendar)
        case.clocks.append(reply)
        case.record(CaseAccepted(**facts, reply_due=Due.of(reply), flags=case.flags))
    else:
        case.status = "rejected"
        # Until the applicant says when the answer arrived, assume the day of the decision.
        case.clocks.append(new_clock(APPEAL_WINDOW, decided_at, calendar, holder=None))
        case.record(CaseRejected(**facts))
    detail = {"accept": cmd["accept"], "decided_at": decided_at.astimezone(TZ).isoformat()}
    if reason:
        detail["reason"] = reason
    if cmd.get("decided_at") is not None:
        detail["paper_decision"] = True
    case.history.append(HistoryEntry(now, "case_accepted" if cmd["accept"] else "case_rejected",
                                     principal["username"], detail))
    return case


def appeal(case, cmd, principal, now, calendar):
    """Art. 15: a refused applicant asks the higher level within 10 working days of the answer."""
    access.require("appeal", principal, case)
    need_status(case, ("rejected",), "not_rejected")
    received = cmd["answer_received_at"]
    if in_future(received, now):
        raise Invalid.one("answer_received_at", "answer_received_in_future")
    if received.astimezone(TZ).date() < case.decision.decided_at.astimezone(TZ).date():
        raise Invalid.one("answer_received_at", "answer_received_before_decision")
    window = compute_due(APPEAL_WINDOW, received, calendar)
    if is_past(now, window.due):
        raise Conflict("appeal_window_closed", window_closed_on=window.due.date().isoformat(),
                       window_closed_at=window.due.isoformat())
    clock = case.clock(APPEAL_WINDOW)
    clock.start_at, clock.due_at, clock.provisional = received, window.due, window.provisional
    clock.satisfied_at = now
    case.status = "appealed"
    case.appeal = Appeal(reason=cmd["reason"], appealed_at=now, answer_received_at=received,
                         window_closes=window.due, by=principal["username"])
    case.history.append(HistoryEntry(now, "case_appealed", principal["username"],
                                     {"answer_received_at": received.astimezone(TZ).isoformat(),
                                      "window_closes": window.due.astimezone(TZ).isoformat()}))
    case.record(CaseAppealed(case_no=case.case_no, actor=actor_of(principal), at=now,
                             appealed_at=now, answer_received_at=received,
                             window_closes=window.due))
    return case
