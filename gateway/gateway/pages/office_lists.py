"""The committee's lists (Art. 14-16, 36): the overdue board, the accountability register, the
director's inbox, and everyone's notifications. Each asks the operations the JSON API has."""
from datetime import timedelta

from weiquan.config import TZ
from weiquan.contracts.codes import WORK_KIND_LABELS_ZH
from weiquan.kit.errors import AppError

from gateway.labels import DEADLINE_KIND_LABELS_ZH, ROLE_LABELS_ZH, label
from gateway.pages.views import case_row, day_of, deadline_view, local, minute_of

PAGE_SIZE = 100          # the most a page of list_cases holds
SOON_WORKING_DAYS = 5    # a written reply due within this many working days waits on the director
NEW_DAYS = 7             # an accountability entry this recent is "new" in the inbox
NOTIFICATION_KINDS_ZH = {  # intake's sweeps (services/intake/intake/sweeps.py) write these
    "reminder_digest": "期限提醒：下一个工作日到期",
    "deadline_missed": "期限届满未办结（第三十六条）",
    "deadline_moved": "工作日历更新，期限已调整",
}


def page_arg(ctx):
    text = ctx.request.args.get("page", "1")
    return int(text) if text.isdigit() and 0 < int(text) <= 100000 else 1


def late_text(seconds):
    days, hours = seconds // 86400, seconds % 86400 // 3600
    if days:
        return f"{days} 天 {hours} 小时" if hours else f"{days} 天"
    return f"{hours} 小时" if hours else "不足 1 小时"


def holder_label(holder):
    return label(ROLE_LABELS_ZH, holder) if holder else "申请人本人"


def with_reckoning(case_no, deadline):
    row = deadline_view(deadline)
    row["href"] = f"/cases/{case_no}/deadlines/{deadline['kind']}"
    return row


# ---- 逾期看板: cases with an overdue deadline ------------------------------------------------
def overdue_board(ctx):
    """list_cases' own filter overdue=true (an open deadline the office holds is past due);
    on the page, anti-gang first (Art. 34), then the longest overdue."""
    page = page_arg(ctx)
    answer = ctx.perform("list_cases", query={"overdue": "true", "page": str(page),
                                              "page_size": str(PAGE_SIZE)})
    rows = []
    for item in answer["items"]:
        row = case_row(item)
        row["late"] = [with_reckoning(item["case_no"], d) for d in item.get("deadlines") or []
                       if d["state"] == "overdue"]
        row["worst"] = max((d.get("days_overdue") or 0 for d in item.get("deadlines") or []
                            if d["state"] == "overdue"), default=0)
        rows.append(row)
    rows.sort(key=lambda r: (not r["anti_gang"], -r["worst"], r["case_no"]))
    return ctx.render("office_overdue.html", rows=rows, total=answer["total"], page=page,
                      more=page * PAGE_SIZE < answer["total"])


# ---- 责任追究: the accountability register -------------------------------------------------
def accountability_row(entry):
    return {"case_no": entry["case_no"],
            "kind": label(DEADLINE_KIND_LABELS_ZH, entry["clock_kind"]),
            "holder": holder_label(entry.get("holder")),
            "statutory": "法定期限" if entry.get("statutory", True) else "内部目标",
            "due": minute_of(entry["due"]), "detected": minute_of(entry.get("detected_at")),
            "satisfied": minute_of(entry.get("satisfied_at")),
            "still_open": bool(entry.get("still_open")),
            "late": late_text(entry.get("late_seconds") or 0)}


def accountability_register(ctx):
    case_no = (ctx.request.args.get("case_no") or "").strip()
    page, size = page_arg(ctx), 50
    query = {"page": str(page), "page_size": str(size)}
    if case_no:
        query["case_no"] = case_no
    errors, message, status, items = {}, None, 200, []
    try:
        items = ctx.perform("list_accountability", query=query)["items"]
    except AppError as exc:
        if exc.status != 422:
            raise
        errors, message, status = exc.fields or {}, exc.message, exc.status
    return ctx.render("office_accountability.html", http_status=status,
                      rows=[accountability_row(e) for e in items], case_no=case_no, page=page,
                      more=len(items) == size, values={"case_no": case_no}, errors=errors,
                      message=message)


# ---- 待办: what waits for the committee director --------------------------------------------
def reply_waiting(item):
    """The written reply (Art. 16) overdue or due within SOON_WORKING_DAYS: a candidate for
    an extension by the director."""
    reply = next((d for d in item.get("deadlines") or [] if d["kind"] == "written_reply"
                  and d["state"] in ("running", "overdue")), None)
    if reply is None:
        return None
    left = reply.get("working_days_left")
    if reply["state"] == "overdue" or (left is not None and left <= SOON_WORKING_DAYS):
        return reply
    return None


def director_inbox(ctx):
    """Accepted cases whose written reply is due within SOON_WORKING_DAYS working days or
    overdue (list_cases' own due_within filter: intake reckons the working days), and the
    accountability entries of the last NEW_DAYS days."""
    page = page_arg(ctx)
    answer = ctx.perform("list_cases", query={
        "status": "accepted", "due_within": str(SOON_WORKING_DAYS), "page": str(page),
        "page_size": str(PAGE_SIZE)})
    extensions = []
    for item in answer["items"]:
        reply = reply_waiting(item)
        if reply is not None:
            row = case_row(item)
            row["reply"] = with_reckoning(item["case_no"], reply)
            row["due_at"] = local(reply["due"])
            extensions.append(row)
    extensions.sort(key=lambda r: (not r["anti_gang"], r["due_at"], r["case_no"]))
    since = ctx.now.astimezone(TZ) - timedelta(days=NEW_DAYS)
    register = ctx.perform("list_accountability", query={"page_size": "50"})["items"]
    recent = [accountability_row(e) for e in register
              if e.get("detected_at") and local(e["detected_at"]) >= since]
    return ctx.render("office_inbox.html", extensions=extensions, recent=recent,
                      soon=SOON_WORKING_DAYS, new_days=NEW_DAYS, page=page,
                      more=page * PAGE_SIZE < answer["total"], payments=payments_awaiting(ctx),
                      statements=statements_awaiting(ctx), legal=legal_awaiting(ctx))


def statements_awaiting(ctx):
    """Statements legally reviewed and awaiting the committee's approval (Art. 30, 31, 35);
    None when publicity does not answer."""
    from gateway.pages.publicity_views import statement_row
    try:
        answer = ctx.perform("list_statements", query={"state": "legal_reviewed",
                                                       "page_size": "100"})
    except AppError:
        return None
    return [statement_row(s) for s in answer["items"]]


# open legal work that ends in a decision the committee may have to take (Art. 24): appeals
# (filed as liability_determination items) and reviews of internal discipline
LEGAL_DECISIONS = ("liability_determination", "discipline_review")


def legal_awaiting(ctx):
    """Open appeals and discipline reviews, oldest first: lightening an outcome or revoking a
    discipline is the committee's decision. None when legal affairs does not answer."""
    rows = []
    try:
        for kind in LEGAL_DECISIONS:
            answer = ctx.perform("list_legal_work", query={"kind": kind, "page_size": "100"})
            rows += [{"case_no": i["case_no"], "kind": label(WORK_KIND_LABELS_ZH, i["kind"]),
                      "summary": i["summary"], "opened": minute_of(i["opened_at"]),
                      "at": i["opened_at"]} for i in answer["items"]]
    except AppError:
        return None
    return sorted(rows, key=lambda r: (r["at"], r["case_no"]))


def payments_awaiting(ctx):
    """Payment requests within the director's approval limit (Art. 26, 27), oldest first;
    None when logistics does not answer (the rest of the inbox still shows)."""
    from gateway.pages.logistics_views import payment_row
    try:
        answer = ctx.perform("list_payments", query={"awaiting_role": "committee_director",
                                                     "page_size": "100"})
    except AppError:
        return None
    return [payment_row(p) for p in answer["items"]]


# ---- 通知: reminder digests and alerts for the user or their roles ----------------------------
def notification_item(entry):
    item = {"case_no": entry.get("case_no"),
            "kind": label(DEADLINE_KIND_LABELS_ZH, entry.get("clock_kind")),
            "due": day_of(entry.get("due") or entry.get("new_due")),
            "old_due": day_of(entry.get("old_due")), "anti_gang": bool(entry.get("anti_gang"))}
    if entry.get("late_seconds") is not None:
        item["late"] = late_text(entry["late_seconds"])
    return item


def notifications(ctx):
    answer = ctx.perform("list_notifications", query={"limit": "50"})
    rows = [{"kind": label(NOTIFICATION_KINDS_ZH, n["kind"]), "day": n.get("day") or "",
             "to": "您本人" if n["recipient"] == ctx.principal["username"]
             else label(ROLE_LABELS_ZH, n["recipient"]),
             "at": minute_of(n.get("created_at")),
             "items": [notification_item(i) for i in n.get("items") or []
                       if isinstance(i, dict)]}
            for n in answer["items"]]
    return ctx.render("office_notifications.html", rows=rows)
