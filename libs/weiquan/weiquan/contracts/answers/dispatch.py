"""Answers of the command center (Art. 13, 20)."""
from marshmallow import fields

from weiquan.contracts.answers.base import Answer, Page, enum, listing, maybe, when
from weiquan.contracts.codes import (CATEGORIES, INCIDENT_STATUSES, PERSONNEL_TYPES,
                                     PROTECTED_PERSON_TYPES, UNIT_KINDS, UNIT_STATUSES)

DISPATCH_STATES = ("awaiting_ack", "acknowledged", "arrived", "escalated")
# A protective order is in force until its validity ends (expired) or it is revoked.
ORDER_STATES = ("active", "expired", "revoked")
ORDER_CHANGES = ("issued", "extended", "revoked")


class IncidentReportedV1(Answer):
    incident_id = fields.String(required=True)
    case_no = maybe(fields.String, required=True, metadata={
        "description": "null only if intake took over 5 s; GET /api/incidents/{id} shows it "
                       "later"})


class DispatchV1(Answer):
    dispatch_id = fields.String(required=True)
    incident_id = fields.String(required=True)
    unit_id = fields.String(required=True)
    unit_name = maybe(fields.String)
    unit_kind = maybe(fields.String, metadata={"enum": [*UNIT_KINDS, None]})
    state = enum(DISPATCH_STATES, required=True)
    dispatched_at = when()
    dispatched_by = fields.String()
    acknowledged_at = maybe(when)
    acknowledged_by = maybe(fields.String)
    arrived_at = maybe(when)
    escalated_at = maybe(when)


class OfficerRefV1(Answer):
    police_id = fields.String()
    name = fields.String()
    unit = fields.String()
    personnel_type = enum(PERSONNEL_TYPES)


class IncidentV1(Answer):
    incident_id = fields.String(required=True)
    status = enum(INCIDENT_STATUSES, required=True)
    case_no = maybe(fields.String)
    category = enum(CATEGORIES)
    officers = listing(OfficerRefV1)
    place = fields.String()
    description = fields.String()
    ongoing = fields.Boolean()
    injury = fields.Boolean()
    anti_gang = fields.Boolean()
    off_duty = fields.Boolean()
    reported_at = when()
    reported_by = fields.String()
    closed_at = maybe(when)
    dispatches = listing(DispatchV1)


class IncidentListV1(Page):
    items = listing(IncidentV1, required=True)
    total = fields.Integer(required=True)


class UnitAnswerV1(Answer):
    unit_id = fields.String(required=True)
    name = fields.String(required=True)
    kind = enum(UNIT_KINDS, required=True)
    status = enum(UNIT_STATUSES, required=True)


class UnitListV1(Answer):
    items = listing(UnitAnswerV1, required=True)


class DispatchedV1(Answer):
    incident_id = fields.String(required=True)
    dispatches = listing(DispatchV1, required=True)


class ProtectedPersonAnswerV1(Answer):
    type = enum(PROTECTED_PERSON_TYPES)
    name = fields.String()
    police_id = maybe(fields.String)
    relation = maybe(fields.String)


class OrderChangeV1(Answer):
    change = enum(ORDER_CHANGES, required=True)
    at = when(required=True)
    by = fields.String(required=True)
    reason = maybe(fields.String, metadata={"description": "null for the issue itself"})
    valid_until = when(required=True, metadata={"description": "the validity after it"})


class ProtectiveOrderAnswerV1(Answer):
    order_id = fields.String(required=True)
    case_no = maybe(fields.String)
    incident_id = maybe(fields.String)
    persons = listing(ProtectedPersonAnswerV1)
    measures = fields.List(fields.String())
    valid_until = when()
    issued_at = when()
    issued_by = fields.String()
    address = fields.String(metadata={"description": "the command center only (Art. 20)"})
    state = enum(ORDER_STATES, required=True)
    revoked_at = maybe(when)
    history = listing(OrderChangeV1, metadata={"description": "issued, then each extension "
                                                              "or revocation, oldest first"})
