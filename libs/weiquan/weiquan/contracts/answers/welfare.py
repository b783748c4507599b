"""Answers of the political-work office (welfare, Art. 28, 29, 32, 9(2)). Every one of them is
for the political-work office alone; the work items are what everyone else sees (on the
case, through intake)."""
from marshmallow import fields

from weiquan.contracts.answers.base import Answer, Page, enum, listing, maybe, when
from weiquan.contracts.codes import CATEGORIES, RELATIONS, WORK_STATES
from weiquan.contracts.welfare import (CLAIM_STATES, GREEN_CHANNEL_STATES,
                                       PSYCH_PERSON_TYPES, PSYCH_SESSION_KINDS, PSYCH_STATES,
                                       WELFARE_WORK_KINDS)


class WelfareWorkItemV1(Answer):
    item_id = fields.String(required=True)
    case_no = fields.String(required=True)
    department = fields.String(required=True)
    kind = enum(WELFARE_WORK_KINDS, required=True)
    owner = fields.String(required=True)
    state = enum(WORK_STATES, required=True)
    due = maybe(when, required=True)
    summary = fields.String(required=True, metadata={
        "description": "safe for every role that sees the case: no health or personal details"})
    opened_at = when()
    closed_at = maybe(when)


class WelfareWorkListV1(Page):
    items = listing(WelfareWorkItemV1, required=True)
    total = fields.Integer(required=True)


class GreenChannelChangeV1(Answer):
    at = fields.String(required=True)
    by = fields.String(required=True)
    state = enum(GREEN_CHANNEL_STATES, required=True)
    changed = fields.List(fields.String(), required=True, metadata={
        "description": "names of the fields changed, never their values"})


class GreenChannelV1(Answer):
    item_id = fields.String(required=True, metadata={"description": "its work item's id"})
    case_no = fields.String(required=True)
    state = enum(GREEN_CHANNEL_STATES, required=True)
    police_id = maybe(fields.String)
    officer_unit = maybe(fields.String)
    hospital = maybe(fields.String)
    contact = maybe(fields.String)
    outcome = maybe(fields.String)
    opened_at = when(required=True)
    due = maybe(when)
    updated_at = maybe(when)
    updated_by = maybe(fields.String)
    closed_at = maybe(when)
    history = listing(GreenChannelChangeV1)


class GreenChannelListV1(Page):
    items = listing(GreenChannelV1, required=True)
    total = fields.Integer(required=True)


class VisitAnswerV1(Answer):
    visit_id = fields.String(required=True)
    case_no = fields.String(required=True)
    visitors = fields.String(required=True)
    visited_at = when(required=True)
    gifts = maybe(fields.String)
    notes = maybe(fields.String)
    recorded_at = when()
    recorded_by = fields.String()


class ClaimChangeV1(Answer):
    state = enum(CLAIM_STATES, required=True)
    at = fields.String(required=True)
    by = fields.String(required=True)
    note = maybe(fields.String)


class InsuranceClaimAnswerV1(Answer):
    claim_id = fields.String(required=True)
    case_no = fields.String(required=True)
    insurer = fields.String(required=True)
    policy_no = fields.String(required=True)
    state = enum(CLAIM_STATES, required=True)
    filed_at = when(required=True)
    filed_by = fields.String()
    history = listing(ClaimChangeV1)


class PsychPersonAnswerV1(Answer):
    type = enum(PSYCH_PERSON_TYPES, required=True)
    name = fields.String(required=True)
    relation = fields.String(metadata={"enum": list(RELATIONS)})


class PsychSessionAnswerV1(Answer):
    kind = enum(PSYCH_SESSION_KINDS, required=True)
    at = fields.String(required=True)
    counsellor = fields.String(required=True)
    notes = fields.String(required=True)
    by = fields.String()
    recorded_at = fields.String()


class PsychReferralAnswerV1(Answer):
    referral_id = fields.String(required=True)
    case_no = fields.String(required=True)
    person = fields.Nested(PsychPersonAnswerV1, required=True)
    reason = maybe(fields.String)
    state = enum(PSYCH_STATES, required=True)
    referred_at = when(required=True)
    referred_by = fields.String()
    sessions = listing(PsychSessionAnswerV1, required=True)
    closed_at = maybe(when)
    closing_note = maybe(fields.String)


class PsychListV1(Page):
    items = listing(PsychReferralAnswerV1, required=True)
    total = fields.Integer(required=True)


class CaseWelfareV1(Answer):
    case_no = fields.String(required=True)
    police_id = maybe(fields.String)
    officer_unit = maybe(fields.String)
    category = maybe(fields.String, metadata={"enum": [*CATEGORIES, None]})
    work_items = listing(WelfareWorkItemV1, required=True)
    green_channel = fields.Nested(GreenChannelV1, allow_none=True, required=True)
    visits = listing(VisitAnswerV1, required=True)
    insurance_claims = listing(InsuranceClaimAnswerV1, required=True)
    psych_referrals = listing(PsychReferralAnswerV1, metadata={
        "description": "only for the political-work office (Art. 29)"})


class TrainingAnswerV1(Answer):
    training_id = fields.String(required=True)
    title = fields.String(required=True)
    topic = fields.String(required=True)
    held_at = when(required=True)
    trainer = fields.String(required=True)
    created_by = fields.String()
    attendance = fields.Integer(required=True, metadata={"description": "how many attended"})
    attendees = fields.List(fields.String(), metadata={
        "description": "police ids (one training's answer only)"})


class TrainingListV1(Page):
    items = listing(TrainingAnswerV1, required=True)
    total = fields.Integer(required=True)
