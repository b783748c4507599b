"""The case as the HTTP contract shows it: deadline objects, timeline, work items. Pure: the
time and the working-day calendar are passed in."""
from functools import lru_cache

from weiquan.config import TZ
from weiquan.contracts.codes import (DEPARTMENT_NAMES_ZH, WORK_KIND_LABELS_ZH,
                                     WORK_STATE_LABELS_ZH)

from intake.domain.model import ACCEPTANCE_DECISION
from intake.domain.records import record_fields


# A list page shows the same instants again and again (each case's received_at is its
# clocks' start, the due times of a day's cases are one 23:59:59): each conversion to
# Shanghai time costs 3 us, a remembered one 0.1 us. Keyed by the instant, so equal instants
# in any time zone share one text.
@lru_cache(maxsize=4096)
def _shanghai_iso(dt):
    return dt.astimezone(TZ).isoformat()


@lru_cache(maxsize=4096)
def _shanghai_day(dt):
    return dt.astimezone(TZ).date()


def _iso(dt):
    return None if dt is None else _shanghai_iso(dt)


def days_left(state, due_at, now, calendar):
    """(working_days_left, days_overdue) as of ``now`` (Shanghai dates). Running: the working
    days from today to the due day, both included, today only if it is a working day (1 on
    the due day itself; 0 when only days off are left before an extended date on a day off).
    Overdue: calendar days since the due day (1 on the day after). Otherwise both None."""
    today, due_day = _shanghai_day(now), _shanghai_day(due_at)
    if state == "running":
        return calendar.count_working_days(today, due_day), None
    if state == "overdue":
        return None, (today - due_day).days
    return None, None


def deadline(clock, now, calendar):
    state = clock.state(now)
    left, overdue = days_left(state, clock.due_at, now, calendar)
    view = {"kind": clock.kind, "due": _iso(clock.due_at), "provisional": clock.provisional,
            "state": state, "start": _iso(clock.start_at),
            "satisfied_at": _iso(clock.satisfied_at), "holder": clock.holder,
            "statutory": clock.statutory, "working_days_left": left, "days_overdue": overdue}
    if clock.extended_from is not None:
        view["extended_from"] = _iso(clock.extended_from)
    return view


def _with_times(d):
    return None if d is None else {k: (_iso(v) if hasattr(v, "astimezone") else v)
                                   for k, v in d.items()}


def _record(record):
    """A typed record (domain/records.py) with Shanghai times; None stays None."""
    return None if record is None else _with_times(record_fields(record))


def location(case):
    """Where the case is now: with the committee office, or at the higher level (Art. 15
    appeal, Art. 17 re-examination, Art. 18 escalation awaiting its answer)."""
    if case.status == "appealed":
        return {"at": "higher_level", "why": "appeal"}
    if case.status == "reexamination":
        return {"at": "higher_level", "why": "reexamination"}
    if any(e.outcome is None for e in case.escalations):
        return {"at": "higher_level", "why": "escalation"}
    return {"at": "committee_office", "why": None}


def case_view(case, now, calendar):
    view = {
        "case_no": case.case_no,
        "status": case.status,
        "category": case.category,
        "channel": case.channel,
        "applicant": case.applicant,
        "officer": case.officer,
        "incident": _with_times(case.incident),
        "received_at": _iso(case.received_at),
        "submitted_at": _iso(case.submitted_at),
        "filed_by": case.filed_by,
        "incident_id": case.incident_id,
        "deadlines": [deadline(c, now, calendar) for c in case.clocks],
        "decision": _record(case.decision),
        "appeal": _record(case.appeal),
        "conclusion": _record(case.conclusion),
        "reexamination": _record(case.reexamination),
        "escalations": [_record(e) for e in case.escalations],
        "location": location(case),
        "timeline": [{"at": _iso(h.at), "action": h.action, "actor": h.actor, "detail": h.detail}
                     for h in case.history],
        "work_items": [work_item_view(item) for item in case.work_items],
    }
    due = decision_due(case, now, calendar)
    if due is not None:
        view["decision_due"] = due
    return view


def decision_due(case, now, calendar):
    """The acceptance decision's deadline while the case awaits it, else None: what a
    submission answers, without building the whole case view for it."""
    pending = case.clock(ACCEPTANCE_DECISION)
    if case.status == "submitted" and pending is not None:
        return deadline(pending, now, calendar)
    return None


def work_item_view(item):
    """A department's work item as the case answer and the queues show it (no health, money
    or offender details: the department's summary is written for every role that sees it)."""
    return {"item_id": item.item_id, "case_no": item.case_no, "department": item.department,
            "department_label": DEPARTMENT_NAMES_ZH.get(item.department, item.department),
            "kind": item.kind, "kind_label": WORK_KIND_LABELS_ZH.get(item.kind, item.kind),
            "owner": item.owner, "due": _iso(item.due_at), "state": item.state,
            "state_label": WORK_STATE_LABELS_ZH.get(item.state, item.state),
            "summary": item.summary, "opened_at": _iso(item.opened_at),
            "updated_at": _iso(item.updated_at)}


def case_summary(case, now, calendar):
    """A case of a list: what a queue needs (deadlines, where the case is), without the
    timeline and records a list page never shows, so a page of 100 stays cheap."""
    deadlines = [deadline(c, now, calendar) for c in case.clocks]
    summary = {"case_no": case.case_no, "status": case.status, "category": case.category,
               "channel": case.channel, "received_at": _iso(case.received_at),
               "deadlines": deadlines,
               "officer": {"name": case.officer["name"], "unit": case.officer["unit"]},
               "anti_gang": case.flags["anti_gang"],
               "overdue": any(d["state"] == "overdue" for d in deadlines),
               "location": location(case)}  # e.g. an escalation awaiting the higher level
    pending = case.clock(ACCEPTANCE_DECISION)
    if case.status == "submitted" and pending is not None:
        summary["decision_due"] = next(d for c, d in zip(case.clocks, deadlines)
                                       if c is pending)
    return summary


EXTENDED_NOTE = (
    "Extended by the committee director (Art. 16): the due date is the director's, not "
    "reckoned from the rule; the reckoning shows the statutory date it replaced",
    "已经维权委主任批准延期（第十六条）：期限为批准的日期，不按规则推算；下列推算为延期前的法定期限")
RECOMPUTE_NOTE = (
    "The calendar has changed since this deadline was set; the sweep will move it to the "
    "reckoned date", "工作日历已更新，该期限将由定时任务调整为推算日期")


def deadline_reckoning(case, clock, rule, reckoned, now, calendar):
    """A deadline with the reckoning of its kind's rule from its clock's start."""
    counting, n = rule
    extended = clock.extended_from is not None
    note = EXTENDED_NOTE if extended else None
    if not extended and reckoned.due.due != clock.due_at.astimezone(TZ):
        note = RECOMPUTE_NOTE
    return {"case_no": case.case_no, "deadline": deadline(clock, now, calendar),
            "rule": {"counting": counting, "n": n},
            "from": clock.start_at.astimezone(TZ).date().isoformat(),
            "reckoned": reckoned.due.as_dict(), "extended": extended,
            "note": note and note[0], "note_zh": note and note[1],
            "reckoning": reckoned.as_list()}

