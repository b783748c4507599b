"""The case as the HTTP contract shows it: deadline objects, timeline, work items."""
from weiquan.config import TZ

from intake.domain.model import ACCEPTANCE_DECISION
from intake.domain.records import record_fields


def _iso(dt):
    return None if dt is None else dt.astimezone(TZ).isoformat()


def deadline(clock, now):
    view = {"kind": clock.kind, "due": _iso(clock.due_at), "provisional": clock.provisional,
            "state": clock.state(now), "start": _iso(clock.start_at),
            "satisfied_at": _iso(clock.satisfied_at), "holder": clock.holder,
            "statutory": clock.statutory}
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


def case_view(case, now):
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
        "deadlines": [deadline(c, now) for c in case.clocks],
        "decision": _record(case.decision),
        "appeal": _record(case.appeal),
        "conclusion": _record(case.conclusion),
        "reexamination": _record(case.reexamination),
        "escalations": [_record(e) for e in case.escalations],
        "location": location(case),
        "timeline": [{"at": _iso(h.at), "action": h.action, "actor": h.actor, "detail": h.detail}
                     for h in case.history],
        "work_items": [],
    }
    pending = case.clock(ACCEPTANCE_DECISION)
    if case.status == "submitted" and pending is not None:
        view["decision_due"] = deadline(pending, now)
    return view


def case_summary(case, now):
    full = case_view(case, now)
    keep = ("case_no", "status", "category", "channel", "received_at", "deadlines", "decision_due")
    summary = {k: full[k] for k in keep if k in full}
    summary["officer"] = {"name": case.officer["name"], "unit": case.officer["unit"]}
    summary["anti_gang"] = case.flags["anti_gang"]
    summary["overdue"] = any(d["state"] == "overdue" for d in full["deadlines"])
    return summary
