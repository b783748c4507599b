"""Query-string contracts (v1) of the list and lookup routes. Values arrive as text; empty
ones count as absent; unknown parameters are ignored (browsers and proxies add their own)."""
from datetime import date

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema

from weiquan.contracts.base import flatten_errors, one_of
from weiquan.contracts.codes import (CASE_STATUSES, CATEGORIES, DEPARTMENT_ROLES,
                                     INCIDENT_STATUSES, LEDGER_GROUPINGS, WORK_STATES)
from weiquan.contracts.policy.evidence import KINDS as EVIDENCE_KINDS


class QueryFlag(fields.Boolean):
    """true/false or 1/0 in a query string; anything else is refused, not guessed."""

    default_error_messages = {"invalid": "应为 true 或 false / Must be true or false."}

    def _deserialize(self, value, attr, data, **kwargs):
        text = str(value).lower()
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
        raise self.make_error("invalid")


def whole(lo, hi, default):
    return fields.Integer(load_default=default, validate=validate.Range(
        min=lo, max=hi, error=f"应为 {lo} 到 {hi} 之间的整数 / Must be an integer between {lo} "
                              f"and {hi}."), error_messages={
        "invalid": f"应为 {lo} 到 {hi} 之间的整数 / Must be an integer between {lo} and {hi}."})


class Query(Schema):
    class Meta:
        unknown = EXCLUDE


class PageQuery(Query):
    page = whole(1, 100000, 1)
    page_size = whole(1, 100, 20)


class CaseListQueryV1(PageQuery):
    status = fields.String(validate=one_of(CASE_STATUSES, "状态"))
    category = fields.String(validate=one_of(CATEGORIES, "侵权情形"))
    overdue = QueryFlag()
    # An open deadline the bureau holds due within this many working days, or already past
    # due: what waits for a decision or an extension (the director's inbox).
    due_within = fields.Integer(validate=validate.Range(
        min=0, max=30, error="应为 0 到 30 之间的整数 / Must be an integer between 0 and 30."),
        error_messages={"invalid": "应为 0 到 30 之间的整数 / Must be an integer between 0 "
                                   "and 30."})


class IncidentListQueryV1(PageQuery):
    status = fields.String(validate=one_of(INCIDENT_STATUSES, "状态"))


class WorkItemListQueryV1(PageQuery):
    """A department's queue of work items (every department's for the committee): nearest due
    first, the items without a due date last."""
    state = fields.String(load_default="open", validate=one_of(WORK_STATES, "状态"),
                          metadata={"description": "open (default), done or cancelled"})
    department = fields.String(validate=one_of(DEPARTMENT_ROLES, "部门"), metadata={
        "description": "default: the caller's own department; a department role asking for "
                       "another is refused (403); the committee may ask for any"})
    case_no = fields.String(validate=validate.Length(max=40))


class AccountabilityQueryV1(Query):
    case_no = fields.String(validate=validate.Length(max=40))
    page = whole(1, 100000, 1)
    page_size = whole(1, 200, 50)


class NotificationQueryV1(Query):
    limit = whole(1, 200, 50)


class CalendarDueQueryV1(Query):
    from_ = fields.Date(required=True, data_key="from", validate=validate.Range(
        min=date(2000, 1, 1), max=date(2099, 12, 31),
        error="应在 2000-01-01 到 2099-12-31 之间 / Must be between 2000-01-01 and "
              "2099-12-31."), error_messages={
        "invalid": "应为日期 YYYY-MM-DD / Must be a date YYYY-MM-DD.",
        "required": "应为日期 YYYY-MM-DD / Must be a date YYYY-MM-DD."})
    working_days = whole(0, 3650, None)
    days = whole(0, 3650, None)
    reckoning = QueryFlag(load_default=False, metadata={
        "description": "true: the answer adds `reckoning`, every day from `from` to the due "
                       "day, whether it counted and why not (weekend, the named holiday, a "
                       "swapped working day 调休上班)"})

    @validates_schema
    def _exactly_one(self, data, **kwargs):
        if (data.get("working_days") is None) == (data.get("days") is None):
            raise ValidationError({"working_days": ["须且只能提供 working_days 或 days 之一 / "
                                                    "Give exactly one of working_days or days."]})


def day(**kw):
    """A date YYYY-MM-DD within 2000-01-01..2099-12-31."""
    return fields.Date(validate=validate.Range(
        min=date(2000, 1, 1), max=date(2099, 12, 31),
        error="应在 2000-01-01 到 2099-12-31 之间 / Must be between 2000-01-01 and "
              "2099-12-31."), error_messages={
        "invalid": "应为日期 YYYY-MM-DD / Must be a date YYYY-MM-DD.",
        "required": "应为日期 YYYY-MM-DD / Must be a date YYYY-MM-DD."}, **kw)


LEDGER_MAX_DAYS = 3660  # ten years and a few leap days: a longer range is refused


class LedgerExportQueryV1(Query):
    """Art. 35 ledger: the cases received (Asia/Shanghai date of received_at) from ``from``
    to ``to``, both days included."""
    from_ = day(required=True, data_key="from")
    to = day(required=True)

    @validates_schema
    def _a_range(self, data, **kwargs):
        if data["to"] < data["from_"]:
            raise ValidationError({"to": ["不能早于 from / Must not be before from."]})
        if (data["to"] - data["from_"]).days >= LEDGER_MAX_DAYS:
            raise ValidationError({"to": [f"时间跨度不能超过 {LEDGER_MAX_DAYS} 天 / The range may "
                                          f"span at most {LEDGER_MAX_DAYS} days."]})


class LedgerQueryV1(LedgerExportQueryV1):
    """The ledger's statistics of those cases, grouped ``by`` one of LEDGER_GROUPINGS."""
    by = fields.String(required=True, validate=one_of(LEDGER_GROUPINGS, "分组"), error_messages={
        "required": f"应为 {', '.join(LEDGER_GROUPINGS)} 之一 / Must be one of "
                    f"{', '.join(LEDGER_GROUPINGS)}."})


LEDGER_TREND_MAX_DAYS = 1100  # three years and a few days: one table column per month
LEDGER_TOP_MAX = 100


class LedgerHotspotQueryV1(LedgerExportQueryV1):
    """Ledger hot spots: the ``top`` largest (place, hour, category) combinations of the cases
    received in the range; the hour is the Asia/Shanghai hour of the incident's occurrence."""
    top = whole(1, LEDGER_TOP_MAX, 10)


class LedgerTrendQueryV1(Query):
    """Ledger trends: per category, cases per month received in [from, to] (both or neither;
    neither: the last twelve months up to today) against the previous period of equal
    length."""
    from_ = day(data_key="from")
    to = day()

    @validates_schema
    def _a_range(self, data, **kwargs):
        if ("from_" in data) != ("to" in data):
            missing = "to" if "from_" in data else "from"
            raise ValidationError({missing: ["应与另一日期同时给出 / Give both dates or "
                                             "neither."]})
        if "to" not in data:
            return
        if data["to"] < data["from_"]:
            raise ValidationError({"to": ["不能早于 from / Must not be before from."]})
        if (data["to"] - data["from_"]).days >= LEDGER_TREND_MAX_DAYS:
            raise ValidationError({"to": [
                f"时间跨度不能超过 {LEDGER_TREND_MAX_DAYS} 天 / The range may span at most "
                f"{LEDGER_TREND_MAX_DAYS} days."]})


class StreamQueryV1(Query):
    token = fields.String(metadata={"description": "the access token, for EventSource, which "
                                                   "cannot send an Authorization header"})


class UploadQueryV1(Query):
    """What a raw (non-multipart) upload carries in its query string; a multipart upload
    sends the same as form fields before the file part."""
    kind = fields.String(metadata={"enum": list(EVIDENCE_KINDS)})
    filename = fields.String()
    source = fields.String()
    device = fields.String()
    acquired_at = fields.AwareDateTime()


class CaptureQueryV1(Query):
    url = fields.String(metadata={"description": "the captured page's http(s) address"})
    captured_at = fields.AwareDateTime()
    filename = fields.String()


def load_query(schema, args):
    """The query as a dict (absent and empty values dropped first), or the contract's 422."""
    from weiquan.contracts.base import UNSTORABLE, instance, unstorable
    from weiquan.kit.errors import validation_error
    present = {k: v for k, v in args.items() if v not in (None, "")}
    bad = unstorable(present)
    if bad:
        raise validation_error({p: UNSTORABLE for p in bad})
    try:
        return instance(schema).load(present)
    except ValidationError as exc:
        raise validation_error(flatten_errors(exc.messages)) from None
