"""How a deadline of a case was reckoned (SPEC.md "Time rules"): every day from its start to
the due day, counted or skipped and why (weekend, the named holiday, 调休上班, a year whose
holiday schedule is not yet published), in Chinese. The days come from intake's answer
(deadline_reckoning), which walks the same calendar the deadline was set with."""
from datetime import date

from gateway.labels import DEADLINE_KIND_LABELS_ZH, label
from gateway.pages.views import day_of, deadline_view

WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
COUNTING_ZH = {"working_days": "个工作日", "days": "日（自然日）"}
RULE_NOTE_ZH = {
    "working_days": "起算日当天不计入，自次日起数满 {n} 个工作日，至第 {n} 个工作日 23:59:59 届满。",
    "days": "起算日当天不计入，自次日起数满 {n} 日，至第 {n} 日 23:59:59 届满；届满日为休息日的，"
            "顺延至其后第一个工作日。",
}


def rule_text(rule):
    return f"{rule['n']} {COUNTING_ZH.get(rule['counting'], rule['counting'])}"


def day_rows(reckoning, counting):
    """The answer's days as table rows: the running count of counted days, and why a day
    is skipped (or, for a calendar-day rule, what kind of day a counted one is). The last
    day is the due day; a calendar-day deadline moved off a day off says so."""
    rows, count = [], 0
    unit = "个工作日" if counting == "working_days" else "日"
    for index, day in enumerate(reckoning):
        when = date.fromisoformat(day["date"])
        last = index == len(reckoning) - 1
        if day.get("code") == "moved_to_working_day":
            verdict = "届满日（顺延）"
        elif day["counted"]:
            count += 1
            verdict = f"计入，第 {count} {unit}" + ("，届满日" if last else "")
        else:
            verdict = "不计入"
        why = day.get("reason_zh") or ("工作日" if day["counted"] else "")
        rows.append({"date": day["date"], "weekday": WEEKDAYS_ZH[when.weekday()],
                     "counted": day["counted"], "verdict": verdict, "why": why, "last": last,
                     "code": day.get("code"), "provisional": bool(day.get("provisional"))})
    return rows


def reckoning_page(ctx, case_no, kind):
    answer = ctx.perform("deadline_reckoning", case_no, kind)
    rule = answer["rule"]
    rows = day_rows(answer["reckoning"], rule["counting"])
    kind_label = label(DEADLINE_KIND_LABELS_ZH, kind)
    return ctx.render(
        "reckoning.html", title=f"{kind_label}推算", case_no=answer["case_no"],
        kind_label=kind_label, deadline=deadline_view(answer["deadline"]),
        rule=rule_text(rule), rule_note=RULE_NOTE_ZH.get(rule["counting"], "").format(
            n=rule["n"]),
        start=answer["from"], reckoned_due=day_of(answer["reckoned"]["due"]),
        reckoned_provisional=answer["reckoned"].get("provisional"),
        extended=answer["extended"],
        extended_from=day_of(answer["deadline"].get("extended_from")),
        note_zh=answer.get("note_zh"), note_en=answer.get("note"), days=rows,
        any_provisional=any(r["provisional"] for r in rows))
