"""Events of the logistics office: payment requests, approvals and disbursements (Art. 25-27),
plus its work items. Amounts ride as integer fen; payees and purposes stay in the service."""
from marshmallow import fields, validate

from weiquan.contracts.base import one_of
from weiquan.contracts.codes import FUND_KINDS
from weiquan.contracts.event_base import EventSchema
from weiquan.contracts.events_work import WORK_EVENTS


class PaymentEventV1(EventSchema):
    payment_id = fields.String(required=True)
    fund = fields.String(required=True, validate=one_of(FUND_KINDS))
    year = fields.Integer(required=True)
    amount_fen = fields.Integer(required=True, validate=validate.Range(min=1))


class PaymentApprovedV1(PaymentEventV1):
    """Consumed by logistics itself: one disbursement order per ``approval_id``."""
    approval_id = fields.String(required=True)


class PaymentRefusedV1(PaymentEventV1):
    stage = fields.String(required=True, validate=one_of(("review", "approval")))


class PaymentDisbursedV1(PaymentEventV1):
    approval_id = fields.String(required=True)
    disbursement_id = fields.String(required=True)
    voucher_no = fields.String(required=True)
    paid_at = fields.AwareDateTime(required=True)


LOGISTICS_EVENTS = {**WORK_EVENTS, "payment_requested": PaymentEventV1,
                    "payment_approved": PaymentApprovedV1, "payment_refused": PaymentRefusedV1,
                    "payment_disbursed": PaymentDisbursedV1}
