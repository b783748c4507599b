"""Uploads from the portal: evidence files and the cyber brigade's web captures (Art. 9(1),
9(7)). The multipart body streams through the JSON API's own code (handlers.evidence.receive)
with the session's principal; it is never read into memory, so these pages carry their CSRF
token in the form's action URL (Page csrf=QUERY) and the frame leaves the body alone."""
from urllib.parse import quote

from weiquan.kit.errors import AppError

from gateway.handlers import evidence as evidence_api
from gateway.operations import BY_NAME as OPERATIONS
from gateway.pages import evidence_list
from gateway.pages.application_form import aware
from gateway.pages.render import redirect

# What a user can mend by choosing another file or fixing a field: shown at the field.
MENDABLE = (400, 409, 413, 422)
TIMES = ("acquired_at", "captured_at")  # datetime-local in the form: Asia/Shanghai


class _Form:
    """The form's fields as the stream met them (kept for showing the form again), handed on
    with their local times made aware."""

    def __init__(self):
        self.values = {}

    def __call__(self, meta):
        self.values = {k: v for k, v in meta.items() if isinstance(v, str)}
        return {k: aware(v) if k in TIMES and v else v for k, v in meta.items()}


def _receive(ctx, op_name, case_no, capture):
    """(the stored evidence's answer, None), or (None, (refusal, the fields as sent))."""
    form = _Form()
    try:
        answer = evidence_api.receive(ctx.gw, ctx.request, OPERATIONS[op_name], case_no,
                                      ctx.principal, capture=capture, form_meta=form)
    except AppError as exc:
        if exc.status not in MENDABLE:
            raise
        return None, (exc, form.values)
    return answer, None


def _errors(exc):
    """The refusal's messages by field; a missing or bad file name is the file's."""
    errors = dict(exc.fields or {})
    if "filename" in errors:
        errors.setdefault("file", errors.pop("filename"))
    if not errors:  # e.g. the evidence service's 413: still about the file
        errors["file"] = exc.message
    return errors


def _stored(case_no, answer):
    return f"/cases/{quote(case_no, safe='')}/evidence?stored={quote(answer['evidence_id'])}"


def upload_submit(ctx, case_no):
    answer, refused = _receive(ctx, "upload_evidence", case_no, capture=False)
    if refused:
        exc, values = refused
        return evidence_list.render(ctx, case_no, values=values, errors=_errors(exc),
                                    message=exc.message, status=exc.status, failed="upload")
    return redirect(_stored(case_no, answer))


def capture_form(ctx, case_no):
    ctx.perform("list_case_evidence", case_no)  # a case that does not exist is the 404 page
    return _capture_page(ctx, case_no)


def capture_submit(ctx, case_no):
    answer, refused = _receive(ctx, "web_capture", case_no, capture=True)
    if refused:
        exc, values = refused
        return _capture_page(ctx, case_no, values=values, errors=_errors(exc),
                             message=exc.message, status=exc.status)
    return redirect(_stored(case_no, answer))


def _capture_page(ctx, case_no, values=None, errors=None, message=None, status=200):
    return ctx.render("evidence_capture.html", http_status=status, title=f"网页取证 {case_no}",
                      case_no=case_no, values=values or {}, errors=errors or {},
                      message=message)
