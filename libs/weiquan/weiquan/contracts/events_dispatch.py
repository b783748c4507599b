"""Events of the command center (dispatch)."""
from marshmallow import Schema, fields

from weiquan.contracts.base import one_of
from weiquan.contracts.codes import CATEGORIES, PERSONNEL_TYPES

from weiquan.contracts.event_base import EventSchema
from weiquan.contracts.events_work import WORK_EVENTS

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
    # Art. 38; optional so that events announced before it was carried still validate
    personnel_type = fields.String(load_default="regular", validate=one_of(PERSONNEL_TYPES))


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


class ProtectiveOrderChangedV1(DispatchEventSchema):
    """Art. 20: an order extended or revoked. The reason and the address stay in dispatch."""
    incident_id = fields.String(required=True, allow_none=True)
    order_id = fields.String(required=True)
    change = fields.String(required=True, validate=one_of(("extended", "revoked")))
    valid_until = fields.AwareDateTime(required=True)
    at = fields.AwareDateTime(required=True)


DISPATCH_EVENTS = {
    **WORK_EVENTS,
    "incident_reported": IncidentReportedV1,
    "units_dispatched": UnitsDispatchedV1,
    "unit_acknowledged": UnitAcknowledgedV1,
    "unit_arrived": UnitArrivedV1,
    "dispatch_unacknowledged": DispatchUnacknowledgedV1,
    "protective_order_issued": ProtectiveOrderIssuedV1,
    "protective_order_changed": ProtectiveOrderChangedV1,
}
