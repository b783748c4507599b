"""Protective orders (Art. 20): the command center issues one for named officers or close
relatives, tied to a case or an incident; the order's page shows the measures, the address
only to the command center (dispatch leaves it out for anyone else), the order's history, and
to the command center the forms that extend or revoke an order in force (a reason each)."""
import uuid

from weiquan.contracts import policy

from gateway.pages import incident_form as form_of
from gateway.pages.application_form import aware
from gateway.pages.forms import fields_of, submit
from gateway.pages.incident_views import order_view

NOTICES = {
    "issued": ("保护令已签发。", "The protective order was issued."),
    "extended": ("保护令已延期。", "The protective order was extended."),
    "revoked": ("保护令已撤销。", "The protective order was revoked."),
}
CHANGE_LABELS = {"valid_until": "新的有效期至", "reason": "理由"}


def order_form(ctx):
    args = ctx.request.args
    values = {"persons.0.type": "officer", "idem": uuid.uuid4().hex,
              "case_no": (args.get("case_no") or "").strip()[:40],
              "incident_id": (args.get("incident_id") or "").strip()[:36]}
    return _form(ctx, values)


def _form(ctx, values, errors=None, message=None, status=200):
    errors = errors or {}
    known = {f"persons.{i}.{n}" for i in range(form_of.SLOTS) for n in form_of.PERSON_FIELDS}
    known |= {"persons", "measures", "address", "valid_until", "case_no", "incident_id"}
    return ctx.render("command_order_form.html", http_status=status, values=values,
                      errors=errors, message=message, L=form_of.LABELS,
                      label_of=form_of.label_of,
                      slots=range(form_of.SLOTS), choices=form_of.order_choices(),
                      other_errors={k: v for k, v in errors.items() if k not in known})


def order_submit(ctx):
    """Idempotent on the form's key, as the incident report: posted twice, one order."""
    form = ctx.request.form
    body, slots = form_of.order_body(form)

    def again(errors, message, status):
        values = {k: v for k, v in form.items() if k != "csrf"}
        values["idem"] = uuid.uuid4().hex  # the corrected form is a new order
        return _form(ctx, values, form_of.order_errors(errors, slots), message, status)
    return submit(ctx, "issue_protective_order", body=body, key=form.get("idem"), again=again,
                  done=lambda answer: f"/protective-orders/{answer['order_id']}?done=issued")


def order_page(ctx, order_id, form=None, errors=None, message=None, status=200):
    """``form`` names the change form a refusal belongs to (extension or revocation)."""
    order = order_view(ctx.perform("get_protective_order", order_id))
    done = ctx.request.args.get("done") or ("issued" if ctx.request.args.get("issued") == "1"
                                            else "")
    may = {name: order["active"] and policy.allowed("dispatch", action, ctx.principal)
           for name, action in (("extend", "extend_protective_order"),
                                ("revoke", "revoke_protective_order"))}
    values = {k: v for k, v in (ctx.request.form.items() if form else ()) if k != "csrf"}
    return ctx.render("command_order.html", http_status=status, order=order,
                      done=NOTICES.get(done), may=may, form=form, values=values,
                      errors=errors or {}, message=message, L=CHANGE_LABELS)


def _change(op_name, form_name, done):
    def handler(ctx, order_id):
        body = fields_of(ctx.request.form, ("valid_until", "reason")
                         if form_name == "extension" else ("reason",))
        if "valid_until" in body:
            body["valid_until"] = aware(body["valid_until"])
        return submit(ctx, op_name, order_id, body=body,
                      again=lambda errors, message, status: order_page(
                          ctx, order_id, form_name, errors, message, status),
                      done=lambda answer: f"/protective-orders/{order_id}?done={done}")
    handler.__name__ = f"{op_name}_submit"
    return handler


extension_submit = _change("extend_protective_order", "extension", "extended")
revocation_submit = _change("revoke_protective_order", "revocation", "revoked")
