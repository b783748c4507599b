"""What every event body carries (v1): event_id, event_type, schema_version, occurred_at,
case_no and actor, and optionally correlation_id; consumers are idempotent on event_id."""
from marshmallow import INCLUDE, Schema, fields

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
    # the id of the work that emitted the event (kit.correlation); optional, added within v1
    correlation_id = fields.String(allow_none=True)


class FlagsSchema(Schema):
    ongoing = fields.Boolean(required=True)
    off_duty = fields.Boolean(required=True)
    anti_gang = fields.Boolean(required=True)
    injury = fields.Boolean(required=True)
