"""Events of the cyber brigade's evidence service."""
from marshmallow import fields

from weiquan.contracts.base import one_of

from weiquan.contracts.event_base import EventSchema
from weiquan.contracts.events_work import WORK_EVENTS

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
    **WORK_EVENTS,
    "evidence_registered": EvidenceRegisteredV1,
    "evidence_held": EvidenceHeldV1,
    "takedown_status_changed": TakedownStatusV1,
}
