"""The ledger page (Art. 35): the committee picks a range of receipt dates and a grouping, and
sees intake's statistics (operation ledger_stats, the JSON API's path) as a table and a bar
chart, with links to the same cases as CSV and XLSX. The files come from the API's own
builder (handlers.ledger.export), so a page download equals the API's byte for byte. Below
them, the hot spots of the same range and the last twelve months' trends (ledger_patterns)."""
from urllib.parse import urlencode

from markupsafe import Markup

from weiquan.config import TZ
from weiquan.contracts.codes import LEDGER_GROUPINGS
from weiquan.kit.errors import AppError

from gateway.handlers import ledger as files
from gateway.labels import (CATEGORY_LABELS_ZH, CHANNEL_LABELS_ZH, LEDGER_GROUPING_LABELS_ZH,
                            OUTCOME_LABELS_ZH, label)
from gateway.pages.charts import SERIES, bar_chart
from gateway.pages.ledger_patterns import patterns
from gateway.pages.page import Page
from gateway.pages.render import HEADERS

ACCESS = ("intake", "view_ledger")
FILTERS = ("from", "to", "by")
TOP = "top"  # how many hot spots; optional, kept in the query only when given
FIELD_LABELS = {"from": "收件日期自", "to": "收件日期至", "by": "分组方式", "top": "热点条数"}
KEY_LABELS = {"category": CATEGORY_LABELS_ZH, "channel": CHANNEL_LABELS_ZH,
              "outcome": OUTCOME_LABELS_ZH}
CHART_GROUPS = 24  # the chart draws the first groups; the table lists every one
NO_PLACE = "未记录地点"


def defaults(now):
    """This year so far (Asia/Shanghai), grouped by category."""
    today = now.astimezone(TZ).date()
    return {"from": today.replace(month=1, day=1).isoformat(), "to": today.isoformat(),
            "by": "category"}


def filters_of(args, now):
    """The filters as given; a first visit (none given) gets this year by category."""
    given = {name: (args.get(name) or "").strip() for name in FILTERS}
    if not any(name in args for name in FILTERS):
        given = defaults(now)
    if args.get(TOP):
        given[TOP] = args[TOP].strip()
    return given


def group_label(by, key):
    if by == "month" and key:
        year, _, month = key.partition("-")
        return f"{year}年{int(month)}月" if month.isdigit() else key
    if by == "place" and key is None:
        return NO_PLACE
    return label(KEY_LABELS[by], key) if by in KEY_LABELS else (key or "")


def rows_of(answer):
    """The answer's groups as table rows, and the totals row (total is the answer's own)."""
    rows = [{"label": group_label(answer["by"], g["key"]),
             **{key: g[key] for key, _name, _fill in SERIES}} for g in answer["groups"]]
    totals = {key: sum(r[key] for r in rows) for key, _name, _fill in SERIES}
    totals["total"] = answer["total"]
    return rows, totals


def export_links(values):
    query = urlencode({"from": values["from"], "to": values["to"]})
    return {"csv": f"/ledger/cases.csv?{query}", "xlsx": f"/ledger/cases.xlsx?{query}"}


def ledger_page(ctx):
    values = filters_of(ctx.request.args, ctx.now)
    try:
        answer = ctx.perform("ledger_stats", query={k: values[k] for k in ("from", "to", "by")})
        found = patterns(ctx, values)
    except AppError as exc:
        if exc.status != 422:
            raise
        return _render(ctx, values, errors=exc.fields or {}, message=exc.message,
                       status=422)
    return _render(ctx, values, answer=answer, found=found)


def _render(ctx, values, answer=None, errors=None, message=None, status=200, found=None):
    errors = errors or {}
    context = {**(found or {}), "values": values, "errors": errors, "message": message,
               "L": FIELD_LABELS,
               "groupings": [(by, LEDGER_GROUPING_LABELS_ZH[by]) for by in LEDGER_GROUPINGS],
               "other_errors": {k: v for k, v in errors.items() if k not in FIELD_LABELS},
               "series": [(key, name) for key, name, _fill in SERIES], "answer": answer}
    if answer is not None:
        rows, totals = rows_of(answer)
        by_label = LEDGER_GROUPING_LABELS_ZH.get(answer["by"], answer["by"])
        span = f"{answer['from']} 至 {answer['to']}"
        chart_title = f"按{by_label}分组的案件数（{span}收件）"
        context.update(rows=rows, totals=totals, by_label=by_label, span=span,
                       exports=export_links(values), chart_limited=len(rows) > CHART_GROUPS,
                       chart_groups=CHART_GROUPS,
                       chart=Markup(bar_chart(rows[:CHART_GROUPS], chart_title, "ledger-chart",
                                              empty="所选时间内没有收到案件")))
    return ctx.render("ledger.html", http_status=status, **context)


def _download(ctx, kind):
    """The API's file (same operation, same builder), with the portal's no-store headers."""
    args = ctx.request.args
    answer = ctx.perform(f"ledger_cases_{kind}",
                         query={name: args.get(name) for name in ("from", "to")})
    response = files.export(answer, kind)
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def cases_csv(ctx):
    return _download(ctx, "csv")


def cases_xlsx(ctx):
    return _download(ctx, "xlsx")


PAGES = (
    Page("GET", "/ledger", "ledger_page", "台账统计", ledger_page, access=ACCESS, nav="台账统计"),
    Page("GET", "/ledger/cases.csv", "ledger_cases_csv_page", "台账导出（CSV）", cases_csv,
         access=ACCESS),
    Page("GET", "/ledger/cases.xlsx", "ledger_cases_xlsx_page", "台账导出（Excel）", cases_xlsx,
         access=ACCESS),
)
