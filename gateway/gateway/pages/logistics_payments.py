"""The logistics office's payment pages (Art. 25-27): the queue (requests to review, requests
awaiting approval, approved ones awaiting disbursement), one payment with the forms its
state and the user's role allow (review, approve or refuse, disburse), and the new request
form opened from a case. Every form posts to the same operation the JSON API has."""
import uuid

from weiquan.contracts import policy
from weiquan.contracts.codes import FUND_KINDS, FUND_LABELS_ZH
from weiquan.contracts.policy.logistics import funds_of

from gateway.pages.forms import fields_of, submit
from gateway.pages.logistics_views import disbursement_row, payment_row

QUEUE = (("requested", "待审核的支付申请", "Requests to review"),
         ("reviewed", "待审批的支付申请", "Requests awaiting approval"),
         ("approved", "已批准、待支付", "Approved, awaiting disbursement"))
NOTICES = {"requested": "支付申请已提交。", "reviewed": "审核意见已记录。",
           "approved": "审批意见已记录。", "disbursed": "支付已登记。"}
LABELS = {"case_no": "案件编号", "fund": "经费类别", "amount": "金额（元）", "payee": "收款人",
          "purpose": "用途与事由", "reason": "理由", "voucher_no": "支付凭证号",
          "accept": "审核意见", "approve": "审批意见"}


def queue_page(ctx):
    sections = []
    for state, zh, en in QUEUE:
        answer = ctx.perform("list_payments", query={"state": state, "page_size": "100"})
        sections.append({"state": state, "zh": zh, "en": en, "total": answer["total"],
                         "rows": [payment_row(p) for p in answer["items"]]})
    return ctx.render("logistics_queue.html", sections=sections,
                      may_request=policy.allowed("logistics", "request_payment", ctx.principal),
                      may_funds=policy.allowed("logistics", "read_funds", ctx.principal))


# ---- one payment ---------------------------------------------------------------------------
def payment_page(ctx, payment_id, form=None, errors=None, message=None, status=200,
                 values=None):
    """``form`` names the form a refusal belongs to (review, approval or disbursement)."""
    p = payment_row(ctx.perform("get_payment", payment_id))
    may = {"review": p["state"] == "requested" and _may(ctx, "review_payment"),
           "approve": p["state"] == "reviewed" and _may(ctx, "approve_payment"),
           "disburse": p["state"] == "approved" and _may(ctx, "disburse_payment")}
    return ctx.render("logistics_payment.html", http_status=status, p=p,
                      d=disbursement_row(p.get("disbursement")), may=may, form=form,
                      errors=errors or {}, message=message, values=values or {}, L=LABELS,
                      done=NOTICES.get(ctx.request.args.get("done") or ""))


def _may(ctx, action):
    return policy.allowed("logistics", action, ctx.principal)


def _decision(form, name):
    choice = form.get(name)
    return {"yes": True, "no": False}.get(choice, choice)


def _post(ctx, payment_id, op_name, form_name, body, done):
    def again(errors, message, status):
        values = {k: v for k, v in ctx.request.form.items() if k != "csrf"}
        return payment_page(ctx, payment_id, form_name, errors, message, status, values)
    return submit(ctx, op_name, payment_id, body=body, again=again,
                  done=lambda answer: f"/payments/{payment_id}?done={done}")


def review_submit(ctx, payment_id):
    form = ctx.request.form
    body = {"accept": _decision(form, "accept"), "reason": (form.get("reason") or "").strip()}
    return _post(ctx, payment_id, "review_payment", "review", body, "reviewed")


def approval_submit(ctx, payment_id):
    form = ctx.request.form
    body = {"approve": _decision(form, "approve"),
            "reason": (form.get("reason") or "").strip()}
    return _post(ctx, payment_id, "approve_payment", "approval", body, "approved")


def disbursement_submit(ctx, payment_id):
    body = fields_of(ctx.request.form, ("voucher_no",))
    return _post(ctx, payment_id, "disburse", "disbursement", body, "disbursed")


# ---- a new request -------------------------------------------------------------------------
def funds_for(ctx):
    """The fund kinds the user may request from (the logistics service's own rule)."""
    return funds_of(ctx.principal)


def request_form(ctx):
    args = ctx.request.args
    values = {"idem": uuid.uuid4().hex, "case_no": (args.get("case_no") or "").strip()[:40],
              "fund": args.get("fund") if args.get("fund") in FUND_KINDS else ""}
    return _request(ctx, values)


def _request(ctx, values, errors=None, message=None, status=200):
    errors = errors or {}
    return ctx.render("logistics_request.html", http_status=status, values=values,
                      errors=errors, message=message, L=LABELS,
                      label_of=lambda name: LABELS.get(name, name),
                      other_errors={k: v for k, v in errors.items() if k not in LABELS},
                      choices={"fund": [(k, FUND_LABELS_ZH[k]) for k in funds_for(ctx)]})


def request_submit(ctx):
    """Idempotent on the form's key: posted twice, one request."""
    form = ctx.request.form
    body = fields_of(form, ("case_no", "fund", "amount", "payee", "purpose"))

    def again(errors, message, status):
        values = {k: v for k, v in form.items() if k != "csrf"}
        values["idem"] = uuid.uuid4().hex  # the corrected form is a new request
        if not errors and status == 409:
            errors = {"case_no": message}
        return _request(ctx, values, errors, message, status)
    return submit(ctx, "request_payment", body=body, key=form.get("idem"), again=again,
                  done=lambda answer: f"/payments/{answer['payment_id']}?done=requested")
