"""Events of legal affairs (legal_aid). The service itself comes with a later issue; the
counsel-fee claim it sends to logistics (Art. 25: the bureau pays counsel) is fixed now so
logistics can take it."""
from marshmallow import fields, validate

from weiquan.contracts.event_base import EventSchema


class CounselFeeClaimedV1(EventSchema):
    """Counsel's fee for work on a case, claimed for payment from the counsel-fee fund. The
    claim id makes a redelivered or re-sent claim one payment request."""
    claim_id = fields.String(required=True)
    counsel_name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    firm = fields.String(required=True, validate=validate.Length(min=1, max=200))
    amount_fen = fields.Integer(required=True, validate=validate.Range(min=1))
    period = fields.String(required=True, validate=validate.Length(min=1, max=100))


LEGAL_AID_EVENTS = {"counsel_fee_claimed": CounselFeeClaimedV1}
