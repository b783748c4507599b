"""Protective orders (Art. 20): the command center issues one for named officers or close
relatives, tied to a case or an incident; the order's page shows the measures, and the
address only to the command center (dispatch leaves it out for anyone else)."""
from gateway.pages import incident_form as form_of
from gateway.pages.forms import submit
from gateway.pages.incident_views import order_view


def order_form(ctx):
    args = ctx.request.args
    values = {"persons.0.type": "officer",
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
    form = ctx.request.form
    body, slots = form_of.order_body(form)

    def again(errors, message, status):
        values = {k: v for k, v in form.items() if k != "csrf"}
        return _form(ctx, values, form_of.order_errors(errors, slots), message, status)
    return submit(ctx, "issue_protective_order", body=body, again=again,
                  done=lambda answer: f"/protective-orders/{answer['order_id']}?issued=1")


def order_page(ctx, order_id):
    order = order_view(ctx.perform("get_protective_order", order_id))
    return ctx.render("command_order.html", order=order,
                      issued=ctx.request.args.get("issued") == "1")
