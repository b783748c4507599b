"""侵权热点与趋势 (Art. 35) for legal affairs and publicity, who draw the safety guidance and
warnings from the patterns but may not see the ledger's case rows: the ledger page's hot-spot
and trend tables alone, for a range of receipt dates (default: this year so far)."""
from weiquan.config import TZ
from weiquan.kit.errors import AppError

from gateway.pages.ledger_patterns import patterns
from gateway.pages.page import Page

ACCESS = ("intake", "view_patterns")
FIELDS = ("from", "to", "top")
FIELD_LABELS = {"from": "收件日期自", "to": "收件日期至", "top": "热点条数"}


def values_of(args, now):
    today = now.astimezone(TZ).date()
    values = {name: (args.get(name) or "").strip() for name in FIELDS}
    if not values["from"] and not values["to"]:
        values.update({"from": today.replace(month=1, day=1).isoformat(),
                       "to": today.isoformat()})
    return values


def patterns_page(ctx):
    values = values_of(ctx.request.args, ctx.now)
    context = {"values": values, "L": FIELD_LABELS, "errors": {}, "message": None,
               "span": f"{values['from']} 至 {values['to']}"}
    try:
        context.update(patterns(ctx, values))
    except AppError as exc:
        if exc.status != 422:
            raise
        context.update(errors=exc.fields or {}, message=exc.message)
        return ctx.render("ledger_patterns.html", http_status=422, **context)
    return ctx.render("ledger_patterns.html", **context)


PAGES = (
    Page("GET", "/ledger/patterns", "ledger_patterns_page", "侵权热点与趋势", patterns_page,
         access=ACCESS),
)
