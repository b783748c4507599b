"""Command and query contracts of legal affairs (legal_aid, Art. 5, 8, 20-25, 33): the
classification decision, the counsel roster and assignments, liability determinations,
appeals and discipline reviews, liaison records and offenders. Texts have hard limits so an
oversize body is a 422 naming the field, never a 500."""
from marshmallow import fields, validate

from weiquan.contracts.base import StrictSchema, flag, one_of, text
from weiquan.contracts.codes import (COUNSEL_SPECIALITIES, DISCIPLINE_OUTCOMES,
                                     DISCIPLINE_REVIEW_GROUNDS, LEGAL_CLASSIFICATIONS,
                                     LIABILITY_CLASSIFICATIONS, LIABILITY_OUTCOMES,
                                     MITIGATING_FACTORS)
from weiquan.contracts.logistics import Money
from weiquan.contracts.queries import PageQuery

LIAISON_BODIES = ("procuratorate", "court")
LIAISON_BODY_LABELS_ZH = {"procuratorate": "检察机关", "court": "人民法院"}
LIAISON_KINDS = ("case_transfer", "consultation", "hearing", "leniency_letter", "judgment",
                 "other")
LIAISON_KIND_LABELS_ZH = {"case_transfer": "移送审查", "consultation": "会商沟通",
                          "hearing": "出庭/听证", "leniency_letter": "从宽处理建议函",
                          "judgment": "裁判结果", "other": "其他"}
OFFENDER_RELATIONS = ("assailant", "instigator", "false_accuser", "harasser", "other")
OFFENDER_RELATION_LABELS_ZH = {"assailant": "实施侵害者", "instigator": "教唆、组织者",
                               "false_accuser": "诬告陷害者", "harasser": "滋扰纠缠者",
                               "other": "其他"}
PURSUITS = ("criminal", "administrative", "civil", "education", "pending")
PURSUIT_LABELS_ZH = {"criminal": "追究刑事责任", "administrative": "治安管理处罚",
                     "civil": "民事追偿", "education": "批评教育", "pending": "待定"}
APPEAL_SCALES = ("liability", "discipline")
RELATION_KINDS = ("relative", "former_client", "case_role")


def _codes(choices, what_zh, **kw):
    return fields.String(validate=one_of(choices, what_zh), **kw)


def _code_list(choices, what_zh, required=True, max_items=10):
    kw = {"required": True} if required else {"load_default": list}
    return fields.List(_codes(choices, what_zh), validate=validate.Length(max=max_items), **kw)


def _short(max_len=200, **kw):
    return fields.String(validate=validate.Length(max=max_len), **kw)


class DecideClassificationV1(StrictSchema):
    """Legal affairs confirms the suggested classification, or changes it with a reason."""
    classification = _codes(LEGAL_CLASSIFICATIONS, "法律定性", required=True)
    reason = _short(1000, load_default="")


class PersonV1(StrictSchema):
    name = text(100)
    id_number = _short(40, load_default=None, allow_none=True)
    phone = _short(40, load_default=None, allow_none=True)
    birth_date = fields.Date(load_default=None, allow_none=True)


class RelationV1(StrictSchema):
    """A relation a counsel declares, for recusal (Art. 21 para. 2)."""
    kind = _codes(RELATION_KINDS, "关系类型", required=True)
    person = fields.Nested(PersonV1, load_default=None, allow_none=True)
    case_no = _short(40, load_default=None, allow_none=True)


class CounselV1(StrictSchema):
    """A roster entry (Art. 25)."""
    name = text(100)
    firm = text(200)
    specialities = _code_list(COUNSEL_SPECIALITIES, "专长")
    id_number = _short(40, load_default=None, allow_none=True)
    phone = _short(40, load_default=None, allow_none=True)
    capacity = fields.Integer(load_default=5, strict=True, validate=validate.Range(min=1, max=100))
    active = flag(load_default=True)
    relations = fields.List(fields.Nested(RelationV1), load_default=list,
                            validate=validate.Length(max=50))


class AssignCounselV1(StrictSchema):
    """Assign counsel to a case: the named one (checked), or the least loaded free one."""
    case_no = text(40)
    speciality = _codes(COUNSEL_SPECIALITIES, "专长", required=True)
    counsel_id = _short(40, load_default=None, allow_none=True)


class WorkLogV1(StrictSchema):
    date = fields.Date(required=True)
    hours = fields.Float(required=True, validate=validate.Range(min=0.25, max=24))
    note = text(1000)


class FeeClaimV1(StrictSchema):
    """Counsel's fee for a period (yuan, like every amount), once per claim id."""
    claim_id = text(100)
    amount = Money(required=True)
    period = text(100)


class DeterminationV1(StrictSchema):
    """A liability determination by an investigation team (Art. 22, 23)."""
    case_no = text(40)
    officer = text(40)
    team = fields.List(text(40), required=True, validate=validate.Length(max=20))
    findings = text(4000)
    classification = _codes(LIABILITY_CLASSIFICATIONS, "责任认定类型", required=True)
    outcome = _codes(LIABILITY_OUTCOMES, "处理结果", required=True)
    mitigating_factors = fields.List(fields.String(validate=validate.Length(max=40)),
                                     load_default=list, validate=validate.Length(max=10))


class LegalAppealV1(StrictSchema):
    """An appeal against accountability or discipline (Art. 24 para. 1)."""
    case_no = text(40)
    scale = _codes(APPEAL_SCALES, "申诉对象", required=True)
    appealed = fields.String(required=True, validate=validate.Length(min=1, max=40))
    determination_id = _short(40, load_default=None, allow_none=True)
    statement = text(4000)


class DecideAppealV1(StrictSchema):
    outcome = fields.String(required=True, validate=validate.Length(min=1, max=40))
    reason = text(2000)


class ReviewV1(StrictSchema):
    """A complaint of unfair internal discipline (Art. 24 para. 2)."""
    case_no = text(40)
    discipline = _codes(DISCIPLINE_OUTCOMES, "处理决定", required=True)
    complaint = text(4000)


class DecideReviewV1(StrictSchema):
    confirmed = flag(required=True)
    grounds = fields.List(fields.String(validate=validate.Length(max=40)), load_default=list,
                          validate=validate.Length(max=len(DISCIPLINE_REVIEW_GROUNDS) + 5))
    note = text(2000)


class LiaisonV1(StrictSchema):
    """A contact with the procuratorate or a court (Art. 33)."""
    case_no = text(40)
    body = _codes(LIAISON_BODIES, "联络机关", required=True)
    date = fields.Date(required=True)
    kind = _codes(LIAISON_KINDS, "联络事项", required=True)
    note = text(2000)


class OffenderV1(StrictSchema):
    """A person who acted against the officer on this case (Art. 20, 35)."""
    name = text(100)
    id_number = _short(40, load_default=None, allow_none=True)
    phone = _short(40, load_default=None, allow_none=True)
    birth_date = fields.Date(load_default=None, allow_none=True)
    relation = _codes(OFFENDER_RELATIONS, "与案件关系", required=True)
    conduct = text(2000)
    pursuit = _codes(PURSUITS, "追究方式", load_default="pending")


class LegalWorkQueryV1(PageQuery):
    """The legal queue: open legal work items, optionally of one kind."""
    kind = fields.String(validate=validate.Length(max=40))
