"""The case actions of Art. 14-18 as portal forms, described once: which operation each
performs, its fields (named by the contract: a form's field `reason` is posted as
`refuse.reason`, so two forms on one page never share an id), and when it is shown: the
shared policy allows it AND the case's status lets intake accept it (intake.domain.rules and
lifecycle refuse anything else with a 409, so a form that could only fail is not offered)."""
import uuid
from dataclasses import dataclass, field
from typing import Callable, Optional

from weiquan.contracts import policy
from weiquan.contracts.codes import (APPEAL_OUTCOMES, CONCLUSION_OUTCOMES,
                                     REEXAMINATION_OUTCOMES)

from gateway.labels import (APPEAL_OUTCOME_LABELS_ZH, OUTCOME_LABELS_ZH,
                            REEXAMINATION_OUTCOME_LABELS_ZH)
from gateway.pages.application_form import aware
from gateway.pages.refusal_reasons import REFUSAL_REASONS, refusal_reason
from gateway.pages.views import day_of

HIGHER_LEVEL = "上级公安机关维权组织"  # intake.domain.lifecycle.HIGHER_LEVEL, its default
OPEN_REPLY = ("running", "overdue")   # a written-reply clock not yet satisfied


@dataclass(frozen=True)
class Field:
    name: str                     # the contract's field name
    label: str
    kind: str = "text"            # text, textarea, select, date, datetime, int
    required: bool = True
    hint: Optional[str] = None
    options: tuple = ()           # (value, Chinese) for a select
    max: Optional[int] = None
    rows: int = 4


@dataclass(frozen=True)
class CaseForm:
    key: str                      # the form's name on the page and its fields' prefix
    op: str                       # the operation (gateway/operations.py) it performs
    tail: str                     # page route /cases/{case_no}/<tail>
    title: str
    button: str
    done: str                     # the notice after it succeeded
    fields: tuple
    shown: Callable               # shown(case, principal) -> bool, beyond the policy
    fixed: dict = field(default_factory=dict)
    hint: Optional[str] = None

    def id(self, name):
        return f"{self.key}.{name}"


def _options(codes, labels):
    return tuple((c, labels.get(c, c)) for c in codes)


def _status(*wanted):
    return lambda case, principal: case["status"] in wanted


def is_applicant(case, principal):
    """Scope `applicant` of the shared policy (intake.domain.access.is_applicant, which
    decides): who filed it, the officer it concerns, or the committee office for them."""
    roles = set(principal["roles"])
    officer = case.get("officer") or {}
    concerned = "officer" in roles and bool(principal.get("police_id")) and \
        officer.get("police_id") == principal["police_id"]
    return principal["username"] == case.get("filed_by") or concerned or \
        "committee_office" in roles


def deadline_of(case, kind):
    return next((d for d in case.get("deadlines") or [] if d["kind"] == kind), None)


def _reply_open(case, principal):
    reply = deadline_of(case, "written_reply")
    return case["status"] == "accepted" and reply is not None and reply["state"] in OPEN_REPLY


def _as_applicant(*wanted):
    return lambda case, principal: case["status"] in wanted and is_applicant(case, principal)


def appeal_window_lapsed(case):
    """The appeal window (Art. 15), counted from the decision day until the applicant says
    when the answer arrived, has passed."""
    window = deadline_of(case, "appeal_window")
    return window is not None and window["state"] == "lapsed"


def _may_appeal(case, principal):
    """Within the window, the applicant or the officer concerned; after it, only the office
    keys in a paper appeal whose answer arrived later (intake reckons the window from the
    date given and refuses a late one with the day it closed)."""
    if case["status"] != "rejected" or not is_applicant(case, principal):
        return False
    return not appeal_window_lapsed(case) or "committee_office" in principal["roles"]


def window_notice(case, principal):
    """What an applicant is told instead of the appeal form once the window has passed."""
    if case["status"] != "rejected" or not appeal_window_lapsed(case) or \
            _may_appeal(case, principal) or not is_applicant(case, principal):
        return None
    closed = day_of(deadline_of(case, "appeal_window")["due"])
    return (f"申请复议的期限已于 {closed} 届满（第十五条：自收到答复之日起 10 个工作日内，"
            f"按决定当日起算）。如书面答复是之后才收到的，请持答复向维权委员会办公室申请录入。")


def open_escalations(case):
    return [e for e in case.get("escalations") or [] if e.get("outcome") is None]


_DECIDED_AT = Field("decided_at", "决定时间", "datetime", required=False,
                    hint="按书面决定录入时填写实际决定时间（北京时间）；不填则为现在")
_REASON = Field("reason", "理由", "textarea", max=5000)

FORMS = (
    CaseForm("accept", "decide", "decision", "决定受理（第十四条）", "决定受理",
             "已决定受理，30 日书面答复期限开始计算。", (_DECIDED_AT,),
             _status("submitted"), fixed={"accept": True},
             hint="属于维权职责范围的，应当予以受理并登记（第十四条）。"),
    CaseForm("refuse", "decide", "decision", "不予受理（第十四条）", "决定不予受理",
             "已决定不予受理，理由已书面记录。", (
                 Field("reason_template", "理由模板（依据本办法）", "select", required=False,
                       options=REFUSAL_REASONS,
                       hint="可选一项规定依据；下方补充说明会附在其后"),
                 Field("reason", "不予受理理由（书面说明）", "textarea", max=5000,
                       hint="已选理由模板时，此处为补充说明，可以不填"),
                 _DECIDED_AT),
             _status("submitted"), fixed={"accept": False},
             hint="不予受理的，应当书面说明理由（第十四条）。"),
    CaseForm("appeal", "appeal", "appeal", "申请复议（第十五条）", "提交复议申请",
             "复议申请已提交，案件转上一级公安机关维权机构。", (
                 Field("answer_received_at", "收到不予受理答复的日期", "date",
                       hint="自收到答复之日起 10 个工作日内可以申请（第十五条）"),
                 Field("reason", "申请理由", "textarea", max=5000)),
             _may_appeal),
    CaseForm("appeal_outcome", "record_appeal_outcome", "appeal/outcome",
             "录入上级复议结果（第十五条）", "录入复议结果", "复议结果已录入。", (
                 Field("outcome", "复议结果", "select",
                       options=_options(APPEAL_OUTCOMES, APPEAL_OUTCOME_LABELS_ZH)),
                 Field("reference", "上级文书编号", max=100),
                 Field("decided_at", "上级作出决定的日期", "date")),
             _status("appealed"),
             hint="撤销不予受理决定的，自上级决定之日起计算 30 日书面答复期限。"),
    CaseForm("conclude", "conclude", "conclusion", "书面办理结论（第十六条）", "作出书面结论",
             "书面结论已作出，案件已办结。", (
                 Field("outcome", "办理结论", "select",
                       options=_options(CONCLUSION_OUTCOMES, OUTCOME_LABELS_ZH)),
                 Field("findings", "调查结论及处理情况", "textarea", max=10000, rows=6)),
             _status("accepted"), hint="调查结论及处理情况在 30 日内书面反馈申请人（第十六条）。"),
    CaseForm("extend", "extend", "extension", "延长办理期限（第十六条）", "批准延期",
             "已批准延期，书面答复期限已更新。", (
                 Field("new_due", "新的答复期限", "date",
                       hint="须为工作日，且晚于当前期限"),
                 Field("reason", "延期理由（重大、疑难、复杂案件）", "textarea", max=5000)),
             _reply_open, hint="对重大、疑难、复杂的案件，经维权委主任决定可以适当延长（第十六条）。"),
    CaseForm("reexamine", "request_reexamination", "reexamination", "申请复查（第十七条）",
             "提交复查申请", "复查申请已提交上一级维权机构。", (
                 Field("reason", "对处理情况不满意的理由", "textarea", max=5000),
                 Field("body", "受理复查的机构", required=False, max=200,
                       hint=f"不填则为{HIGHER_LEVEL}"),
                 Field("requested_at", "申请时间", "datetime", required=False,
                       hint="按书面申请录入时填写；不填则为现在")),
             _as_applicant("concluded")),
    CaseForm("reexam_outcome", "record_reexamination_outcome", "reexamination/outcome",
             "录入复查结果（第十七条）", "录入复查结果", "复查结果已录入，案件已结案。", (
                 Field("outcome", "复查结果", "select",
                       options=_options(REEXAMINATION_OUTCOMES, REEXAMINATION_OUTCOME_LABELS_ZH)),
                 Field("reference", "上级文书编号", max=100),
                 Field("decided_at", "上级作出复查决定的日期", "date"),
                 Field("note", "备注", "textarea", required=False, max=5000)),
             _status("reexamination")),
    CaseForm("escalate", "escalate", "escalation", "提请上级协调（第十八条）", "提请协调",
             "已提请上一级公安机关维权机构协调处理。", (
                 Field("body", "提请的上级机构", max=200),
                 Field("reason", "提请理由", "textarea", max=5000),
                 Field("reference", "提请文书编号", required=False, max=100)),
             _status("submitted", "accepted")),
    CaseForm("escalation_outcome", "record_escalation_outcome", "escalation/outcome",
             "录入上级协调答复（第十八条）", "录入协调答复", "上级协调答复已录入。", (
                 Field("escalation_id", "哪一次提请", "int"),
                 Field("reference", "上级答复文书编号", max=100),
                 Field("outcome", "上级答复内容", "textarea", max=5000),
                 Field("answered_at", "上级答复日期", "date")),
             lambda case, principal: bool(open_escalations(case))),
)
BY_KEY = {f.key: f for f in FORMS}


def available(case, principal):
    """The forms the signed-in user may use on this case now, in the order of the rules."""
    return [f for f in FORMS if policy.allowed("intake", f.op, principal)
            and f.shown(case, principal)]


def for_tail(tail):
    return [f for f in FORMS if f.tail == tail]


def defaults(form, case, today):
    """A new form's values: today where a date is asked, the higher level where a body is."""
    values = {"idem": uuid.uuid4().hex}
    for fld in form.fields:
        if fld.kind == "date" and fld.name != "new_due":
            values[form.id(fld.name)] = today.isoformat()
    if form.key == "escalate":
        values[form.id("body")] = HIGHER_LEVEL
    if form.key == "escalation_outcome":
        pending = open_escalations(case)
        if len(pending) == 1:
            values[form.id("escalation_id")] = str(pending[0]["id"])
    return values


def hint_of(form, fld, case):
    """A field's hint; the extension's says the date it replaces."""
    if form.key == "extend" and fld.name == "new_due":
        reply = deadline_of(case, "written_reply")
        if reply is not None:
            return f"当前期限 {day_of(reply['due'])}；新期限须为工作日，且晚于当前期限"
    return fld.hint


def choices(form, fld, case):
    """A select's options; the escalations to answer come from the case."""
    if form.key == "escalation_outcome" and fld.name == "escalation_id":
        return [(str(e["id"]), f"第 {e['id']} 次：{e.get('body', '')}")
                for e in open_escalations(case)]
    return list(fld.options)


def _value(fld, text):
    if fld.kind == "datetime" and text:
        return aware(text)
    if fld.kind == "int":
        return int(text) if text.isdigit() else text
    return text


def body_from(form, posted):
    """The JSON body the API would get: empty optional fields left out, required ones sent
    as typed (empty included) for the contract to name what is wrong."""
    body = dict(form.fixed)
    for fld in form.fields:
        if fld.name == "reason_template":
            continue
        text = (posted.get(form.id(fld.name)) or "").strip()
        if not text and not fld.required:
            continue
        body[fld.name] = _value(fld, text)
    if form.key == "refuse":
        reason = refusal_reason(posted.get(form.id("reason_template")),
                                body.pop("reason", ""))
        if reason:
            body["reason"] = reason
    return body


def errors_at(form, fields):
    """The API's field errors keyed by this form's field names; the rest under their own."""
    known = {fld.name for fld in form.fields}
    return {(form.id(k) if k in known else k): v for k, v in (fields or {}).items()}
