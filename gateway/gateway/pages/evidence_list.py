"""A case's evidence (Art. 9(1)): the list, the upload form for those the policy lets upload
(the applicant on their own case among them), and the cyber brigade's takedown request form
(Art. 9(7)). A refused upload or takedown request shows this page again with the message at
its field."""
from urllib.parse import quote

from gateway.pages import evidence_views as ev
from gateway.pages.render import redirect

PREFILL = ("url", "capture_id")  # a web capture's page links here to ask for its takedown


def case_evidence(ctx, case_no):
    args = ctx.request.args
    values = {name: args.get(name) for name in PREFILL if args.get(name)}
    return render(ctx, case_no, values=values, stored=args.get("stored"))


def find_case(ctx):
    """The cyber brigade works on any case (Art. 9(7)) but has no case list: it goes by number."""
    case_no = (ctx.request.args.get("case_no") or "").strip()
    if case_no:
        return redirect(f"/cases/{quote(case_no, safe='')}/evidence")
    return ctx.render("evidence_find.html")


def render(ctx, case_no, values=None, errors=None, message=None, status=200, failed=None,
           stored=None):
    """The page; ``failed`` names the form ("upload", "takedown") a refusal belongs to and
    ``stored`` the evidence just stored, for the notice with its SHA-256."""
    answer = ctx.perform("list_case_evidence", case_no)
    items = [ev.item_row(item) for item in answer["items"]]
    just_stored = next((i for i in items if i["evidence_id"] == stored), None) if stored else None
    return ctx.render("evidence_list.html", http_status=status, title=f"案件 {case_no} 的证据",
                      case_no=case_no, items=items, stored=just_stored,
                      values=values or {}, errors=errors or {}, message=message,
                      failed=failed, can=ev.abilities(ctx.principal), kinds=ev.UPLOAD_KINDS)
