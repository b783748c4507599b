"""The cyber brigade's own work items (DESIGN.md "Work items", Art. 9(7)): web evidence on an
accepted case of an online category, and one takedown item per takedown request. An item is
a plain dict row of evidence's work_items table; each change says which work event announces
it. Summaries are for every role that sees the case: no URLs, platforms or post contents."""
from datetime import timedelta

DEPARTMENT = "cyber_brigade"
WEB_EVIDENCE, TAKEDOWN = "web_evidence", "takedown"
# Art. 11 situations that happen (or are spread) online: the brigade fixes the web evidence
# and takes harmful posts down.
ONLINE_CATEGORIES = ("threat_insult_harassment", "false_accusation_retaliation",
                     "malicious_complaint_hype", "privacy_violation")
WEB_EVIDENCE_SUMMARY = "网络证据固定与有害信息处置"
WEB_EVIDENCE_WORKING_DAYS = 5
FALLBACK_DAYS = 7   # when the calendar cannot say (no data for the year): calendar days
# takedown status -> (work event, item state, summary)
TAKEDOWN_STEPS = {
    "requested": ("work_opened", "open", "有害信息处置：已申请平台删除"),
    "submitted": ("work_updated", "open", "有害信息处置：已提交平台"),
    "removed": ("work_closed", "done", "有害信息处置：平台已删除"),
    "refused": ("work_closed", "done", "有害信息处置：平台拒绝删除，已记录"),
}


def concerns_cyber(category):
    return category in ONLINE_CATEGORIES


def fallback_due(start):
    return start + timedelta(days=FALLBACK_DAYS)


def _item(item_id, case_no, kind, ref, owner, due_at, state, summary, now):
    return {"item_id": item_id, "case_no": case_no, "kind": kind, "ref": ref,
            "owner": owner, "due_at": due_at, "state": state, "summary": summary,
            "opened_at": now, "updated_at": now}


def web_evidence_item(item_id, case_no, due_at, now):
    """The brigade's item on an accepted case of an online category (owner: the brigade)."""
    return _item(item_id, case_no, WEB_EVIDENCE, "", DEPARTMENT, due_at, "open",
                 WEB_EVIDENCE_SUMMARY, now)


def takedown_item(item_id, case_no, takedown_id, owner, now):
    """The item of one takedown request, owned by who asked for it; no due date (the
    platform decides when)."""
    event_type, state, summary = TAKEDOWN_STEPS["requested"]
    return _item(item_id, case_no, TAKEDOWN, takedown_id, owner, None, state, summary, now)


def follow_takedown(item, status, now):
    """The takedown item after its request moved to ``status``: (item, work event) or
    (item, None) when nothing changes (already closed, or the same step again)."""
    event_type, state, summary = TAKEDOWN_STEPS[status]
    if item["state"] != "open" or item["summary"] == summary:
        return item, None
    return {**item, "state": state, "summary": summary, "updated_at": now}, event_type
