"""One piece of evidence: its metadata, its custody chain oldest first (opening the page is
itself a logged view), the chain checked on request (verify_custody), a download through a
short-lived link (logged in custody), and a legal hold for those the policy allows."""
from urllib.parse import quote

from gateway.pages import evidence_views as ev
from gateway.pages.application_form import aware
from gateway.pages.forms import fields_of, submit
from gateway.pages.render import redirect

HOLD_FIELDS = ("reason", "retain_until")


def evidence_page(ctx, evidence_id):
    return render(ctx, evidence_id, held=ctx.request.args.get("held") == "1")


def verify_page(ctx, evidence_id):
    """The chain recomputed first, then the page (whose own view is the chain's next entry)."""
    check = ctx.perform("verify_custody", evidence_id)
    return render(ctx, evidence_id, check=ev.check_view(check))


def download(ctx, evidence_id):
    """302 to the presigned link the evidence service hands out (and logs) for 5 minutes."""
    return redirect(ctx.perform("download_evidence", evidence_id)["url"], status=302)


def hold_submit(ctx, evidence_id):
    values = fields_of(ctx.request.form, HOLD_FIELDS)
    body = {**values, **({"retain_until": aware(values["retain_until"])}
                         if values.get("retain_until") else {})}
    return submit(ctx, "hold_evidence", evidence_id, body=body,
                  done=lambda _: f"/evidence/{quote(evidence_id, safe='')}?held=1",
                  again=lambda errors, message, status: render(
                      ctx, evidence_id, values=values, errors=errors, message=message,
                      status=status))


def render(ctx, evidence_id, check=None, held=False, values=None, errors=None, message=None,
           status=200):
    answer = ctx.perform("get_evidence", evidence_id)
    item = ev.evidence_view(answer)
    return ctx.render("evidence_detail.html", http_status=status,
                      title=f"证据：{item['filename']}", item=item,
                      custody=ev.custody_rows(answer["custody"]),
                      hold=ev.hold_view(answer.get("hold")), check=check, held=held,
                      values=values or {}, errors=errors or {}, message=message,
                      can=ev.abilities(ctx.principal))
