"""Command and query contracts (v1) of the political-work office (welfare, Art. 28, 29, 32).
The gateway validates HTTP bodies with these and the welfare service validates again on
receipt. Hospitals, contacts, outcomes, counsellors and notes stay in the welfare service."""
from datetime import datetime

from marshmallow import ValidationError, fields, validate, validates_schema

from weiquan.config import TZ
from weiquan.contracts.base import AwareDateTime, StrictSchema, one_of, text
from weiquan.contracts.codes import RELATIONS
from weiquan.contracts.queries import PageQuery

# A green channel (Art. 28): opened at once on an injury, then in treatment, then closed.
GREEN_CHANNEL_STATES = ("opened", "in_treatment", "closed")
# An insurance claim (Art. 9(2)): filed -> under_review -> paid | refused.
CLAIM_STATES = ("filed", "under_review", "paid", "refused")
# A psychological crisis referral (Art. 29): open until closed.
PSYCH_STATES = ("open", "closed")
PSYCH_PERSON_TYPES = ("officer", "relative")
PSYCH_SESSION_KINDS = ("session", "follow_up")
WELFARE_WORK_KINDS = ("green_channel", "consolation_visit", "insurance_claim", "psych_support")


def moment():
    """A time with its offset, within this century (a year 1 would not even fit UTC)."""
    return AwareDateTime(required=True, validate=validate.Range(
        min=datetime(2000, 1, 1, tzinfo=TZ), max=datetime(2099, 12, 31, tzinfo=TZ),
        error="应在 2000 年到 2099 年之间 / Must be between 2000 and 2099."))


def _at_least_one(data, names):
    if not any(data.get(n) is not None for n in names):
        raise ValidationError({"_schema": [
            f"至少填写一项: {', '.join(names)} / Give at least one of: {', '.join(names)}."]})


class GreenChannelUpdateV1(StrictSchema):
    """Hospital, contact and the treatment state (opened -> in_treatment)."""
    hospital = text(200, required=False)
    contact = text(200, required=False)
    state = fields.String(validate=one_of(("opened", "in_treatment"), "绿色通道状态"))

    @validates_schema
    def _something(self, data, **kwargs):
        _at_least_one(data, ("hospital", "contact", "state"))


class GreenChannelCloseV1(StrictSchema):
    outcome = text(2000)


class VisitV1(StrictSchema):
    """A consolation visit: who visited, when, what was given."""
    visitors = text(200)
    visited_at = moment()
    gifts = text(500, required=False)
    notes = text(2000, required=False)


class InsuranceClaimV1(StrictSchema):
    insurer = text(100)
    policy_no = text(50)
    note = text(2000, required=False)


class InsuranceUpdateV1(StrictSchema):
    state = fields.String(required=True, validate=one_of(CLAIM_STATES[1:], "理赔状态"))
    note = text(2000, required=False)


class PsychPersonSchema(StrictSchema):
    """The officer himself or a close relative (Art. 29, 39)."""
    type = fields.String(required=True, validate=one_of(PSYCH_PERSON_TYPES, "对象类型"))
    name = text(50)
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


class PsychReferralV1(StrictSchema):
    person = fields.Nested(PsychPersonSchema, required=True)
    reason = text(2000, required=False)


class PsychSessionV1(StrictSchema):
    """A session or a follow-up: when, by whom, what was noted."""
    at = moment()
    counsellor = text(50)
    notes = text(5000)
    kind = fields.String(load_default="session", validate=one_of(PSYCH_SESSION_KINDS, "类型"))


class PsychCloseV1(StrictSchema):
    note = text(2000, required=False)


class TrainingV1(StrictSchema):
    """Art. 32: a legal or safety training session."""
    title = text(200)
    topic = text(200)
    held_at = moment()
    trainer = text(100)


class AttendanceV1(StrictSchema):
    police_ids = fields.List(text(20), required=True, validate=validate.Length(
        min=1, max=200, error="警号应为 1 到 200 个 / police_ids must have 1 to 200 entries."))


# ---- queries ---------------------------------------------------------------------------------
class WelfareWorkQueryV1(PageQuery):
    """The office's queue: open items first, nearest due first."""
    state = fields.String(validate=one_of(("open", "done", "cancelled"), "状态"))
    kind = fields.String(validate=one_of(WELFARE_WORK_KINDS, "类型"))


class GreenChannelQueryV1(PageQuery):
    state = fields.String(validate=one_of(GREEN_CHANNEL_STATES, "状态"))


class PsychQueryV1(PageQuery):
    state = fields.String(validate=one_of(PSYCH_STATES, "状态"))
    case_no = fields.String(validate=validate.Length(max=40))


class TrainingQueryV1(PageQuery):
    pass
