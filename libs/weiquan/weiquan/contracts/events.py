"""Event contracts (v1), one schema per event type. Every body carries event_id, event_type,
schema_version, occurred_at, case_no and actor; consumers are idempotent on event_id.
No phones, ID numbers, addresses or health details ride on the bus."""
import uuid
from datetime import datetime, timezone

from marshmallow import INCLUDE, Schema, fields

from weiquan.config import TZ
from weiquan.contracts.base import instance, one_of
from weiquan.contracts.codes import APPLICANT_TYPES, CATEGORIES, CHANNELS, PERSONNEL_TYPES

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


# routing key (event type) -> schema, per source service
INTAKE_EVENTS = {
    "application_submitted": ApplicationSubmittedV1,
    "case_accepted": CaseAcceptedV1,
    "case_rejected": CaseRejectedV1,
    "case_appealed": CaseAppealedV1,
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
