"""Answers of the logistics office (Art. 25-27). Every amount appears twice: ``<name>_fen``
(integer fen, the exact value) and ``<name>`` (the same in yuan, a decimal string)."""
from marshmallow import fields

from weiquan.contracts.answers.base import Answer, Page, enum, listing, maybe, when
from weiquan.contracts.codes import FUND_KINDS, PAYMENT_STATES
from weiquan.contracts.logistics import APPROVER_ROLES


def fen(**kw):
    return fields.Integer(metadata={"description": "integer fen (1 yuan = 100 fen)"}, **kw)


def yuan(**kw):
    return fields.String(metadata={"description": "yuan, two decimal places"}, **kw)


class FundV1(Answer):
    fund = enum(FUND_KINDS, required=True)
    year = fields.Integer(required=True)
    budget_fen, budget = fen(required=True), yuan()
    committed_fen, committed = fen(), yuan()
    balance_fen, balance = fen(required=True), yuan()
    director_limit_fen, director_limit = fen(), yuan()
    committee_limit_fen = maybe(fields.Integer)
    committee_limit = maybe(fields.String)


class FundListV1(Answer):
    items = listing(FundV1, required=True)
    total = fields.Integer(required=True)


class TotalV1(Answer):
    count = fields.Integer(required=True)
    sum_fen, sum = fen(required=True), yuan()


class FundStatementV1(Answer):
    fund = enum(FUND_KINDS, required=True)
    year = fields.Integer(required=True)
    opening_budget_fen, opening_budget = fen(required=True), yuan()
    approvals = fields.Nested(TotalV1, required=True)
    disbursements = fields.Nested(TotalV1, required=True)
    committed_not_disbursed_fen, committed_not_disbursed = fen(required=True), yuan()
    balance_fen, balance = fen(required=True), yuan()
    reconciled = fields.Boolean(required=True, metadata={
        "description": "the fund's committed counter equals the sum of its approvals"})


class ClaimantV1(Answer):
    type = enum(("person", "company"))
    name = fields.String()
    contact = fields.String()


class DisbursementV1(Answer):
    disbursement_id = fields.String(required=True)
    approval_id = fields.String()
    state = enum(("scheduled", "disbursed"), required=True)
    scheduled_at = when()
    voucher_no = maybe(fields.String)
    paid_at = maybe(when)
    recorded_by = maybe(fields.String)


class PaymentV1(Answer):
    payment_id = fields.String(required=True)
    case_no = fields.String(required=True)
    fund = enum(FUND_KINDS, required=True)
    year = fields.Integer()
    amount_fen, amount = fen(required=True), yuan()
    payee = fields.String()
    purpose = fields.String()
    origin = enum(("request", "compensation_claim", "counsel_fee_claim"))
    claimant = maybe(fields.Nested, ClaimantV1)
    damage = maybe(fields.String)
    evidence_ids = fields.List(fields.String())
    claim_id = maybe(fields.String)
    state = enum(PAYMENT_STATES, required=True)
    awaiting_role = maybe(fields.String, metadata={"enum": [*APPROVER_ROLES, None]})
    requested_by = fields.String()
    requested_at = when()
    reviewed_by = maybe(fields.String)
    reviewed_at = maybe(when)
    decided_by = maybe(fields.String)
    decided_at = maybe(when)
    approval_id = maybe(fields.String)
    refusal_reason = maybe(fields.String)
    refused_stage = maybe(fields.String)
    disbursement = maybe(fields.Nested, DisbursementV1)


class PaymentListV1(Page):
    items = listing(PaymentV1, required=True)
    total = fields.Integer(required=True)
