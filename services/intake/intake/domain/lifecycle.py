"""The case after the acceptance decision: written conclusions and their extension (Art. 16),
re-examination (Art. 17), escalation (Art. 18) and the higher level's answer to an appeal
(Art. 15). Pure like rules.py: time and the working-day calendar are passed in, and every
change leaves a history entry with Asia/Shanghai times."""
from datetime import datetime

from weiquan.calendar.workdays import END_OF_DAY
from weiquan.config import TZ
from weiquan.contracts.codes import COMMITTEE_ROLES
from weiquan.kit.errors import conflict, forbidden, validation_error

from intake.domain.model import WRITTEN_REPLY, HistoryEntry, is_past
from intake.domain.rules import _future, new_clock

HIGHER_LEVEL = "上级公安机关维权组织"   # Art. 17: the next-higher bureau's rights-protection body
OPEN_STATUSES = ("submitted", "accepted")  # Art. 18: escalation from any open case


def _iso(dt):
    return dt.astimezone(TZ).isoformat()


def _day(dt):
    return dt.astimezone(TZ).date()


def _roles(principal):
    return set(principal["roles"])


def _log(case, now, action, principal, detail):
    case.history.append(HistoryEntry(now, action, principal["username"], detail))


def _need_status(case, wanted, code, zh, en):
    if case.status not in wanted:
        raise conflict(code, f"{zh}（当前状态 {case.status}）", f"{en} (status {case.status})",
                       status_now=case.status)


def _not_future(name, value, now):
    if _future(value, now):
        raise validation_error({name: f"{name} 不能晚于当前时间 / {name} cannot be in the "
                                      f"future."})
    return min(value, now)


def _not_before_day(name, value, earliest, what_zh, what_en):
    """Outside bodies' documents carry a day: compare Shanghai calendar days."""
    if _day(value) < _day(earliest):
        raise validation_error({name: f"{name} 不能早于{what_zh}（{_day(earliest)}） / {name} "
                                      f"cannot be before {what_en} ({_day(earliest)})."})


def _open_reply_clock(case):
    clock = case.clock(WRITTEN_REPLY)
    if case.status != "accepted" or clock is None or not clock.is_open:
        raise conflict("no_open_reply_deadline",
                       f"该案件没有进行中的书面答复期限，不能延期（当前状态 {case.status}）",
                       f"The case has no open written-reply deadline to extend "
                       f"(status {case.status})", status_now=case.status)
    return clock


# ---- Art. 16: conclusion and extension -----------------------------------------------------

def conclude(case, cmd, principal, now, calendar):
    """The written conclusions: satisfies the 30-day reply clock (met or missed by itself)."""
    if "committee_office" not in _roles(principal):
        raise forbidden("仅维权办可作出书面办理结论", "Only the committee office concludes a case")
    _need_status(case, ("accepted",), "not_accepted", "仅已受理的案件可以办结",
                 "Only an accepted case can be concluded")
    case.conclusion = {"findings": cmd["findings"].strip(), "outcome": cmd["outcome"],
                       "concluded_at": now, "by": principal["username"]}
    detail = {"outcome": cmd["outcome"], "concluded_at": _iso(now)}
    clock = case.clock(WRITTEN_REPLY)
    if clock is not None and clock.is_open:
        clock.satisfied_at = now
        detail["reply_due"] = _iso(clock.due_at)
        detail["reply_state"] = clock.state(now)
    case.status = "concluded"
    _log(case, now, "case_concluded", principal, detail)
    return case


def extend(case, cmd, principal, now, calendar):
    """The director moves the written-reply deadline to the end of a later working day; the
    first statutory date is kept in ``extended_from``, a recorded miss stays recorded, and the
    director's date is firm (not provisional, so a calendar reload leaves it alone)."""
    if "committee_director" not in _roles(principal):
        raise forbidden("仅维权委主任可批准延期（第十六条）",
                        "Only the committee director approves an extension (Art. 16)")
    reason = (cmd.get("reason") or "").strip()
    if not reason:
        raise validation_error({"reason": "延期须说明理由 / An extension needs a reason."})
    clock = _open_reply_clock(case)
    day = _day(cmd["new_due"])
    new_due = datetime.combine(day, END_OF_DAY, tzinfo=TZ)
    if not calendar.is_working_day(day):
        raise validation_error({"new_due": f"新期限 {day} 不是工作日 / new_due {day} is not a "
                                           f"working day."})
    old_due = clock.due_at
    if new_due <= old_due:
        current = _day(old_due)
        raise validation_error({"new_due": f"新期限须晚于当前期限 {current} / new_due must be "
                                           f"later than the current due date {current}."})
    if is_past(now, new_due):
        raise validation_error({"new_due": f"新期限 {day} 已过 / new_due {day} has already "
                                           f"passed."})
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
    return case


# ---- Art. 17: re-examination of the conclusion ---------------------------------------------

def request_reexamination(case, cmd, principal, now, calendar):
    if principal["username"] != case.filed_by and "committee_office" not in _roles(principal):
        raise forbidden("仅申请人可以申请复查", "Only the applicant may ask for re-examination")
    _need_status(case, ("concluded",), "not_concluded", "仅已办结的案件可以申请复查",
                 "Re-examination can be asked only after the conclusion")
    requested_at = _not_future("requested_at", cmd.get("requested_at") or now, now)
    concluded_at = case.conclusion["concluded_at"]
    if requested_at < concluded_at:
        raise validation_error({"requested_at": f"复查申请时间不能早于办结时间 "
                                f"{_iso(concluded_at)} / requested_at cannot be before the "
                                f"conclusion ({_iso(concluded_at)})."})
    body = (cmd.get("body") or "").strip() or HIGHER_LEVEL
    case.reexamination = {"reason": cmd["reason"].strip(), "requested_at": requested_at,
                          "by": principal["username"], "body": body, "reference": None,
                          "outcome": None}
    case.status = "reexamination"
    _log(case, now, "reexamination_requested", principal,
         {"requested_at": _iso(requested_at), "body": body})
    return case


def record_reexamination_outcome(case, cmd, principal, now, calendar):
    if "committee_office" not in _roles(principal):
        raise forbidden("仅维权办可录入复查结果",
                        "Only the committee office records the re-examination outcome")
    _need_status(case, ("reexamination",), "not_in_reexamination", "该案件不在复查中",
                 "The case is not under re-examination")
    decided_at = _not_future("decided_at", cmd["decided_at"], now)
    _not_before_day("decided_at", decided_at, case.reexamination["requested_at"],
                    "复查申请时间", "the re-examination request")
    case.reexamination = {**case.reexamination, "reference": cmd["reference"].strip(),
                          "outcome": cmd["outcome"], "decided_at": decided_at,
                          "note": (cmd.get("note") or "").strip() or None,
                          "outcome_recorded_at": now, "outcome_by": principal["username"]}
    case.status = "closed"
    _log(case, now, "reexamination_decided", principal,
         {"reference": case.reexamination["reference"], "outcome": cmd["outcome"],
          "decided_at": _iso(decided_at)})
    return case


# ---- Art. 18: escalation to the higher level -----------------------------------------------

def escalate(case, cmd, principal, now, calendar):
    if not _roles(principal) & {"committee_office", "committee_director"}:
        raise forbidden("仅维权办或维权委主任可提请上级协调",
                        "Only the committee office or director escalates to the higher level")
    _need_status(case, OPEN_STATUSES, "not_open", "仅办理中的案件可以提请上级协调",
                 "Only an open case can be escalated")
    escalation = {"id": len(case.escalations) + 1, "reason": cmd["reason"].strip(),
                  "body": cmd["body"].strip(),
                  "reference": (cmd.get("reference") or "").strip() or None,
                  "escalated_at": now, "by": principal["username"], "outcome": None}
    case.escalations = [*case.escalations, escalation]
    _log(case, now, "case_escalated", principal,
         {"escalation_id": escalation["id"], "body": escalation["body"],
          "reference": escalation["reference"], "escalated_at": _iso(now)})
    return case


def record_escalation_outcome(case, cmd, principal, now, calendar):
    if not _roles(principal) & set(COMMITTEE_ROLES):
        raise forbidden("仅维权委可录入上级协调结果",
                        "Only the committee records the higher level's answer")
    number = cmd["escalation_id"]
    if not 1 <= number <= len(case.escalations):
        raise validation_error({"escalation_id": f"该案件没有第 {number} 次提请协调 / The "
                                                 f"case has no escalation {number}."})
    escalation = case.escalations[number - 1]
    if escalation.get("outcome") is not None:
        raise conflict("escalation_answered", f"第 {number} 次提请协调已录入结果",
                       f"Escalation {number} already has its outcome", escalation_id=number)
    answered_at = _not_future("answered_at", cmd["answered_at"], now)
    _not_before_day("answered_at", answered_at, escalation["escalated_at"], "提请协调时间",
                    "the escalation")
    answered = {**escalation, "reference": cmd["reference"].strip(),
                "outcome": cmd["outcome"].strip(), "answered_at": answered_at,
                "outcome_recorded_at": now, "outcome_by": principal["username"]}
    case.escalations = [answered if e is escalation else e for e in case.escalations]
    _log(case, now, "escalation_answered", principal,
         {"escalation_id": number, "reference": answered["reference"],
          "answered_at": _iso(answered_at)})
    return case


# ---- Art. 15: the higher level's answer to an appeal against a refusal --------------------

def record_appeal_outcome(case, cmd, principal, now, calendar):
    """Refusal upheld: the case closes. Overturned: the case is accepted as of the higher
    level's decision and the 30-day written-reply clock starts from it."""
    if "committee_office" not in _roles(principal):
        raise forbidden("仅维权办可录入复议结果",
                        "Only the committee office records the appeal outcome")
    _need_status(case, ("appealed",), "not_appealed", "该案件不在复议中",
                 "The case has no pending appeal")
    decided_at = _not_future("decided_at", cmd["decided_at"], now)
    _not_before_day("decided_at", decided_at, case.decision["decided_at"], "不予受理决定时间",
                    "the refusal")
    case.appeal = {**case.appeal, "reference": cmd["reference"].strip(),
                   "outcome": cmd["outcome"], "decided_at": decided_at,
                   "outcome_recorded_at": now, "outcome_by": principal["username"]}
    detail = {"reference": case.appeal["reference"], "outcome": cmd["outcome"],
              "decided_at": _iso(decided_at)}
    if cmd["outcome"] == "refusal_overturned":
        case.status = "accepted"
        reply = new_clock(WRITTEN_REPLY, decided_at, calendar)
        case.clocks.append(reply)
        detail["reply_due"] = _iso(reply.due_at)
    else:
        case.status = "closed"
    _log(case, now, "appeal_decided", principal, detail)
    return case
