"""The posts of the case page's forms: each performs its operation exactly as the JSON API
does (ctx.perform through forms.submit), then 303 back to the case with a notice; a refusal
the user can mend (409, 422) shows the case page again with the API's bilingual message at
the field it is about."""
import uuid

from gateway.operations import BY_NAME as OPERATIONS
from gateway.pages import case_forms, forms
from gateway.pages.case import show


def handler_for(tail):
    """The page handler of /cases/{case_no}/<tail>: the forms posting there (the decision has
    two, accept and refuse) tell themselves apart by their hidden `form` field."""
    posting = case_forms.for_tail(tail)

    def handle(ctx, case_no):
        posted = ctx.request.form
        form = next((f for f in posting if f.key == posted.get("form")), posting[0])
        op = OPERATIONS[form.op]
        return forms.submit(
            ctx, form.op, case_no, body=case_forms.body_from(form, posted),
            key=(posted.get("idem") or None) if op.idempotent else None,
            done=lambda answer: f"/cases/{answer['case_no']}?done={form.key}",
            again=lambda errors, message, status: show(ctx, case_no, failed={
                "form": form.key, "errors": case_forms.errors_at(form, errors),
                "message": message, "status": status, "values": kept(posted)}))
    handle.__name__ = f"case_{tail.replace('/', '_')}_submit"
    return handle


def kept(posted):
    """What the user typed, for the form shown again; a new idem: the mended form is a new
    request."""
    values = {k: v for k, v in posted.items() if k not in ("csrf", "form")}
    values["idem"] = uuid.uuid4().hex
    return values
