"""The publicity office's pages (Art. 30, 31, 35): the queue (drafts, awaiting legal review,
awaiting the committee, approved awaiting publication, published), one statement with the
forms its state and the user's role allow and what redaction removed and why, and the new
statement form (a safety warning may come prefilled from a ledger pattern). Every form posts
to the same operation the JSON API has."""
from weiquan.contracts import policy
from weiquan.contracts.codes import (CATEGORY_LABELS_ZH, STATEMENT_KIND_LABELS_ZH,
                                     STATEMENT_KINDS, STATEMENT_SCOPE_LABELS_ZH,
                                     STATEMENT_SCOPES)
from weiquan.contracts.policy.publicity import WORKERS

from gateway.pages.forms import fields_of, submit
from gateway.pages.publicity_views import statement_row

QUEUE = (("draft", "草稿", "Drafts"), ("submitted", "待法制审核", "Awaiting legal review"),
         ("legal_reviewed", "待维权委审批", "Awaiting committee approval"),
         ("committee_approved", "已批准、待发布", "Approved, awaiting publication"),
         ("published", "已发布", "Published"))
NOTICES = {"drafted": "草稿已保存（已自动脱敏）。", "edited": "修改已保存（已自动脱敏）。",
           "submitted": "已提交法制审核。", "reviewed": "法制审核意见已记录。",
           "approved": "维权委审批意见已记录。", "published": "已发布。",
           "corrected": "已生成更正草稿。"}
LABELS = {"kind": "发布类别", "case_no": "案件编号", "title": "标题", "body": "正文",
          "reason": "退回理由", "scope": "发布范围", "approve": "审核意见"}


def _may(ctx, action):
    return policy.allowed("publicity", action, ctx.principal)


def queue_page(ctx):
    worker = bool(set(ctx.principal["roles"]) & set(WORKERS))
    sections = []
    for state, zh, en in (QUEUE if worker else QUEUE[-1:]):
        answer = ctx.perform("list_statements", query={"state": state, "page_size": "100"})
        sections.append({"state": state, "zh": zh, "en": en, "total": answer["total"],
                         "rows": [statement_row(s) for s in answer["items"]]})
    return ctx.render("publicity_queue.html", sections=sections,
                      may_draft=_may(ctx, "draft_statement"))


# ---- one statement -------------------------------------------------------------------------
def statement_page(ctx, statement_id, form=None, errors=None, message=None, status=200,
                   values=None):
    """``form`` names the form a refusal belongs to."""
    s = statement_row(ctx.perform("get_statement", statement_id))
    state = s["state"]
    may = {"edit": state == "draft" and _may(ctx, "draft_statement"),
           "review": state == "submitted" and _may(ctx, "review_statement"),
           "approve": state == "legal_reviewed" and _may(ctx, "approve_statement"),
           "publish": state == "committee_approved" and _may(ctx, "publish_statement"),
           "correct": state == "published" and _may(ctx, "draft_statement")}
    values = values if values is not None else {"title": s["title"], "body": s["body"]}
    return ctx.render("publicity_statement.html", http_status=status, s=s, may=may, form=form,
                      errors=errors or {}, message=message, values=values, L=LABELS,
                      scopes=[(k, STATEMENT_SCOPE_LABELS_ZH[k]) for k in STATEMENT_SCOPES],
                      done=NOTICES.get(ctx.request.args.get("done") or ""))


def _post(ctx, statement_id, op_name, form_name, body, done, to=None):
    def again(errors, message, status):
        values = {k: v for k, v in ctx.request.form.items() if k != "csrf"}
        if form_name != "edit":
            values = None
        return statement_page(ctx, statement_id, form_name, errors, message, status, values)
    return submit(ctx, op_name, statement_id, body=body, again=again,
                  done=lambda answer: f"/publicity/statements/"
                                      f"{answer['statement_id'] if to else statement_id}"
                                      f"?done={done}")


def _decision(form):
    return {"approve": {"yes": True, "no": False}.get(form.get("approve"), form.get("approve")),
            "reason": (form.get("reason") or "").strip()}


def edit_submit(ctx, statement_id):
    body = {"title": ctx.request.form.get("title") or "",
            "body": ctx.request.form.get("body") or ""}
    return _post(ctx, statement_id, "edit_statement", "edit", body, "edited")


def submission_submit(ctx, statement_id):
    return _post(ctx, statement_id, "submit_statement", "submit", None, "submitted")


def review_submit(ctx, statement_id):
    return _post(ctx, statement_id, "review_statement", "review", _decision(ctx.request.form),
                 "reviewed")


def approval_submit(ctx, statement_id):
    return _post(ctx, statement_id, "approve_statement", "approve",
                 _decision(ctx.request.form), "approved")


def publication_submit(ctx, statement_id):
    body = fields_of(ctx.request.form, ("scope",))
    return _post(ctx, statement_id, "publish_statement", "publish", body, "published")


def correction_submit(ctx, statement_id):
    return _post(ctx, statement_id, "correct_statement", "correct", None, "corrected", to=True)


# ---- a new statement -----------------------------------------------------------------------
def warning_prefill(category, place, hour):
    """A safety warning drafted from a ledger pattern (Art. 35): category, place, hour."""
    what = CATEGORY_LABELS_ZH.get(category, "侵害民警执法权益")
    where = f"{place}一带" if place else "辖区部分地段"
    when = f"{hour}时至{(hour + 1) % 24}时" if hour is not None else "特定时段"
    title = f"安全防范提示：{where}{when}注意防范{what}"[:100]
    body = (f"近期统计显示，{where}在{when}前后多次发生「{what}」类侵害民警执法权益的情形。"
            "请相关单位和执勤民警提高警惕，规范着装和执法记录仪使用，必要时请求支援，"
            "遇有侵害及时报告并依法处置。")
    return title, body


def new_form(ctx):
    args = ctx.request.args
    kind = args.get("kind") if args.get("kind") in STATEMENT_KINDS else ""
    values = {"kind": kind, "case_no": (args.get("case_no") or "").strip()[:40]}
    if kind == "safety_warning" and (args.get("category") or args.get("place")):
        hour = args.get("hour") or ""
        hour = int(hour) if hour.isdigit() and int(hour) < 24 else None
        values["title"], values["body"] = warning_prefill(
            args.get("category"), (args.get("place") or "").strip()[:100], hour)
    return _new(ctx, values)


def _new(ctx, values, errors=None, message=None, status=200):
    errors = errors or {}
    return ctx.render("publicity_new.html", http_status=status, values=values, errors=errors,
                      message=message, L=LABELS, label_of=lambda name: LABELS.get(name, name),
                      other_errors={k: v for k, v in errors.items() if k not in LABELS},
                      kinds=[(k, STATEMENT_KIND_LABELS_ZH[k]) for k in STATEMENT_KINDS])


def new_submit(ctx):
    form = ctx.request.form
    body = fields_of(form, ("kind", "case_no"))
    body["title"], body["body"] = form.get("title") or "", form.get("body") or ""

    def again(errors, message, status):
        return _new(ctx, {k: v for k, v in form.items() if k != "csrf"}, errors, message,
                    status)
    return submit(ctx, "draft_statement", body=body, again=again,
                  done=lambda answer: f"/publicity/statements/{answer['statement_id']}"
                                      f"?done=drafted")
