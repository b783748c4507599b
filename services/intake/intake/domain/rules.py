"""What may happen to a case, and what it becomes. Every function is pure: time and the
working-day calendar are passed in."""
from datetime import timedelta

from weiquan.config import TZ
from weiquan.contracts.codes import COMMITTEE_ROLES
from weiquan.kit.errors import AppError, conflict, forbidden, validation_error

from intake.domain.clock_rules import compute_due
from intake.domain.model import (ACCEPTANCE_DECISION, ANTI_GANG_DECISION, APPEAL_WINDOW, OFFICE,
                                 WRITTEN_REPLY, Case, Clock, HistoryEntry, is_past)

# How long each clock runs is in one table: clock_rules.DUE_RULES (Art. 14, 15, 16, 34).
CLOCK_SKEW = timedelta(minutes=2)    # tolerance for a client clock slightly ahead of ours

_APPLICANT_TYPE_OF_ROLE = {"officer": "officer", "relative": "relative", "unit_liaison": "unit"}


def case_number(year, seq):
    return f"GX-WQ-{year}-{seq:06d}"


def _future(value, now):
    return value > now + CLOCK_SKEW


def new_clock(kind, start_at, calendar, holder=OFFICE, statutory=True):
    """A clock whose due date follows from its start by the kind's rule (DUE_RULES)."""
    due = compute_due(kind, start_at, calendar)
    return Clock(kind=kind, start_at=start_at, due_at=due.due, provisional=due.provisional,
                 holder=holder, statutory=statutory)


def check_submission(cmd, principal, now):
    """Who may file what (Art. 12), and which times are believable. Returns received_at."""
    roles = set(principal["roles"])
    applicant_type = cmd["applicant"]["type"]
    if "committee_office" in roles:
        if cmd["channel"] != "written":
            raise AppError("channel_not_allowed", "维权办仅录入书面申请（渠道须为 written）",
                           "The committee office keys in written applications only "
                           "(channel must be 'written')", fields={"channel": "written"}, status=422)
    else:
        own_type = next((t for r, t in _APPLICANT_TYPE_OF_ROLE.items() if r in roles), None)
        if own_type is None:
            raise forbidden("该角色不能提交维权申请", "This role cannot submit applications")
        if applicant_type != own_type:
            raise validation_error({"applicant.type": f"您的账号只能以 {own_type} 身份申请 / "
                                    f"Your account applies as '{own_type}' only."})
        if cmd["channel"] == "written":
            raise validation_error({"channel": "书面申请由维权办录入 / Written applications "
                                               "are keyed in by the committee office."})
        if cmd.get("received_at") is not None:
            raise validation_error({"received_at": "仅维权办录入书面申请时可填写收件时间 / Only "
                                    "the committee office keying in a written application may "
                                    "set received_at."})
        if own_type == "officer" and not principal.get("police_id"):
            raise forbidden("账号未登记警号，不能以民警身份申请",
                            "This account has no police ID and cannot apply as an officer")
        if own_type == "unit" and cmd["officer"]["unit"] != principal.get("unit"):
            raise validation_error({"officer.unit": "单位只能为本单位民警申请 / A unit applies "
                                    "for its own officers only."})
        if own_type == "officer" and cmd["officer"]["police_id"] != principal["police_id"]:
            raise validation_error({"officer.police_id": "民警本人申请时警号须为本人警号 / An "
                                    "officer applies for himself or herself: police_id must "
                                    "be your own."})
    occurred_at = cmd["incident"]["occurred_at"]
    if _future(occurred_at, now):
        raise validation_error({"incident.occurred_at": "事发时间不能晚于当前时间 / The incident "
                                "cannot have occurred in the future."})
    received_at = cmd.get("received_at") or now
    if _future(received_at, now):
        raise validation_error({"received_at": "收件时间不能晚于当前时间 / received_at cannot be "
                                "in the future."})
    if received_at < occurred_at:
        raise validation_error({"received_at": "收件时间不能早于事发时间 / received_at cannot be "
                                "before the incident occurred."})
    return min(received_at, now)


def new_case(case_no, cmd, principal, now, calendar):
    received_at = check_submission(cmd, principal, now)
    return open_case(case_no, cmd, principal, received_at, now, calendar)


def open_case(case_no, cmd, principal, received_at, now, calendar, source=None):
    """The case and its acceptance clock, once the caller has checked who files what
    (check_submission; domain/incidents.py for incidents and referrals)."""
    case = Case(case_no=case_no, status="submitted", category=cmd["category"],
                channel=cmd["channel"], applicant=dict(cmd["applicant"]),
                officer=dict(cmd["officer"]), incident=dict(cmd["incident"]),
                received_at=received_at, submitted_at=now, filed_by=principal["username"])
    case.clocks.append(new_clock(ACCEPTANCE_DECISION, received_at, calendar))
    if case.flags["anti_gang"]:
        case.clocks.append(new_clock(ANTI_GANG_DECISION, received_at, calendar, statutory=False))
    detail = {"channel": case.channel, "category": case.category}
    if cmd.get("received_at") is not None and source is None:
        detail["keyed_in_received_at"] = received_at.astimezone(TZ).isoformat()
    detail.update(source or {})
    case.history.append(HistoryEntry(now, "application_submitted", principal["username"], detail))
    return case


def decide(case, cmd, principal, now, calendar):
    """Art. 14: accept (30-day reply clock starts) or refuse with written reasons."""
    if not set(principal["roles"]) & {"committee_office"}:
        raise forbidden("仅维权办可作出受理决定", "Only the committee office decides on acceptance")
    if case.status != "submitted":
        raise conflict("already_decided", f"该申请已作出决定（当前状态 {case.status}）",
                       f"This application has already been decided (status {case.status})",
                       status_now=case.status)
    decided_at = cmd.get("decided_at") or now
    if _future(decided_at, now):
        raise validation_error({"decided_at": "决定时间不能晚于当前时间 / decided_at cannot be in "
                                              "the future."})
    if decided_at < case.received_at:
        raise validation_error({"decided_at": "决定时间不能早于收件时间 / decided_at cannot be "
                                              "before the application was received."})
    decided_at = min(decided_at, now)
    reason = (cmd.get("reason") or "").strip()
    case.decision = {"accept": cmd["accept"], "reason": reason or None,
                     "decided_at": decided_at, "decided_by": principal["username"],
                     "recorded_at": now}
    for kind in (ACCEPTANCE_DECISION, ANTI_GANG_DECISION):
        if case.clock(kind) is not None:
            case.clock(kind).satisfied_at = decided_at
    if cmd["accept"]:
        case.status = "accepted"
        case.clocks.append(new_clock(WRITTEN_REPLY, decided_at, calendar))
    else:
        case.status = "rejected"
        # Until the applicant says when the answer arrived, assume the day of the decision.
        case.clocks.append(new_clock(APPEAL_WINDOW, decided_at, calendar, holder=None))
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
    roles = set(principal["roles"])
    if principal["username"] != case.filed_by and "committee_office" not in roles:
        raise forbidden("仅申请人可以申请复议", "Only the applicant may appeal a refusal")
    if case.status != "rejected":
        raise conflict("not_rejected", f"仅不予受理的申请可申请复议（当前状态 {case.status}）",
                       f"Only a refused application can be appealed (status {case.status})",
                       status_now=case.status)
    received = cmd["answer_received_at"]
    decided_at = case.decision["decided_at"]
    if _future(received, now):
        raise validation_error({"answer_received_at": "收到答复时间不能晚于当前时间 / "
                                "answer_received_at cannot be in the future."})
    if received.astimezone(TZ).date() < decided_at.astimezone(TZ).date():
        raise validation_error({"answer_received_at": "收到答复时间不能早于决定时间 / "
                                "answer_received_at cannot be before the decision."})
    window = compute_due(APPEAL_WINDOW, received, calendar)
    closes = window.due.date().isoformat()
    if is_past(now, window.due):
        raise conflict("appeal_window_closed",
                       f"复议申请期限已于 {closes} 届满（第十五条：收到答复之日起10个工作日内）",
                       f"The appeal window closed on {closes} (Art. 15: 10 working days after "
                       f"the answer was received)", window_closed_on=closes,
                       window_closed_at=window.due.isoformat())
    clock = case.clock(APPEAL_WINDOW)
    clock.start_at, clock.due_at, clock.provisional = received, window.due, window.provisional
    clock.satisfied_at = now
    case.status = "appealed"
    case.appeal = {"reason": cmd["reason"], "appealed_at": now, "answer_received_at": received,
                   "window_closes": window.due, "by": principal["username"]}
    case.history.append(HistoryEntry(now, "case_appealed", principal["username"],
                                     {"answer_received_at": received.astimezone(TZ).isoformat(),
                                      "window_closes": window.due.astimezone(TZ).isoformat()}))
    return case


def is_committee(principal):
    return bool(set(principal["roles"]) & set(COMMITTEE_ROLES))


def can_view(case, principal):
    """Applicants see what they filed or what concerns them; the committee sees everything."""
    if is_committee(principal):
        return True
    roles = set(principal["roles"])
    if case.filed_by == principal["username"]:
        return True
    if "officer" in roles and principal.get("police_id") and \
            case.officer["police_id"] == principal["police_id"]:
        return True
    if "unit_liaison" in roles and principal.get("unit") and \
            case.officer["unit"] == principal["unit"]:
        return True
    if "command_center" in roles and case.incident_id:
        return True  # Art. 13: the command center handles every case opened from an incident
    return False

