"""Legal affairs' portal pages (Art. 20-25, 33): the queue (open legal work, the counsel
roster), one case's legal file with the forms legal affairs works it with (classification,
counsel assignment, offenders, liaison; determinations, appeals and reviews post through
legal_forms.py), the roster form, the repeat-offender list and the leniency letter. Every
form posts to the same operation the JSON API has."""
from weiquan.contracts import policy
from weiquan.contracts.codes import (COUNSEL_SPECIALITIES, COUNSEL_SPECIALITY_LABELS_ZH,
                                     DISCIPLINE_OUTCOME_LABELS_ZH, DISCIPLINE_OUTCOMES,
                                     DISCIPLINE_REVIEW_GROUND_LABELS_ZH,
                                     DISCIPLINE_REVIEW_GROUNDS, LEGAL_CLASSIFICATION_LABELS_ZH,
                                     LEGAL_CLASSIFICATIONS, LIABILITY_CLASSIFICATION_LABELS_ZH,
                                     LIABILITY_CLASSIFICATIONS, LIABILITY_OUTCOME_LABELS_ZH,
                                     LIABILITY_OUTCOMES, MITIGATING_FACTOR_LABELS_ZH,
                                     MITIGATING_FACTORS)
from weiquan.contracts.legal_aid import (APPEAL_SCALES, LIAISON_BODIES, LIAISON_BODY_LABELS_ZH,
                                         LIAISON_KINDS,
                                         LIAISON_KIND_LABELS_ZH, OFFENDER_RELATION_LABELS_ZH,
                                         OFFENDER_RELATIONS, PURSUIT_LABELS_ZH, PURSUITS)

from gateway.pages.forms import fields_of, submit
from gateway.pages.legal_views import case_view, counsel_row, item_row, offender_row

LABELS = {"classification": "法律定性", "reason": "理由", "speciality": "所需专长",
          "counsel_id": "指定法律顾问", "name": "姓名", "id_number": "身份证号码",
          "phone": "电话", "birth_date": "出生日期", "relation": "与案件关系",
          "conduct": "侵权行为", "pursuit": "追究方式", "body": "联络机关", "date": "日期",
          "kind": "联络事项", "note": "情况", "firm": "律师事务所", "specialities": "专长",
          "capacity": "承办上限", "officer": "被认定民警警号", "team": "调查组成员警号",
          "findings": "调查认定的事实", "liability": "责任认定类型", "outcome": "处理结果",
          "mitigating_factors": "从宽情形（第二十三条）", "scale": "申诉对象",
          "appealed": "原处理结果", "determination_id": "所涉责任认定",
          "statement": "申诉理由", "decision": "申诉决定", "decision_reason": "决定理由",
          "discipline": "原处理决定", "complaint": "复查申请理由", "confirmed": "核查结论",
          "grounds": "撤销理由", "review_note": "复查意见"}
NOTICES = {"classified": "法律定性已确定。", "assigned": "法律顾问已指派。",
           "offender": "侵权行为人已登记。", "liaison": "联络记录已登记。",
           "counsel": "法律顾问已加入名册。", "determined": "责任认定已登记。",
           "appealed": "申诉已登记。", "appeal_decided": "申诉决定已作出。",
           "review": "复查申请已登记。", "review_decided": "复查结论已作出。"}
SCALE_LABELS_ZH = {"liability": "责任认定（免责、减责、问责）",
                   "discipline": "内部处理（批评教育、纪律处分）"}


def _choices(codes, labels):
    return [(c, labels[c]) for c in codes]


CHOICES = {"classification": _choices(LEGAL_CLASSIFICATIONS, LEGAL_CLASSIFICATION_LABELS_ZH),
           "speciality": _choices(COUNSEL_SPECIALITIES, COUNSEL_SPECIALITY_LABELS_ZH),
           "relation": _choices(OFFENDER_RELATIONS, OFFENDER_RELATION_LABELS_ZH),
           "pursuit": _choices(PURSUITS, PURSUIT_LABELS_ZH),
           "body": _choices(LIAISON_BODIES, LIAISON_BODY_LABELS_ZH),
           "kind": _choices(LIAISON_KINDS, LIAISON_KIND_LABELS_ZH),
           "liability": _choices(LIABILITY_CLASSIFICATIONS, LIABILITY_CLASSIFICATION_LABELS_ZH),
           "outcome": _choices(LIABILITY_OUTCOMES, LIABILITY_OUTCOME_LABELS_ZH),
           "mitigating_factors": _choices(MITIGATING_FACTORS, MITIGATING_FACTOR_LABELS_ZH),
           "scale": _choices(APPEAL_SCALES, SCALE_LABELS_ZH),
           "appealed": [(c, f"{LIABILITY_OUTCOME_LABELS_ZH[c]}（责任认定）")
                        for c in LIABILITY_OUTCOMES] +
                       [(c, f"{DISCIPLINE_OUTCOME_LABELS_ZH[c]}（内部处理）")
                        for c in DISCIPLINE_OUTCOMES[1:]],
           # "none" (不予处理) leaves nothing to review
           "discipline": _choices(DISCIPLINE_OUTCOMES[1:], DISCIPLINE_OUTCOME_LABELS_ZH),
           "grounds": _choices(DISCIPLINE_REVIEW_GROUNDS, DISCIPLINE_REVIEW_GROUND_LABELS_ZH)}
CASE_ACTIONS = ("decide_classification", "assign_counsel", "record_offender", "record_liaison",
                "record_determination", "file_appeal", "decide_appeal", "file_review",
                "decide_review")


def _may(ctx, action):
    return policy.allowed("legal_aid", action, ctx.principal)


def queue_page(ctx):
    work = ctx.perform("list_legal_work", query={"page_size": "100"})
    roster = ctx.perform("list_counsel")
    return ctx.render("legal_queue.html", items=[item_row(i) for i in work["items"]],
                      total=work["total"], roster=[counsel_row(c) for c in roster["items"]],
                      may_counsel=_may(ctx, "manage_counsel"),
                      may_offenders=_may(ctx, "read_offenders"),
                      done=NOTICES.get(ctx.request.args.get("done") or ""))


def case_page(ctx, case_no, form=None, errors=None, message=None, status=200, values=None):
    """``form`` names the form a refusal belongs to."""
    f = case_view(ctx.perform("legal_case", case_no))
    roster = ctx.perform("list_counsel")["items"] if _may(ctx, "assign_counsel") else []
    may = {a: _may(ctx, a) for a in CASE_ACTIONS}
    return ctx.render("legal_case.html", http_status=status, f=f, may=may, form=form,
                      errors=errors or {}, message=message, values=values or {}, L=LABELS,
                      choices={**CHOICES, "counsel_id": [
                          (c["counsel_id"], f"{c['name']}（{c['firm']}）") for c in roster
                          if c["active"]], "determination_id": [
                          (d["determination_id"], f"民警 {d['officer']}：{d['outcome_label']}")
                          for d in f["determinations"]]},
                      done=NOTICES.get(ctx.request.args.get("done") or ""))


def _post(ctx, case_no, op_name, form_name, body, done, path=()):
    def again(errors, message, status):
        values = {k: v for k, v in ctx.request.form.items() if k != "csrf"}
        return case_page(ctx, case_no, form_name, errors, message, status, values)
    return submit(ctx, op_name, *path, body=body, again=again,
                  done=lambda answer: f"/legal/cases/{case_no}?done={done}")


def classification_submit(ctx, case_no):
    body = fields_of(ctx.request.form, ("classification", "reason"))
    return _post(ctx, case_no, "decide_classification", "classification", body, "classified",
                 (case_no,))


def assign_submit(ctx, case_no):
    body = {"case_no": case_no, **fields_of(ctx.request.form, ("speciality", "counsel_id"))}
    return _post(ctx, case_no, "assign_counsel", "assign", body, "assigned")


def offender_submit(ctx, case_no):
    body = fields_of(ctx.request.form, ("name", "id_number", "phone", "birth_date",
                                        "relation", "conduct", "pursuit"))
    return _post(ctx, case_no, "record_offender", "offender", body, "offender", (case_no,))


def liaison_submit(ctx, case_no):
    body = {"case_no": case_no, **fields_of(ctx.request.form, ("body", "date", "kind",
                                                                "note"))}
    return _post(ctx, case_no, "record_liaison", "liaison", body, "liaison")


# ---- roster --------------------------------------------------------------------------------
def counsel_form(ctx, values=None, errors=None, message=None, status=200):
    errors = errors or {}
    return ctx.render("legal_counsel.html", http_status=status, values=values or {},
                      errors=errors, message=message, L=LABELS,
                      label_of=lambda name: LABELS.get(name.split(".")[0], name),
                      other_errors={k: v for k, v in errors.items()
                                    if k.split(".")[0] not in LABELS},
                      specialities=CHOICES["speciality"])


def counsel_submit(ctx):
    form = ctx.request.form
    body = fields_of(form, ("name", "firm", "id_number", "phone"))
    body["specialities"] = form.getlist("specialities")
    capacity = (form.get("capacity") or "").strip()
    if capacity:
        body["capacity"] = int(capacity) if capacity.isdigit() else capacity

    def again(errors, message, status):
        values = {k: v for k, v in form.items() if k != "csrf"}
        values["specialities"] = form.getlist("specialities")
        return counsel_form(ctx, values, errors, message, status)
    return submit(ctx, "add_counsel", body=body, again=again,
                  done=lambda answer: "/legal?done=counsel")


# ---- offenders and the letter --------------------------------------------------------------
def offenders_page(ctx):
    people = ctx.perform("repeat_offenders")["items"]
    return ctx.render("legal_offenders.html", people=[
        {**p, "records": [offender_row(r) for r in p["records"]]} for p in people])


def letter_page(ctx, determination_id):
    letter = ctx.perform("leniency_letter", determination_id)
    return ctx.render("legal_letter.html", letter=letter)
