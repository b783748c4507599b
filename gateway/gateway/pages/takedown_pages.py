"""Takedowns of harmful posts (Art. 9(7)): the cyber brigade asks from a case's evidence page
(request_takedown), then follows each request on its own page with its history and moves it
requested -> submitted -> removed | refused (change_takedown)."""
from urllib.parse import quote

from gateway.pages import evidence_list
from gateway.pages import evidence_views as ev
from gateway.pages.application_form import aware
from gateway.pages.forms import fields_of, submit

REQUEST_FIELDS = ("url", "platform", "capture_id", "note")
STATUS_FIELDS = ("status", "note", "at")


def _page_of(takedown_id, flag):
    return f"/takedowns/{quote(takedown_id, safe='')}?{flag}=1"


def request_submit(ctx, case_no):
    values = fields_of(ctx.request.form, REQUEST_FIELDS)
    return submit(ctx, "request_takedown", case_no, body=values,
                  done=lambda answer: _page_of(answer["takedown_id"], "requested"),
                  again=lambda errors, message, status: evidence_list.render(
                      ctx, case_no, values=values, errors=errors, message=message,
                      status=status, failed="takedown"))


def takedown_page(ctx, takedown_id):
    args = ctx.request.args
    return render(ctx, takedown_id, done=next((f for f in ("requested", "changed")
                                              if args.get(f) == "1"), None))


def status_submit(ctx, takedown_id):
    values = fields_of(ctx.request.form, STATUS_FIELDS)
    body = {**values, **({"at": aware(values["at"])} if values.get("at") else {})}
    return submit(ctx, "change_takedown", takedown_id, body=body,
                  done=lambda _: _page_of(takedown_id, "changed"),
                  again=lambda errors, message, status: render(
                      ctx, takedown_id, values=values, errors=errors, message=message,
                      status=status))


def render(ctx, takedown_id, done=None, values=None, errors=None, message=None, status=200):
    takedown = ev.takedown_view(ctx.perform("get_takedown", takedown_id))
    return ctx.render("takedown.html", http_status=status,
                      title=f"删除有害信息：{takedown['platform']}", takedown=takedown,
                      done=done, values=values or {}, errors=errors or {}, message=message,
                      can=ev.abilities(ctx.principal))
