"""The case page's liability forms (Art. 22-24): record a determination, file an appeal or a
review of internal discipline, decide an open one. Several forms share the page and the
contracts reuse field names (outcome, reason, note), so each form's fields carry a prefix
("det.outcome", "appeal-<id>.outcome"): unique element ids, and the API's field errors are
shown at the prefixed field. A refusal (409 change_needs_committee, 422) re-renders the case
page with the message; nothing here decides who may lighten an outcome: the service does."""
import re

from gateway.pages.forms import submit
from gateway.pages.legal_pages import case_page

# Police ids as typed: separated by commas (either width), 、, semicolons, spaces or lines.
_SEPARATORS = re.compile(r"[,，、;；\s]+")


def prefixed(form, prefix, names):
    """The posted text fields ``<prefix>.<name>`` among names, stripped, keyed by name;
    empty ones left out so the API names each missing field."""
    found = {}
    for name in names:
        value = (form.get(f"{prefix}.{name}") or "").strip()
        if value:
            found[name] = value
    return found


def at_fields(prefix, errors):
    """The API's field errors at the form's prefixed fields; a list item's problem
    (``team.1``, ``grounds.0``) is shown at its list's field."""
    shown = {}
    for name, problem in (errors or {}).items():
        shown.setdefault(f"{prefix}.{name.split('.')[0]}", problem)
    return shown


def _post(ctx, case_no, op_name, prefix, body, done, path=()):
    def again(errors, message, status):
        values = {k: v for k, v in ctx.request.form.items() if k != "csrf"}
        for name in ctx.request.form:
            if name.endswith((".mitigating_factors", ".grounds")):
                values[name] = ctx.request.form.getlist(name)
        return case_page(ctx, case_no, prefix, at_fields(prefix, errors), message, status,
                         values)
    return submit(ctx, op_name, *path, body=body, again=again,
                  done=lambda answer: f"/legal/cases/{case_no}?done={done}")


def determination_submit(ctx, case_no):
    form = ctx.request.form
    body = {"case_no": case_no, **prefixed(form, "det", ("officer", "findings",
                                                         "classification", "outcome"))}
    body["team"] = [p for p in _SEPARATORS.split(form.get("det.team") or "") if p]
    body["mitigating_factors"] = form.getlist("det.mitigating_factors")
    return _post(ctx, case_no, "record_determination", "det", body, "determined")


def appeal_submit(ctx, case_no):
    body = {"case_no": case_no, **prefixed(ctx.request.form, "appeal", (
        "scale", "appealed", "determination_id", "statement"))}
    return _post(ctx, case_no, "file_appeal", "appeal", body, "appealed")


def appeal_decision_submit(ctx, case_no, appeal_id):
    prefix = f"appeal-{appeal_id}"
    body = prefixed(ctx.request.form, prefix, ("outcome", "reason"))
    return _post(ctx, case_no, "decide_appeal", prefix, body, "appeal_decided", (appeal_id,))


def review_submit(ctx, case_no):
    body = {"case_no": case_no, **prefixed(ctx.request.form, "review", ("discipline",
                                                                         "complaint"))}
    return _post(ctx, case_no, "file_review", "review", body, "review")


def review_decision_submit(ctx, case_no, review_id):
    prefix = f"review-{review_id}"
    form = ctx.request.form
    body = prefixed(form, prefix, ("note",))
    confirmed = {"yes": True, "no": False}.get(form.get(f"{prefix}.confirmed"))
    if confirmed is not None:  # unanswered: left out, so the API names the field
        body["confirmed"] = confirmed
    body["grounds"] = form.getlist(f"{prefix}.grounds")
    return _post(ctx, case_no, "decide_review", prefix, body, "review_decided", (review_id,))
