"""What the pages show of the services' answers: plain functions, no request, no template.
Every deadline is a date (Asia/Shanghai) with the days left or overdue from the answer's own
working_days_left / days_overdue (intake counts them with the working-day calendar)."""
from datetime import datetime, timezone

from weiquan.config import TZ

from gateway.labels import (CATEGORY_LABELS_ZH, DEADLINE_KIND_LABELS_ZH,
                            DEADLINE_STATE_LABELS_ZH, STATUS_LABELS_ZH, TIMELINE_LABELS_ZH,
                            label)

FAR = datetime.max.replace(tzinfo=timezone.utc)  # a case without an open deadline: last


def local(at):
    """An answer's ISO time as Asia/Shanghai; None stays None."""
    return datetime.fromisoformat(at).astimezone(TZ) if at else None


def day_of(at):
    moment = local(at)
    return moment.date().isoformat() if moment else ""


def minute_of(at):
    moment = local(at)
    return moment.strftime("%Y-%m-%d %H:%M") if moment else ""


def days_text(deadline):
    """(Chinese, English) of how far the deadline is: left, overdue, or its final state."""
    left, late = deadline.get("working_days_left"), deadline.get("days_overdue")
    if deadline["state"] == "running" and left is not None:
        return f"剩余 {left} 个工作日", f"{left} working day{'s' if left != 1 else ''} left"
    if deadline["state"] == "overdue" and late is not None:
        return f"已逾期 {late} 天", f"{late} day{'s' if late != 1 else ''} overdue"
    state = deadline["state"]
    return label(DEADLINE_STATE_LABELS_ZH, state), state


def deadline_view(deadline):
    zh, en = days_text(deadline)
    return {"kind": deadline["kind"], "label": label(DEADLINE_KIND_LABELS_ZH, deadline["kind"]),
            "due_date": day_of(deadline["due"]), "days_zh": zh, "days_en": en,
            "state": deadline["state"], "overdue": deadline["state"] in ("overdue", "missed"),
            "provisional": bool(deadline.get("provisional"))}


def open_deadlines(item):
    """The deadlines still running or overdue; a case without any shows its decision's."""
    found = [d for d in item.get("deadlines") or [] if d["state"] in ("running", "overdue")]
    if not found and item.get("decision_due"):
        found = [item["decision_due"]]
    return [deadline_view(d) for d in found]


def case_row(item):
    """A case of a list (CaseSummaryV1) as a page row."""
    return {"case_no": item["case_no"], "status": label(STATUS_LABELS_ZH, item["status"]),
            "category": label(CATEGORY_LABELS_ZH, item.get("category")),
            "received_on": day_of(item.get("received_at")),
            "anti_gang": bool(item.get("anti_gang")), "overdue": bool(item.get("overdue")),
            "officer": item.get("officer") or {}, "deadlines": open_deadlines(item)}


def _nearest_due(item):
    dues = [d["due"] for d in item.get("deadlines") or []
            if d["state"] in ("running", "overdue")]
    if item.get("decision_due"):
        dues.append(item["decision_due"]["due"])
    return min((local(d) for d in dues), default=FAR)


def intake_queue(items):
    """The committee's queue: anti-gang cases first (Art. 34), then the nearest deadline."""
    return sorted(items, key=lambda i: (not i.get("anti_gang"), _nearest_due(i), i["case_no"]))


def timeline_view(entries):
    return [{"at": minute_of(e["at"]), "action": label(TIMELINE_LABELS_ZH, e["action"]),
             "code": e["action"], "actor": e["actor"]} for e in entries]
