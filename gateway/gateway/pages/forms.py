"""A portal form that performs one operation: post -> ctx.perform (the JSON API's path) ->
303 to where the user goes next; a refusal the user can mend (409, 422) shows the page again
with the API's bilingual message next to each field. Anything else is the error page."""
from weiquan.kit.errors import AppError

from gateway.pages.render import redirect


def fields_of(form, names):
    """The posted text fields among names, stripped; empty ones left out."""
    return {n: form.get(n).strip() for n in names if (form.get(n) or "").strip()}


def submit(ctx, op_name, *path, body=None, query=None, key=None, done, again):
    """done(answer) -> URL to go to; again(errors, message, status) -> the page re-rendered."""
    try:
        answer = ctx.perform(op_name, *path, query=query, body=body, key=key)
    except AppError as exc:
        if exc.status not in (409, 422):
            raise
        return again(exc.fields or {}, exc.message, exc.status)
    return redirect(done(answer))
