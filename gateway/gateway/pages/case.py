"""One case: status, every deadline as a date with the days left or overdue (each linking to
its reckoning), what was decided so far, and the forms of the actions the signed-in user may
take on it now (case_forms). A refused form comes back here with the API's message at its
field (case_actions)."""
from weiquan.config import TZ
from weiquan.contracts import policy

from gateway.labels import (APPEAL_OUTCOME_LABELS_ZH, APPLICANT_TYPE_LABELS_ZH,
                            CATEGORY_LABELS_ZH, CHANNEL_LABELS_ZH, OUTCOME_LABELS_ZH,
                            REEXAMINATION_OUTCOME_LABELS_ZH, STATUS_LABELS_ZH, label)
from gateway.pages import case_forms
from gateway.pages.views import day_of, deadline_view, minute_of, timeline_view
from gateway.pages.work_views import with_work_summaries, work_row

KINDS = {"date": "date", "datetime": "datetime-local", "text": "text"}
WHERE_ZH = {"appeal": "复议", "reexamination": "复查", "escalation": "提请协调"}
# No payment is claimed on a case that is over (the logistics service answers 409): no link.
UNPAYABLE = ("closed", "rejected")


def case_page(ctx, case_no):
    return show(ctx, case_no)


def show(ctx, case_no, failed=None):
    """The page; ``failed``: {form, values, errors, message, status} of a refused post."""
    case = ctx.perform("get_case", case_no)
    failed = failed or {}
    shown = [form_view(f, case, ctx.now.astimezone(TZ).date(), failed)
             for f in case_forms.available(case, ctx.principal)]
    lost = failed.get("message") if failed.get("form") not in {f["key"] for f in shown} else None
    done = case_forms.BY_KEY.get(ctx.request.args.get("done", ""))
    return ctx.render("case.html", http_status=failed.get("status", 200), case=case,
                      title=f"案件 {case['case_no']}",
                      status_label=label(STATUS_LABELS_ZH, case["status"]),
                      category=label(CATEGORY_LABELS_ZH, case["category"]),
                      channel=label(CHANNEL_LABELS_ZH, case["channel"]),
                      applicant_type=label(APPLICANT_TYPE_LABELS_ZH,
                                           (case.get("applicant") or {}).get("type")),
                      received=minute_of(case.get("received_at")),
                      deadlines=[deadline_row(d) for d in case["deadlines"]],
                      records=records(case),
                      timeline=with_work_summaries(timeline_view(case["timeline"]),
                                                   case["timeline"]),
                      work_items=[work_row(i, ctx.now, ctx.principal)
                                  for i in case.get("work_items") or []],
                      at_higher_level=higher_level(case), forms=shown, lost_message=lost,
                      done=done.done if done else None,
                      window_notice=case_forms.window_notice(case, ctx.principal),
                      evidence=policy.allowed("evidence", "read", ctx.principal),
                      protect=policy.allowed("dispatch", "issue_protective_order",
                                             ctx.principal),
                      money=money_links(case, ctx.principal),
                      submitted=ctx.request.args.get("submitted") == "1")


def money_links(case, principal):
    """The payment request and compensation claim forms, filled in with the case, for a
    viewer who may use them (Art. 25-27)."""
    if case["status"] in UNPAYABLE:
        return {"pay": False, "compensate": False}
    return {"pay": policy.allowed("logistics", "request_payment", principal),
            "compensate": policy.allowed("logistics", "file_compensation_claim", principal)}


def deadline_row(deadline):
    row = deadline_view(deadline)
    row["extended_from"] = day_of(deadline.get("extended_from"))
    return row


def higher_level(case):
    where = case.get("location") or {}
    return WHERE_ZH.get(where.get("why")) if where.get("at") == "higher_level" else None


def form_view(form, case, today, failed):
    """One form as the template draws it: fields with their type, options, value, error."""
    mine = failed.get("form") == form.key
    values = failed["values"] if mine else case_forms.defaults(form, case, today)
    errors = failed.get("errors", {}) if mine else {}
    known = {form.id(f.name) for f in form.fields}
    fields = [{"name": form.id(f.name), "label": f.label, "max": f.max,
               "hint": case_forms.hint_of(form, f, case),
               "required": f.required, "rows": f.rows if f.kind == "textarea" else None,
               "type": KINDS.get(f.kind, "text"),
               "options": case_forms.choices(form, f, case)
               if f.kind in ("select", "int") else None}
              for f in form.fields]
    return {"key": form.key, "title": form.title, "hint": form.hint, "button": form.button,
            "action": f"/cases/{case['case_no']}/{form.tail}", "fields": fields,
            "fixed_accept": form.fixed.get("accept"), "values": values, "errors": errors,
            "message": failed.get("message") if mine else None,
            "other_errors": {k: v for k, v in errors.items() if k not in known}}


def records(case):
    """What was decided so far, in words (each a list of (label, text) for a <dl>)."""
    found = []
    decision = case.get("decision")
    if decision:
        rows = [("决定", "予以受理" if decision["accept"] else "不予受理"),
                ("决定时间", minute_of(decision.get("decided_at")))]
        if decision.get("reason"):
            rows.append(("理由", decision["reason"]))
        found.append(("受理决定（第十四条）", rows))
    appeal = case.get("appeal")
    if appeal:
        rows = [("收到答复日期", day_of(appeal.get("answer_received_at"))),
                ("申请理由", appeal.get("reason", "")),
                ("申请时间", minute_of(appeal.get("appealed_at")))]
        if appeal.get("outcome"):
            rows += [("复议结果", label(APPEAL_OUTCOME_LABELS_ZH, appeal["outcome"])),
                     ("上级文书编号", appeal.get("reference") or ""),
                     ("上级决定日期", day_of(appeal.get("decided_at")))]
        found.append(("复议（第十五条）", rows))
    conclusion = case.get("conclusion")
    if conclusion:
        found.append(("书面办理结论（第十六条）", [
            ("办理结论", label(OUTCOME_LABELS_ZH, conclusion["outcome"])),
            ("调查结论及处理情况", conclusion["findings"]),
            ("办结时间", minute_of(conclusion.get("concluded_at")))]))
    again = case.get("reexamination")
    if again:
        rows = [("申请理由", again["reason"]), ("复查机构", again.get("body") or ""),
                ("申请时间", minute_of(again.get("requested_at")))]
        if again.get("outcome"):
            rows += [("复查结果", label(REEXAMINATION_OUTCOME_LABELS_ZH, again["outcome"])),
                     ("上级文书编号", again.get("reference") or ""),
                     ("复查决定日期", day_of(again.get("decided_at")))]
        found.append(("复查（第十七条）", rows))
    for esc in case.get("escalations") or []:
        rows = [("提请机构", esc["body"]), ("提请理由", esc["reason"]),
                ("提请时间", minute_of(esc.get("escalated_at")))]
        rows.append(("上级答复", f"{esc['outcome']}（{esc.get('reference') or ''}，"
                                 f"{day_of(esc.get('answered_at'))}）"
                     if esc.get("outcome") else "尚未答复"))
        found.append((f"第 {esc['id']} 次提请上级协调（第十八条）", rows))
    return found
