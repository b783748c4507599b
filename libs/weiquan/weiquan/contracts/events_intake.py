"""Events of the committee office (intake): cases, decisions, appeals, the lifecycle after
acceptance, and the statutory clocks."""
from marshmallow import Schema, fields

from weiquan.contracts.base import one_of
from weiquan.contracts.codes import (APPEAL_OUTCOMES, APPLICANT_TYPES, CATEGORIES, CHANNELS,
                                     CONCLUSION_OUTCOMES, PERSONNEL_TYPES,
                                     REEXAMINATION_OUTCOMES)

from weiquan.contracts.event_base import DueSchema, EventSchema, FlagsSchema

class ApplicationSubmittedV1(EventSchema):
    category = fields.String(required=True, validate=one_of(CATEGORIES))
    channel = fields.String(required=True, validate=one_of(CHANNELS))
    applicant_type = fields.String(required=True, validate=one_of(APPLICANT_TYPES))
    police_id = fields.String(required=True)
    officer_unit = fields.String(required=True)
    personnel_type = fields.String(required=True, validate=one_of(PERSONNEL_TYPES))
    received_at = fields.AwareDateTime(required=True)
    decision_due = fields.Nested(DueSchema, required=True)
    flags = fields.Nested(FlagsSchema, required=True)
    # the live incident this case was opened from (Art. 13); absent or null otherwise
    incident_id = fields.String(allow_none=True)


class CaseAcceptedV1(EventSchema):
    category = fields.String(required=True, validate=one_of(CATEGORIES))
    decided_at = fields.AwareDateTime(required=True)
    reply_due = fields.Nested(DueSchema, required=True)
    flags = fields.Nested(FlagsSchema, required=True)


class CaseRejectedV1(EventSchema):
    category = fields.String(required=True, validate=one_of(CATEGORIES))
    decided_at = fields.AwareDateTime(required=True)


class CaseAppealedV1(EventSchema):
    appealed_at = fields.AwareDateTime(required=True)
    answer_received_at = fields.AwareDateTime(required=True)
    window_closes = fields.String(required=True)


class DeadlineMissedV1(EventSchema):
    """Art. 36: a held deadline passed unmet; the committee director is told."""
    clock_kind = fields.String(required=True)
    holder = fields.String(required=True)
    statutory = fields.Boolean(required=True)
    due = fields.String(required=True)
    detected_at = fields.AwareDateTime(required=True)
    late_seconds = fields.Integer(required=True)


class DeadlineRecomputedV1(EventSchema):
    """A provisional deadline moved because official calendar data arrived."""
    clock_kind = fields.String(required=True)
    holder = fields.String(required=True, allow_none=True)
    old_due = fields.String(required=True)
    new_due = fields.String(required=True)
    provisional = fields.Boolean(required=True)
    reason = fields.String(required=True)


class DigestItemSchema(Schema):
    case_no = fields.String(required=True)
    clock_kind = fields.String(required=True)
    due = fields.String(required=True)
    anti_gang = fields.Boolean(required=True)


class ReminderDigestV1(EventSchema):
    """One per person per working day: their deadlines due on the next working day."""
    case_no = fields.String(allow_none=True)
    recipient = fields.String(required=True)
    day = fields.Date(required=True)
    items = fields.List(fields.Nested(DigestItemSchema), required=True)


# ---- case lifecycle after acceptance (Art. 15-18) ------------------------------------------
# No findings, no reasons and no free-text answers on the bus (the extension's reason is the
# exception: holders are told why their deadline moved); outcome codes and references are fine.

class CaseConcludedV1(EventSchema):
    """Art. 16: the written conclusions were given."""
    outcome = fields.String(required=True, validate=one_of(CONCLUSION_OUTCOMES))
    concluded_at = fields.AwareDateTime(required=True)
    reply_state = fields.String(required=True, allow_none=True)  # met, missed; None: no clock


class DeadlineExtendedV1(EventSchema):
    """Art. 16: the committee director moved a deadline."""
    clock_kind = fields.String(required=True)
    old_due = fields.String(required=True)
    new_due = fields.String(required=True)
    reason = fields.String(required=True)


class ReexaminationRequestedV1(EventSchema):
    """Art. 17: the conclusion goes to the higher level for re-examination."""
    requested_at = fields.AwareDateTime(required=True)
    body = fields.String(required=True)


class ReexaminationDecidedV1(EventSchema):
    outcome = fields.String(required=True, validate=one_of(REEXAMINATION_OUTCOMES))
    reference = fields.String(required=True)
    decided_at = fields.AwareDateTime(required=True)


class CaseEscalatedV1(EventSchema):
    """Art. 18: the committee asked the higher level to coordinate."""
    escalation_id = fields.Integer(required=True)
    body = fields.String(required=True)
    reference = fields.String(required=True, allow_none=True)
    escalated_at = fields.AwareDateTime(required=True)


class EscalationAnsweredV1(EventSchema):
    escalation_id = fields.Integer(required=True)
    reference = fields.String(required=True)
    answered_at = fields.AwareDateTime(required=True)


class AppealDecidedV1(EventSchema):
    """Art. 15: the higher level's answer to an appeal. Overturned: the case is now accepted
    and ``reply_due`` is its written-reply deadline (consumers treat it as an acceptance)."""
    outcome = fields.String(required=True, validate=one_of(APPEAL_OUTCOMES))
    reference = fields.String(required=True)
    decided_at = fields.AwareDateTime(required=True)
    status = fields.String(required=True, validate=one_of(("accepted", "closed")))
    category = fields.String(required=True, validate=one_of(CATEGORIES))
    reply_due = fields.Nested(DueSchema, required=True, allow_none=True)
    flags = fields.Nested(FlagsSchema, required=True)


# routing key (event type) -> schema, per source service
INTAKE_EVENTS = {
    "application_submitted": ApplicationSubmittedV1,
    "case_accepted": CaseAcceptedV1,
    "case_rejected": CaseRejectedV1,
    "case_appealed": CaseAppealedV1,
    "deadline_missed": DeadlineMissedV1,
    "deadline_recomputed": DeadlineRecomputedV1,
    "reminder_digest": ReminderDigestV1,
    # case lifecycle after acceptance (conclusion, extension, re-examination, escalation)
    "case_concluded": CaseConcludedV1,
    "deadline_extended": DeadlineExtendedV1,
    "reexamination_requested": ReexaminationRequestedV1,
    "reexamination_decided": ReexaminationDecidedV1,
    "case_escalated": CaseEscalatedV1,
    "escalation_answered": EscalationAnsweredV1,
    "appeal_decided": AppealDecidedV1,
}
