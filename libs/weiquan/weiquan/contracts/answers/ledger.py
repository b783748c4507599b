"""Answers of the Art. 35 ledger: statistics of the cases received in a date range, and the
rows the gateway renders as the CSV and XLSX exports. What each count means is defined once,
in docs/architecture.md "Ledger"."""
from marshmallow import fields

from weiquan.contracts.answers.base import Answer, enum, listing, maybe
from weiquan.contracts.codes import (CASE_STATUSES, CATEGORIES, CHANNELS, LEDGER_GROUPINGS,
                                     LEDGER_OUTCOMES)


def _count(description):
    return fields.Integer(required=True, metadata={"description": description})


class LedgerGroupV1(Answer):
    key = maybe(fields.String, required=True, metadata={
        "description": "the group's value: a category or channel code, YYYY-MM (Asia/Shanghai "
                       "month of receipt), the officer's unit, an outcome key or the incident's "
                       "place; null only for a place never recorded"})
    total = _count("cases received in the range")
    open = _count("of which not concluded, closed or rejected")
    overdue = _count("of which holding an open committee deadline that has passed")
    concluded = _count("of which with a written conclusion (Art. 16)")


class LedgerStatsV1(Answer):
    by = enum(LEDGER_GROUPINGS, required=True)
    from_ = fields.Date(required=True, data_key="from")
    to = fields.Date(required=True)
    groups = listing(LedgerGroupV1, required=True, metadata={
        "description": "only groups with cases; month by month for `month`, otherwise the "
                       "largest first (then by key)"})
    total = _count("cases received in the range (the sum of the groups' totals)")


class LedgerCaseV1(Answer):
    case_no = fields.String(required=True)
    received_on = fields.Date(required=True, metadata={"description": "Asia/Shanghai date"})
    category = enum(CATEGORIES, required=True)
    channel = enum(CHANNELS, required=True)
    officer_unit = fields.String(required=True)
    place = maybe(fields.String, required=True)
    status = enum(CASE_STATUSES, required=True)
    outcome = enum(LEDGER_OUTCOMES, required=True)
    decided_on = maybe(fields.Date, required=True)
    concluded_on = maybe(fields.Date, required=True)
    overdue = fields.Boolean(required=True)


class LedgerCasesV1(Answer):
    """intake's answer to ledger_cases; the gateway renders it as CSV or XLSX."""
    from_ = fields.Date(required=True, data_key="from")
    to = fields.Date(required=True)
    items = listing(LedgerCaseV1, required=True)
    total = fields.Integer(required=True)


class LedgerHotspotV1(Answer):
    place = maybe(fields.String, required=True, metadata={
        "description": "the incident's place; null for cases without one"})
    hour = fields.Integer(required=True, metadata={
        "description": "0-23, Asia/Shanghai hour of the incident's occurrence (occurred_at; "
                       "received_at only for a case without one)"})
    category = enum(CATEGORIES, required=True)
    total = _count("cases received in the range with this place, hour and category")


class LedgerHotspotsV1(Answer):
    from_ = fields.Date(required=True, data_key="from")
    to = fields.Date(required=True)
    top = fields.Integer(required=True)
    items = listing(LedgerHotspotV1, required=True, metadata={
        "description": "at most `top`, the largest first (then by place, hour, category)"})


class LedgerTrendV1(Answer):
    category = enum(CATEGORIES, required=True)
    counts = fields.List(fields.Integer(), required=True, metadata={
        "description": "cases received per month, in the order of the answer's `months`"})
    total = _count("cases received in the range")
    previous_total = _count("cases received in the previous period")
    change = fields.Integer(required=True, metadata={"description": "total - previous_total"})
    change_percent = maybe(fields.Float, required=True, metadata={
        "description": "change against previous_total in percent (one decimal); null when "
                       "the previous period had none"})


class LedgerTrendsV1(Answer):
    from_ = fields.Date(required=True, data_key="from")
    to = fields.Date(required=True)
    previous_from = fields.Date(required=True, metadata={
        "description": "the previous period of equal length: as many whole months before a "
                       "range of whole months, else as many days"})
    previous_to = fields.Date(required=True)
    months = fields.List(fields.String(), required=True, metadata={
        "description": "YYYY-MM (Asia/Shanghai) of every month the range touches"})
    categories = listing(LedgerTrendV1, required=True, metadata={
        "description": "categories with cases in either period, the most in the range first"})
    total = _count("cases received in the range")
    previous_total = _count("cases received in the previous period")
    change = fields.Integer(required=True, metadata={"description": "total - previous_total"})
    change_percent = maybe(fields.Float, required=True, metadata={
        "description": "change in percent (one decimal); null when the previous period had none"})
