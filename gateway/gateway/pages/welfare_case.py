"""A case's welfare page: its work items, green channel, consolation visits, insurance claims
and psychological referrals, with the forms that record a visit, file or move a claim and
refer someone for crisis intervention. Each form is the JSON API's operation."""
from gateway.pages.forms import submit
from gateway.pages.welfare_views import (CHOICES, category_text, channel_row, claim_row,
                                         item_row, referral_row, text_fields, values_of,
                                         visit_row)

NOTICES = {"visit": ("走访慰问已记录。", "The visit was recorded."),
           "claim": ("保险理赔已申报。", "The claim was filed."),
           "claim_state": ("理赔状态已更新。", "The claim's state was updated."),
           "psych": ("已转介心理危机干预。", "The referral was recorded.")}
LABELS = {"visitors": "走访人员", "visited_at": "走访时间", "gifts": "慰问物品", "notes": "备注",
          "insurer": "保险公司", "policy_no": "保单号", "note": "说明", "state": "理赔状态",
          "person.type": "干预对象", "person.name": "姓名", "person.relation": "与民警的关系",
          "reason": "转介原因", "person": "干预对象"}


def case_page(ctx, case_no, values=None, errors=None, message=None, active=None,
              status=200):
    seen = ctx.perform("case_welfare", case_no)
    return ctx.render(
        "welfare_case.html", http_status=status, title=f"关爱工作 {case_no}", case_no=case_no,
        case=seen, category=category_text(seen.get("category")),
        items=[item_row(i) for i in seen["work_items"]],
        channel=channel_row(seen["green_channel"]) if seen.get("green_channel") else None,
        visits=[visit_row(v) for v in seen["visits"]],
        claims=[claim_row(c) for c in seen["insurance_claims"]],
        referrals=None if seen.get("psych_referrals") is None
        else [referral_row(r) for r in seen["psych_referrals"]],
        values=values or {"person.type": "officer"}, errors=errors or {}, message=message,
        active=active, L=LABELS, label_of=lambda n: LABELS.get(n, n), choices=CHOICES,
        done=NOTICES.get(ctx.request.args.get("done") or ""))


def _submit(ctx, case_no, op_name, body, active, done, *path):
    form = ctx.request.form

    def again(errors, message, status):
        return case_page(ctx, case_no, values_of(form), errors, message, active, status)
    return submit(ctx, op_name, *(path or (case_no,)), body=body, again=again,
                  done=lambda answer: f"/welfare/cases/{case_no}?done={done}")


def visit_submit(ctx, case_no):
    body = text_fields(ctx.request.form, ("visitors", "visited_at", "gifts", "notes"),
                       times=("visited_at",))
    return _submit(ctx, case_no, "record_visit", body, "visit", "visit")


def claim_submit(ctx, case_no):
    body = text_fields(ctx.request.form, ("insurer", "policy_no", "note"))
    return _submit(ctx, case_no, "file_insurance_claim", body, "claim", "claim")


def claim_state_submit(ctx, claim_id):
    form = ctx.request.form
    case_no = (form.get("case_no") or "").strip()[:40]
    body = text_fields(form, ("state", "note"))
    return _submit(ctx, case_no, "update_insurance_claim", body, f"claim-{claim_id}",
                   "claim_state", claim_id)


def psych_submit(ctx, case_no):
    form = ctx.request.form
    person = {k.split(".", 1)[1]: v for k, v in text_fields(
        form, ("person.type", "person.name", "person.relation")).items()}
    body = {"person": person, **text_fields(form, ("reason",))}
    return _submit(ctx, case_no, "refer_psych", body, "psych", "psych")
