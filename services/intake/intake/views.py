"""The case as the HTTP contract shows it: deadline objects, timeline, work items."""
from weiquan.config import TZ

from intake.domain.model import ACCEPTANCE_DECISION


def _iso(dt):
    return None if dt is None else dt.astimezone(TZ).isoformat()


def deadline(clock, now):
    return {"kind": clock.kind, "due": _iso(clock.due_at), "provisional": clock.provisional,
            "state": clock.state(now), "start": _iso(clock.start_at),
            "satisfied_at": _iso(clock.satisfied_at)}


def _with_times(d):
    return None if d is None else {k: (_iso(v) if hasattr(v, "astimezone") else v)
                                   for k, v in d.items()}


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
        "deadlines": [deadline(c, now) for c in case.clocks],
        "decision": _with_times(case.decision),
        "appeal": _with_times(case.appeal),
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
