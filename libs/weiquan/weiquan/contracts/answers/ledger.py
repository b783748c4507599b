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
