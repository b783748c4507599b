"""The ledger page's patterns (Art. 35): the hot-spot table (place, hour of occurrence,
category; intake's ledger_hotspots) and the trend table (per category, cases per month of the
last twelve months against the twelve before; ledger_trends), shaped for the template. A hot
spot links to a safety-warning draft for whoever may draft publicity statements."""
from urllib.parse import urlencode

from weiquan.contracts import policy

from gateway.labels import CATEGORY_LABELS_ZH, label

NO_PLACE = "未记录地点"
WARNING_FORM = "/publicity/statements/new"


def may_draft_warning(principal):
    """publicity's draft_statement rule: the link leads to a form only they may use."""
    return principal is not None and policy.allowed("publicity", "draft_statement", principal)


def warning_link(item):
    """The safety-warning draft form, prefilled from the pattern."""
    query = {"kind": "safety_warning", "category": item["category"]}
    if item["place"]:
        query["place"] = item["place"]
    query["hour"] = item["hour"]
    return f"{WARNING_FORM}?{urlencode(query)}"


def hour_label(hour):
    return f"{hour:02d}:00–{hour:02d}:59"


def hotspot_rows(answer, principal):
    draft = may_draft_warning(principal)
    return [{"place": item["place"] or NO_PLACE, "hour": hour_label(item["hour"]),
             "category": label(CATEGORY_LABELS_ZH, item["category"]), "total": item["total"],
             "link": warning_link(item) if draft else None}
            for item in answer["items"]]


def month_label(key):
    year, _, month = key.partition("-")
    return f"{year}年{int(month)}月"


def change_label(row):
    """+3（+60.0%）, -2（-50.0%）, 0, or +4（上期为 0）."""
    sign = "+" if row["change"] > 0 else ""
    if row["change_percent"] is None:
        return f"{sign}{row['change']}（上期为 0）" if row["change"] else "0"
    return f"{sign}{row['change']}（{sign}{row['change_percent']}%）"


def trend_table(answer):
    """Column labels, one row per category, and the totals row."""
    rows = [{"category": label(CATEGORY_LABELS_ZH, r["category"]), "counts": r["counts"],
             "total": r["total"], "previous_total": r["previous_total"],
             "change": change_label(r)} for r in answer["categories"]]
    sums = [sum(r["counts"][i] for r in answer["categories"])
            for i in range(len(answer["months"]))]
    totals = {"counts": sums, "total": answer["total"],
              "previous_total": answer["previous_total"], "change": change_label(answer)}
    return {"months": [month_label(m) for m in answer["months"]], "rows": rows,
            "totals": totals, "span": f"{answer['from']} 至 {answer['to']}",
            "previous": f"{answer['previous_from']} 至 {answer['previous_to']}"}


def patterns(ctx, values):
    """Both tables' context for the page's range and top (raises the services' AppError)."""
    hot = ctx.perform("ledger_hotspots", query={
        "from": values["from"], "to": values["to"], "top": values.get("top") or ""})
    trends = ctx.perform("ledger_trends", query={})
    return {"hotspots": hotspot_rows(hot, ctx.principal), "hot_top": hot["top"],
            "trend": trend_table(trends)}
