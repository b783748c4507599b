"""Command and query contracts of the logistics office (Art. 4, 25-27). Money crosses the API
as yuan (a decimal string or a JSON number with at most two decimal places) and is held as
integer fen everywhere behind it: ``Money`` parses with Decimal, never float arithmetic."""
import re
from decimal import Decimal, InvalidOperation

from marshmallow import ValidationError, fields, validate, validates_schema

from weiquan.contracts.base import StrictSchema, flag, one_of, text
from weiquan.contracts.codes import FUND_KINDS, PAYMENT_STATES
from weiquan.contracts.queries import PageQuery

MAX_FEN = 10_000_000_000          # 100 million yuan: far above any fund of a district bureau
_YUAN = re.compile(r"^[0-9]{1,12}(\.[0-9]{1,2})?$")
YEARS = validate.Range(min=2000, max=2099, error="年度应在 2000 到 2099 之间 / Year must be "
                                                   "between 2000 and 2099.")

_BAD = "金额格式无效，应为元，最多两位小数，如 1200.50 / Not an amount in yuan with at most " \
       "two decimal places, e.g. 1200.50."
_NOT_POSITIVE = "金额必须大于零 / The amount must be greater than zero."
_TOO_LARGE = "金额过大（最多 1 亿元） / The amount is too large (at most 100 million yuan)."


def yuan_to_fen(value):
    """'12.30' or 12.3 -> 1230; raises ValueError with the bilingual problem."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
        raise ValueError(_BAD)
    raw = value.strip() if isinstance(value, str) else str(value)
    if raw.startswith("-"):
        raise ValueError(_NOT_POSITIVE)
    if not _YUAN.match(raw):
        if re.match(r"^[0-9]{13,}(\.[0-9]{1,2})?$", raw):
            raise ValueError(_TOO_LARGE)
        raise ValueError(_BAD)
    try:
        fen = int(Decimal(raw) * 100)
    except InvalidOperation:  # pragma: no cover - the pattern admits only plain decimals
        raise ValueError(_BAD) from None
    if fen <= 0:
        raise ValueError(_NOT_POSITIVE)
    if fen > MAX_FEN:
        raise ValueError(_TOO_LARGE)
    return fen


def fen_to_yuan(fen):
    """1230 -> '12.30' (what answers and pages show beside the integer)."""
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"


class Money(fields.Field):
    """Yuan in, integer fen out; dumps fen back as a yuan string."""

    def __init__(self, **kw):
        kw.setdefault("metadata", {"description": "yuan: a decimal string or a number, more "
                                   "than zero, at most two decimal places (e.g. \"1200.50\")",
                                   "example": "1200.50"})
        super().__init__(**kw)

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return yuan_to_fen(value)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else fen_to_yuan(value)


def fund_kind(**kw):
    return fields.String(validate=one_of(FUND_KINDS, "经费类别"), **kw)


class SetBudgetV1(StrictSchema):
    """A fund's yearly budget and who approves how much (Art. 26): the director approves up
    to ``director_limit``; above it the committee, up to ``committee_limit`` if one is set."""
    fund = fund_kind(required=True)
    year = fields.Integer(required=True, strict=True, validate=YEARS)
    budget = Money(required=True)
    director_limit = Money(required=True)
    committee_limit = Money(load_default=None, allow_none=True)

    @validates_schema
    def _limits_ordered(self, data, **kwargs):
        top, director = data.get("committee_limit"), data.get("director_limit")
        if top is not None and director is not None and top < director:
            raise ValidationError({"committee_limit": [
                "维权委审批上限不能低于主任审批上限 / The committee's limit cannot be below "
                "the director's."]})


class PaymentRequestV1(StrictSchema):
    """A payment on a case from one fund (consolation, Art. 26; counsel fees, Art. 25)."""
    case_no = text(40)
    fund = fund_kind(required=True)
    amount = Money(required=True)
    payee = text(100)
    purpose = text(1000)


class ClaimantSchema(StrictSchema):
    type = fields.String(required=True, validate=one_of(("person", "company"), "索赔人类型"))
    name = text(100)
    contact = text(100)


class CompensationClaimV1(StrictSchema):
    """A citizen's or company's damage from lawful police action (Art. 4, 27): the bureau
    pays from the compensation fund, never the officer."""
    case_no = text(40)
    claimant = fields.Nested(ClaimantSchema, required=True)
    damage = text(2000)
    evidence_ids = fields.List(fields.String(validate=validate.Length(min=1, max=64)),
                               load_default=list, validate=validate.Length(max=50))
    amount = Money(required=True)


def _reason_when_refused(flag_name):
    def check(self, data, **kwargs):
        if data.get(flag_name) is False and not (data.get("reason") or "").strip():
            raise ValidationError({"reason": ["不同意须说明理由 / A refusal must give a "
                                              "reason."]})
    return validates_schema(check)


class ReviewPaymentV1(StrictSchema):
    """Logistics' review: the request is complete and payable (or refused with a reason)."""
    accept = flag(required=True)
    reason = fields.String(load_default="", validate=validate.Length(max=1000))
    _check = _reason_when_refused("accept")


class ApprovePaymentV1(StrictSchema):
    approve = flag(required=True)
    reason = fields.String(load_default="", validate=validate.Length(max=1000))
    _check = _reason_when_refused("approve")


class DisburseV1(StrictSchema):
    voucher_no = text(64)
    paid_at = fields.AwareDateTime(load_default=None, allow_none=True)


APPROVER_ROLES = ("committee_director", "committee_member")


class FundListQueryV1(PageQuery):
    fund = fund_kind()
    year = fields.Integer(validate=YEARS)


class PaymentListQueryV1(PageQuery):
    state = fields.String(validate=one_of(PAYMENT_STATES, "状态"))
    case_no = fields.String(validate=validate.Length(max=40))
    fund = fund_kind()
    awaiting_role = fields.String(validate=one_of(APPROVER_ROLES, "审批角色"))
