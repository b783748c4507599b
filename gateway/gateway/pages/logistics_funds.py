"""The funds (Art. 25-27): every fund and year with its balance, the form logistics sets a
yearly budget and the approval thresholds with, and a fund's yearly statement (opening
budget, approvals, disbursements, committed but unpaid, balance)."""
from weiquan.contracts import policy
from weiquan.contracts.codes import FUND_KINDS, FUND_LABELS_ZH

from gateway.pages.forms import fields_of, submit
from gateway.pages.logistics_views import fund_row

LABELS = {"fund": "经费类别", "year": "年度", "budget": "年度预算（元）",
          "director_limit": "维权委主任审批上限（元）",
          "committee_limit": "维权委审批上限（元）"}


def funds_page(ctx):
    return _funds(ctx, {"year": str(ctx.now.year)})


def _funds(ctx, values, errors=None, message=None, status=200):
    errors = errors or {}
    funds = [fund_row(f) for f in ctx.perform("list_funds", query={})["items"]]
    return ctx.render("logistics_funds.html", http_status=status, funds=funds, values=values,
                      errors=errors, message=message, L=LABELS,
                      label_of=lambda name: LABELS.get(name, name),
                      other_errors={k: v for k, v in errors.items() if k not in LABELS},
                      may_set=policy.allowed("logistics", "set_budget", ctx.principal),
                      done=ctx.request.args.get("done") == "set",
                      choices={"fund": [(k, FUND_LABELS_ZH[k]) for k in FUND_KINDS]})


def budget_submit(ctx):
    form = ctx.request.form
    body = fields_of(form, ("fund", "budget", "director_limit", "committee_limit"))
    year = (form.get("year") or "").strip()
    if year:
        body["year"] = int(year) if year.isdigit() and len(year) <= 4 else year

    def again(errors, message, status):
        return _funds(ctx, {k: v for k, v in form.items() if k != "csrf"}, errors, message,
                      status)
    return submit(ctx, "set_budget", body=body, again=again,
                  done=lambda answer: "/funds?done=set")


def statement_page(ctx, fund, year):
    st = ctx.perform("fund_statement", fund, year)
    return ctx.render("logistics_statement.html", st=st,
                      fund_label=FUND_LABELS_ZH.get(st["fund"], st["fund"]),
                      title=f"{FUND_LABELS_ZH.get(st['fund'], st['fund'])} {st['year']} 年度收支表")
