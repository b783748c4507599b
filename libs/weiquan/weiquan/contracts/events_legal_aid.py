"""Events of legal affairs (legal_aid): its work items (events_work), and the counsel-fee claim
it sends to logistics (Art. 25: the bureau pays counsel), and the revocation of an unfair
discipline that publicity answers with a name-clearing statement (Art. 24, 30)."""
from marshmallow import fields, validate

from weiquan.contracts.codes import DISCIPLINE_OUTCOMES
from weiquan.contracts.event_base import EventSchema
from weiquan.contracts.events_work import WORK_EVENTS


class CounselFeeClaimedV1(EventSchema):
    """Counsel's fee for work on a case, claimed for payment from the counsel-fee fund. The
    claim id makes a redelivered or re-sent claim one payment request."""
    claim_id = fields.String(required=True)
    counsel_name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    firm = fields.String(required=True, validate=validate.Length(min=1, max=200))
    amount_fen = fields.Integer(required=True, validate=validate.Range(min=1))
    period = fields.String(required=True, validate=validate.Length(min=1, max=100))


class DisciplineRevokedV1(EventSchema):
    """An internal discipline revoked on review (Art. 24 para. 2): publicity drafts the
    name-clearing statement (Art. 30). No names or reasons ride on the bus."""
    review_id = fields.String(required=True)
    revoked_outcome = fields.String(required=True, validate=validate.OneOf(DISCIPLINE_OUTCOMES))


LEGAL_AID_EVENTS = {**WORK_EVENTS, "counsel_fee_claimed": CounselFeeClaimedV1,
                    "discipline_revoked": DisciplineRevokedV1}
