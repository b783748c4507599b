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


# ---- command center: live incidents, units, dispatch, protective orders (Art. 13, 19, 20) --
from weiquan.contracts.codes import PROTECTED_PERSON_TYPES, UNIT_KINDS  # noqa: E402

_CASE_NO = re.compile(r"^GX-WQ-\d{4}-\d{6}$")


def _non_empty_list(what_zh, what_en):
    return validate.Length(min=1, max=50, error=f"{what_zh}应为 1 到 50 项 / {what_en} must "
                                                f"have 1 to 50 entries.")


class IncidentOfficerSchema(StrictSchema):
    police_id = text(20)
    name = text(50)
    unit = text(100)
    # Art. 38: auxiliary police are covered by reference; a report that says nothing is regular
    personnel_type = fields.String(load_default="regular",
                                   validate=one_of(PERSONNEL_TYPES, "人员类别"))


class ReportIncidentV1(StrictSchema):
    """Art. 13: a live incident reported to the command center."""
    officers = fields.List(fields.Nested(IncidentOfficerSchema), required=True,
                           validate=_non_empty_list("涉事民警", "officers"))
    place = text(200)
    description = text(5000)
    category = fields.String(required=True, validate=one_of(CATEGORIES, "侵权情形（第十一条）"))
    ongoing = flag(load_default=False)
    injury = flag(load_default=False)
    anti_gang = flag(load_default=False)
    off_duty = flag(load_default=False)   # Art. 37: off duty, identified and acting


class UnitV1(StrictSchema):
    name = text(100)
    kind = fields.String(required=True, validate=one_of(UNIT_KINDS, "警力类别"))
    status = fields.String(validate=one_of(("available", "off_duty"), "警力状态"))


class UnitStatusV1(StrictSchema):
    status = fields.String(required=True, validate=one_of(("available", "off_duty"), "警力状态"))


class DispatchUnitsV1(StrictSchema):
    unit_ids = fields.List(text(36), required=True, validate=_non_empty_list("警力", "unit_ids"))


class ProtectedPersonSchema(StrictSchema):
    type = fields.String(required=True, validate=one_of(PROTECTED_PERSON_TYPES, "保护对象类型"))
    name = text(50)
    police_id = text(20, required=False)
    relation = fields.String(validate=one_of(
        RELATIONS, "近亲属关系（第三十九条仅限配偶、父母、子女、同胞兄弟姐妹）"))

    @validates_schema
    def _relation_matches_type(self, data, **kwargs):
        if data.get("type") == "relative" and not data.get("relation"):
            raise ValidationError({"relation": ["近亲属须填写与民警的关系 / A close relative "
                                                "must state the relation (Art. 39)."]})
        if data.get("type") == "officer" and data.get("relation"):
            raise ValidationError({"relation": ["民警本人无需填写关系 / An officer has no "
                                                "relation."]})


class ProtectiveOrderV1(StrictSchema):
    """Art. 20: protective measures for named officers or close relatives; the address is
    confidential (command center only, never on the bus)."""
    persons = fields.List(fields.Nested(ProtectedPersonSchema), required=True,
                          validate=_non_empty_list("保护对象", "persons"))
    measures = fields.List(text(200), required=True, validate=_non_empty_list("保护措施",
                                                                              "measures"))
    address = text(300)
    valid_until = AwareDateTime(required=True)
    case_no = fields.String(validate=validate.Regexp(
        _CASE_NO, error="案件编号格式应为 GX-WQ-YYYY-NNNNNN / case_no must look like "
                        "GX-WQ-YYYY-NNNNNN."))
    incident_id = text(36, required=False)

    @validates_schema
    def _one_anchor(self, data, **kwargs):
        if bool(data.get("case_no")) == bool(data.get("incident_id")):
            raise ValidationError({"case_no": ["须且只能填写 case_no 或 incident_id 之一 / Give "
                                               "exactly one of case_no or incident_id."]})


class ProtectiveOrderExtensionV1(StrictSchema):
    """Art. 20: the order stays in force longer; the reason is kept in its history (never on
    the bus)."""
    valid_until = AwareDateTime(required=True)
    reason = text(2000)


class ProtectiveOrderRevocationV1(StrictSchema):
    """Art. 20: the order ends before its time; the reason is kept in its history."""
    reason = text(2000)


class ReferralV1(StrictSchema):
    """Art. 13 para. 2: a department passes a case to the committee (applicant = the
    department, channel intranet)."""
    officer = fields.Nested(OfficerSchema, required=True)
    category = fields.String(required=True, validate=one_of(CATEGORIES, "侵权情形（第十一条）"))
    incident = fields.Nested(IncidentSchema, required=True)
    note = text(5000, required=False)


# ---- evidence (cyber brigade, Art. 9(7), 13) -----------------------------------------------
# File names and kinds are checked by the evidence service's domain (evidence/domain/names.py).
_URL = validate.Regexp(r"^https?://[^\s]{1,2000}$",
                       error="须为 http(s) 网址 / Must be an http(s) URL.")


class EvidenceUploadV1(StrictSchema):
    """What travels with an upload besides the bytes (query string or multipart fields)."""
    kind = fields.String(required=True)
    filename = fields.String(required=True)
    content_type = fields.String(load_default="application/octet-stream",
                                 validate=validate.Length(max=100))
    source = text(200, required=False, allow_none=True)
    device = text(200, required=False, allow_none=True)
    acquired_at = AwareDateTime(allow_none=True)
    expected_size = fields.Integer(allow_none=True, strict=True,
                                   validate=validate.Range(min=0))
    url = fields.String(validate=_URL)           # web captures only
    captured_at = AwareDateTime()               # web captures only


class HoldV1(StrictSchema):
    reason = text(2000)
    retain_until = AwareDateTime(allow_none=True)


class TakedownRequestV1(StrictSchema):
    url = fields.String(required=True, validate=_URL)
    platform = text(100)
    capture_id = fields.String(allow_none=True, validate=validate.Length(max=36))
    note = text(2000, required=False)


class TakedownStatusV1(StrictSchema):
    status = fields.String(required=True, validate=one_of(("submitted", "removed", "refused"),
                                                          "状态"))
    note = text(2000, required=False)
    at = AwareDateTime()


# ---- the gateway's own --------------------------------------------------------------------
class LoginV1(StrictSchema):
    username = text(100)
    password = fields.String(required=True, validate=validate.Length(
        min=1, max=200, error="长度应在 1 到 200 之间 / Length must be between 1 and 200."))
