"""Apply for rights protection (Art. 12): the form, and its post to the same operation as
POST /api/applications (submit_application). A refused form comes back with each message of
the contract's error object next to its field."""
import uuid

from weiquan.kit.errors import AppError

from gateway.pages import application_form as form_of
from gateway.pages.render import redirect


def apply_form(ctx):
    return _render(ctx, form_of.defaults(ctx.principal))


def apply_submit(ctx):
    form = ctx.request.form
    try:
        answer = ctx.perform("submit_application", body=form_of.body_from(form),
                             key=form.get("idem"))
    except AppError as exc:
        if exc.status not in (409, 422):
            raise
        values = {k: v for k, v in form.items() if k != "csrf"}
        values["idem"] = uuid.uuid4().hex  # the corrected form is a new request
        return _render(ctx, values, errors=exc.fields, message=exc.message, status=exc.status)
    return redirect(f"/cases/{answer['case_no']}?submitted=1")


def _render(ctx, values, errors=None, message=None, status=200):
    errors = errors or {}
    known = set(form_of.TEXTS) | set(form_of.FLAGS) | {"idem"}
    return ctx.render("apply.html", http_status=status, values=values, errors=errors,
                      message=message, choices=form_of.choices(ctx.principal), L=form_of.LABELS,
                      office=form_of.OFFICE in ctx.roles,
                      other_errors={k: v for k, v in errors.items() if k not in known})
