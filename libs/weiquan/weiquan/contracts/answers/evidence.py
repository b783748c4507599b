"""Answers of the evidence store (Art. 9(1), 9(7), 13)."""
from marshmallow import fields

from weiquan.contracts.answers.base import Answer, enum, listing, maybe, when
from weiquan.contracts.policy.evidence import KINDS

CUSTODY_ACTIONS = ("upload", "view", "download", "share", "hold")
TAKEDOWN_STATUSES = ("requested", "submitted", "removed", "refused")


class EvidenceStoredV1(Answer):
    evidence_id = fields.String(required=True)
    sha256 = fields.String(required=True)
    size = fields.Integer(required=True)
    capture_id = fields.String()
    url = fields.String()
    captured_at = when()


class CustodyEntryV1(Answer):
    seq = fields.Integer(required=True)
    action = enum(CUSTODY_ACTIONS, required=True)
    actor = fields.String(required=True)
    at = when(required=True)
    detail = maybe(fields.Dict)
    hash = fields.String()


class WebCaptureV1(Answer):
    capture_id = fields.String()
    url = fields.String()
    captured_at = maybe(when)
    sha256 = maybe(fields.String)
    captured_by = maybe(fields.String)
    evidence_id = maybe(fields.String)


class EvidenceV1(Answer):
    evidence_id = fields.String(required=True)
    case_no = fields.String(required=True)
    kind = enum(KINDS, required=True)
    filename = maybe(fields.String)
    content_type = maybe(fields.String)
    detected_format = maybe(fields.String)
    size = fields.Integer(required=True)
    sha256 = fields.String(required=True)
    source = maybe(fields.String)
    device = maybe(fields.String)
    acquired_at = maybe(when)
    acquired_by = maybe(fields.String)
    registered_at = maybe(when)
    hold = maybe(fields.Dict)
    custody = listing(CustodyEntryV1, required=True)
    web_capture = fields.Nested(WebCaptureV1)


class EvidenceItemV1(Answer):
    evidence_id = fields.String(required=True)
    kind = enum(KINDS, required=True)
    filename = maybe(fields.String)
    size = fields.Integer()
    sha256 = fields.String()
    registered_at = maybe(when)
    acquired_by = maybe(fields.String)


class EvidenceListV1(Answer):
    items = listing(EvidenceItemV1, required=True)


class CustodyProblemV1(Answer):
    seq = maybe(fields.Integer)
    code = fields.String(required=True)
    message = fields.String(required=True)


class CustodyCheckV1(Answer):
    evidence_id = fields.String()
    valid = fields.Boolean(required=True)
    problems = listing(CustodyProblemV1, required=True)
    entries = fields.Integer()


class HoldAppliedV1(Answer):
    legal_hold = fields.Boolean(required=True)
    enforced = fields.Boolean(required=True, metadata={
        "description": "false unless a probe showed the store refuses to delete a held "
                       "version and refuses unknown credentials (moto: false)"})
    retain_until = maybe(when)
    reason = fields.String()
    store_reason = maybe(fields.String)
    at = when()
    by = fields.String()


class TakedownStepV1(Answer):
    status = fields.String(required=True)
    at = when(required=True)
    note = maybe(fields.String)
    actor = maybe(fields.String)


class TakedownV1(Answer):
    takedown_id = fields.String(required=True)
    case_no = fields.String()
    url = fields.String()
    platform = fields.String()
    capture_id = maybe(fields.String)
    status = enum(TAKEDOWN_STATUSES, required=True)
    history = listing(TakedownStepV1, required=True)
    requested_by = fields.String()
    created_at = maybe(when)
