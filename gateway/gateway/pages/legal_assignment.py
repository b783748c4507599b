"""One counsel assignment (Art. 25): the counsel, the work logged and the fees claimed, with
the forms to log work, claim a fee (yuan, once per claim id: the form carries a fresh id, so
a form posted twice claims once) and end the assignment. Each posts to the JSON API's
operation; a refusal comes back here with the API's message at its field."""
import uuid

from weiquan.contracts import policy

from gateway.pages.forms import fields_of, submit
from gateway.pages.legal_views import assignment_row

LABELS = {"date": "工作日期", "hours": "工作时长（小时）", "note": "工作内容",
          "amount": "费用金额（元）", "period": "费用所属期间"}
NOTICES = {"logged": "工作记录已登记。", "claimed": "费用申请已提交，由后勤保障部门审核支付。",
           "closed": "法律顾问服务已结束。"}


def _may(ctx, action):
    return policy.allowed("legal_aid", action, ctx.principal)


def assignment_page(ctx, assignment_id, form=None, errors=None, message=None, status=200,
                    values=None):
    """``form`` names the form a refusal belongs to (log, fee or close)."""
    a = assignment_row(ctx.perform("get_assignment", assignment_id))
    is_open = a["state"] == "open"
    may = {"log": is_open and _may(ctx, "log_counsel_work"),
           "fee": _may(ctx, "claim_counsel_fee"),
           "close": is_open and _may(ctx, "assign_counsel")}
    values = values or {}
    if form != "fee":
        values = {**values, "claim_id": uuid.uuid4().hex}
    return ctx.render("legal_assignment.html", http_status=status, a=a, may=may, form=form,
                      errors=errors or {}, message=message, values=values, L=LABELS,
                      done=NOTICES.get(ctx.request.args.get("done") or ""))


def _post(ctx, assignment_id, op_name, form_name, body, done):
    def again(errors, message, status):
        values = {k: v for k, v in ctx.request.form.items() if k != "csrf"}
        return assignment_page(ctx, assignment_id, form_name, errors, message, status, values)
    return submit(ctx, op_name, assignment_id, body=body, again=again,
                  done=lambda answer: f"/legal/assignments/{assignment_id}?done={done}")


def log_submit(ctx, assignment_id):
    body = fields_of(ctx.request.form, ("date", "hours", "note"))
    return _post(ctx, assignment_id, "log_counsel_work", "log", body, "logged")


def fee_submit(ctx, assignment_id):
    body = fields_of(ctx.request.form, ("claim_id", "amount", "period"))
    return _post(ctx, assignment_id, "claim_counsel_fee", "fee", body, "claimed")


def close_submit(ctx, assignment_id):
    return _post(ctx, assignment_id, "close_assignment", "close", None, "closed")
