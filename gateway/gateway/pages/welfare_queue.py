"""The political-work office's queue (Art. 9(2), 28): its work items, open first and nearest
due first, and the psychological referrals still open (the office alone sees them)."""
from weiquan.contracts import policy

from gateway.pages.welfare_views import item_row, referral_row

SHOWN = ("open", "done")


def queue_page(ctx):
    shown = ctx.request.args.get("state") or "open"
    if shown not in SHOWN:
        shown = "open"
    items = ctx.perform("list_work", query={"state": shown, "page_size": "100"})
    referrals = None
    if policy.allowed("welfare", "psych", ctx.principal):
        referrals = [referral_row(r) for r in ctx.perform(
            "list_psych", query={"state": "open", "page_size": "100"})["items"]]
    return ctx.render("welfare_queue.html", items=[item_row(i) for i in items["items"]],
                      total=items["total"], shown=shown, referrals=referrals,
                      case_no=(ctx.request.args.get("case_no") or "").strip()[:40])


def find_case(ctx):
    """The queue's "open a case" form: to the case's welfare page."""
    from gateway.pages.render import redirect
    case_no = (ctx.request.args.get("case_no") or "").strip()[:40]
    return redirect(f"/welfare/cases/{case_no}" if case_no else "/welfare")
