"""RPC command contracts (v1). The gateway validates HTTP bodies with these and intake validates
again on receipt, so both speak the same field names and errors."""
import re

from marshmallow import ValidationError, fields, validate, validates_schema

from weiquan.contracts.base import AwareDateTime, StrictSchema, flag, one_of, text
from weiquan.contracts.codes import (APPEAL_OUTCOMES, APPLICANT_TYPES, CATEGORIES, CHANNELS,
                                     CONCLUSION_OUTCOMES, PERSONNEL_TYPES,
                                     REEXAMINATION_OUTCOMES, RELATIONS, ROLES)
from weiquan.contracts.fields_ext import LocalDateOrDateTime

SCHEMA_VERSION = 1
_PHONE = re.compile(r"^\+?[0-9][0-9\- ]{4,19}$")


class ApplicantSchema(StrictSchema):
    type = fields.String(required=True, validate=one_of(APPLICANT_TYPES, "申请人类型"))
    name = text(50)
    relation = fields.String(validate=one_of(
        RELATIONS, "近亲属关系（第三十九条仅限配偶、父母、子女、同胞兄弟姐妹）"))
    unit_name = text(100, required=False)
    phone = fields.String(validate=validate.Regexp(
        _PHONE, error="电话号码格式无效 / Not a valid phone number."))

    @validates_schema
    def _relation_matches_type(self, data, **kwargs):
        kind = data.get("type")
        if kind == "relative" and not data.get("relation"):
            raise ValidationError({"relation": ["近亲属申请须填写与民警的关系 / "
                                                "A relative must state the relation (Art. 39)."]})
        if kind != "relative" and data.get("relation"):
            raise ValidationError({"relation": ["仅近亲属申请填写关系 / "
                                                "Only a relative's application has a relation."]})
        if kind == "unit" and not data.get("unit_name"):
            raise ValidationError({"unit_name": ["单位申请须填写单位名称 / "
                                                 "A unit's application must name the unit."]})


class OfficerSchema(StrictSchema):
    police_id = text(20)
    name = text(50)
    unit = text(100)
    personnel_type = fields.String(required=True, validate=one_of(PERSONNEL_TYPES, "人员类别"))


class IncidentSchema(StrictSchema):
    occurred_at = AwareDateTime(required=True)
    place = text(200)
    description = text(5000)
    ongoing = flag(load_default=False)
    off_duty = flag(load_default=False)
    anti_gang = flag(load_default=False)
    injury = flag(load_default=False)


class SubmitApplicationV1(StrictSchema):
    applicant = fields.Nested(ApplicantSchema, required=True)
    officer = fields.Nested(OfficerSchema, required=True)
    channel = fields.String(required=True, validate=one_of(CHANNELS, "申请渠道"))
    category = fields.String(required=True, validate=one_of(CATEGORIES, "侵权情形（第十一条）"))
    incident = fields.Nested(IncidentSchema, required=True)
    received_at = AwareDateTime()


class DecisionV1(StrictSchema):
    accept = flag(required=True)
    reason = fields.String(validate=validate.Length(
        max=5000, error="理由过长（最多 5000 字） / Reason too long (max 5000)."))
    decided_at = AwareDateTime()

    @validates_schema
    def _refusal_needs_reason(self, data, **kwargs):
        if data.get("accept") is False and not (data.get("reason") or "").strip():
            raise ValidationError({"reason": ["不予受理须书面说明理由（第十四条） / "
                                              "A refusal must give a written reason (Art. 14)."]})


class AppealV1(StrictSchema):
    reason = text(5000)
    answer_received_at = LocalDateOrDateTime(required=True)


class PrincipalV1(StrictSchema):
    """Who is acting, as the gateway authenticated them."""
    username = fields.String(required=True)
    roles = fields.List(fields.String(validate=one_of(ROLES, "角色")), required=True)
    police_id = fields.String(allow_none=True)
    unit = fields.String(allow_none=True)
    name = fields.String(allow_none=True)


# ---- case lifecycle after acceptance (Art. 15-18) ------------------------------------------
# Dates of the higher level's documents are LocalDateOrDateTime: a paper answer carries a day.

class ConclusionV1(StrictSchema):
    """Art. 16: the written conclusions given to the applicant."""
    findings = text(10000)
    outcome = fields.String(required=True, validate=one_of(CONCLUSION_OUTCOMES, "办理结论"))


class ExtensionV1(StrictSchema):
    """Art. 16: the committee director extends the written-reply deadline."""
    reason = text(5000)
    new_due = LocalDateOrDateTime(required=True)


class ReexaminationV1(StrictSchema):
    """Art. 17: the applicant asks the higher level to re-examine the conclusion."""
    reason = text(5000)
    requested_at = AwareDateTime()
    body = text(200, required=False)


class ReexaminationOutcomeV1(StrictSchema):
    reference = text(100)
    outcome = fields.String(required=True, validate=one_of(REEXAMINATION_OUTCOMES, "复查结果"))
    decided_at = LocalDateOrDateTime(required=True)
    note = text(5000, required=False)


class EscalationV1(StrictSchema):
    """Art. 18: the committee asks the higher level to coordinate."""
    reason = text(5000)
    body = text(200)
    reference = text(100, required=False)


class EscalationOutcomeV1(StrictSchema):
    escalation_id = fields.Integer(required=True, strict=True, validate=validate.Range(
        min=1, error="应为不小于 1 的整数 / Must be an integer of at least 1."))
    reference = text(100)
    outcome = text(5000)
    answered_at = LocalDateOrDateTime(required=True)


class AppealOutcomeV1(StrictSchema):
    """Art. 15: the higher level's answer to an appeal against a refusal."""
    reference = text(100)
    outcome = fields.String(required=True, validate=one_of(APPEAL_OUTCOMES, "复议结果"))
    decided_at = LocalDateOrDateTime(required=True)
