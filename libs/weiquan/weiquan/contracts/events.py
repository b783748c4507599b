"""Event contracts (v1), one schema per event type. Every body carries event_id, event_type,
schema_version, occurred_at, case_no and actor; consumers are idempotent on event_id.
No phones, ID numbers, addresses or health details ride on the bus."""
import uuid
from datetime import datetime, timezone

from marshmallow import INCLUDE, Schema, fields

from weiquan.config import TZ
from weiquan.contracts.base import instance, one_of
from weiquan.contracts.codes import (APPEAL_OUTCOMES, APPLICANT_TYPES, CATEGORIES, CHANNELS,
                                     CONCLUSION_OUTCOMES, PERSONNEL_TYPES,
                                     REEXAMINATION_OUTCOMES)

SCHEMA_VERSION = 1


class ActorSchema(Schema):
    username = fields.String(required=True)
    roles = fields.List(fields.String(), required=True)


class DueSchema(Schema):
    due = fields.String(required=True)
    provisional = fields.Boolean(required=True)


class EventSchema(Schema):
    class Meta:
        unknown = INCLUDE  # newer minor fields must not break older consumers

    event_id = fields.UUID(required=True)
    event_type = fields.String(required=True)
    schema_version = fields.Integer(required=True)
    occurred_at = fields.AwareDateTime(required=True)
    case_no = fields.String(required=True)
    actor = fields.Nested(ActorSchema, required=True)


class FlagsSchema(Schema):
    ongoing = fields.Boolean(required=True)
    off_duty = fields.Boolean(required=True)
    anti_gang = fields.Boolean(required=True)
    injury = fields.Boolean(required=True)


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
REGISTRY = {"intake": INTAKE_EVENTS}

# Consumer queues declared by the publisher up front (source, event_type, service, method),
# so an event published before a consumer's first start is queued, not dropped. A department
# service that subscribes with reliable_event_handler adds its rows here.
SUBSCRIPTIONS = ()


def subscriptions_of(source):
    return tuple(s for s in SUBSCRIPTIONS if s[0] == source)


def build_event(source, event_type, case_no, actor, payload, now=None):
    """Make a validated event body; raises if it breaks its own contract."""
    schema = instance(REGISTRY[source][event_type])
    body = {
        "event_id": str(uuid.uuid4()),
        "event_type": event_type,
        "schema_version": SCHEMA_VERSION,
        "occurred_at": (now or datetime.now(timezone.utc)).astimezone(TZ).isoformat(),
        "case_no": case_no,
        "actor": {"username": actor["username"], "roles": list(actor["roles"])},
        **payload,
    }
    errors = schema.validate(body)
    if errors:
        raise ValueError(f"event {source}.{event_type} breaks its contract: {errors}")
    return body


# ---- evidence (cyber brigade, Art. 9(7), 13) -----------------------------------------------
# No file names, URLs of posts or notes on the bus: ids, kinds, sizes, hashes and states only.

class EvidenceRegisteredV1(EventSchema):
    """An object was stored, verified and registered with its first custody entry."""
    evidence_id = fields.String(required=True)
    kind = fields.String(required=True)
    size = fields.Integer(required=True)
    sha256 = fields.String(required=True)
    acquired_at = fields.AwareDateTime(required=True)
    web_capture = fields.Boolean(required=True)


class EvidenceHeldV1(EventSchema):
    """A legal hold was applied; ``enforced`` says whether the store itself enforces it."""
    evidence_id = fields.String(required=True)
    enforced = fields.Boolean(required=True)


class TakedownStatusV1(EventSchema):
    """A takedown request for a harmful post moved (requested, submitted, removed, refused)."""
    takedown_id = fields.String(required=True)
    status = fields.String(required=True, validate=one_of(
        ("requested", "submitted", "removed", "refused")))
    at = fields.AwareDateTime(required=True)


EVIDENCE_EVENTS = {
    "evidence_registered": EvidenceRegisteredV1,
    "evidence_held": EvidenceHeldV1,
    "takedown_status_changed": TakedownStatusV1,
}
REGISTRY["evidence"] = EVIDENCE_EVENTS


# ---- command center (dispatch): live incidents, dispatch, protection (Art. 13, 19, 20) ------
# case_no is null until intake has opened the case for the incident. The incident's place and
# description ride only on incident_reported (intake needs them to open the case); a protected
# address and the protected persons' names never ride at all.

class DispatchEventSchema(EventSchema):
    case_no = fields.String(required=True, allow_none=True)
    incident_id = fields.String(required=True)


class IncidentOfficerEventSchema(Schema):
    police_id = fields.String(required=True)
    name = fields.String(required=True)
    unit = fields.String(required=True)


class IncidentFlagsSchema(Schema):
    ongoing = fields.Boolean(required=True)
    injury = fields.Boolean(required=True)
    anti_gang = fields.Boolean(required=True)
    off_duty = fields.Boolean(required=True)


class IncidentReportedV1(DispatchEventSchema):
    officers = fields.List(fields.Nested(IncidentOfficerEventSchema), required=True)
    category = fields.String(required=True, validate=one_of(CATEGORIES))
    place = fields.String(required=True)
    description = fields.String(required=True)
    reported_at = fields.AwareDateTime(required=True)
    flags = fields.Nested(IncidentFlagsSchema, required=True)


class UnitRefSchema(Schema):
    dispatch_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    unit_name = fields.String(required=True)
    unit_kind = fields.String(required=True)


class UnitsDispatchedV1(DispatchEventSchema):
    dispatched_at = fields.AwareDateTime(required=True)
    units = fields.List(fields.Nested(UnitRefSchema), required=True)


class DispatchStepV1(DispatchEventSchema, UnitRefSchema):
    """One dispatched unit; a step of its way to the scene."""
    dispatched_at = fields.AwareDateTime(required=True)


class UnitAcknowledgedV1(DispatchStepV1):
    acknowledged_at = fields.AwareDateTime(required=True)
    after_escalation = fields.Boolean(required=True)


class UnitArrivedV1(DispatchStepV1):
    arrived_at = fields.AwareDateTime(required=True)


class DispatchUnacknowledgedV1(DispatchStepV1):
    """Escalation: the unit did not acknowledge within DISPATCH_ACK_TIMEOUT (sent once)."""
    escalated_at = fields.AwareDateTime(required=True)
    timeout_seconds = fields.Integer(required=True)


class ProtectiveOrderIssuedV1(DispatchEventSchema):
    """Art. 20. Only counts and measures: no address, no names of the protected."""
    incident_id = fields.String(required=True, allow_none=True)
    order_id = fields.String(required=True)
    persons = fields.Integer(required=True)
    measures = fields.List(fields.String(), required=True)
    valid_until = fields.AwareDateTime(required=True)
    issued_at = fields.AwareDateTime(required=True)


DISPATCH_EVENTS = {
    "incident_reported": IncidentReportedV1,
    "units_dispatched": UnitsDispatchedV1,
    "unit_acknowledged": UnitAcknowledgedV1,
    "unit_arrived": UnitArrivedV1,
    "dispatch_unacknowledged": DispatchUnacknowledgedV1,
    "protective_order_issued": ProtectiveOrderIssuedV1,
}
REGISTRY["dispatch"] = DISPATCH_EVENTS

# intake opens the case of a live incident and folds dispatch steps into its timeline;
# dispatch learns the case number of its incident.
SUBSCRIPTIONS = SUBSCRIPTIONS + (
    ("dispatch", "incident_reported", "intake", "on_incident_reported"),
    ("dispatch", "units_dispatched", "intake", "on_units_dispatched"),
    ("dispatch", "unit_acknowledged", "intake", "on_unit_acknowledged"),
    ("dispatch", "unit_arrived", "intake", "on_unit_arrived"),
    ("dispatch", "dispatch_unacknowledged", "intake", "on_dispatch_unacknowledged"),
    ("dispatch", "protective_order_issued", "intake", "on_protective_order_issued"),
    ("intake", "application_submitted", "dispatch", "on_application_submitted"),
)
