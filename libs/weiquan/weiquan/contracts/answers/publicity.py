"""Answers of the publicity office (Art. 30, 31, 35). The staff answer carries the redaction
findings (what was blacked out and why) for the reviewers; the public answer carries only the
published, redacted text."""
from marshmallow import fields

from weiquan.contracts.answers.base import Answer, Page, enum, listing, maybe, when
from weiquan.contracts.codes import STATEMENT_KINDS, STATEMENT_SCOPES, STATEMENT_STATES


class RedactionFindingV1(Answer):
    kind = fields.String(required=True)
    original = fields.String(required=True)
    replacement = fields.String(required=True)
    reason_zh = fields.String(required=True)
    reason_en = fields.String()


class StatementVersionV1(Answer):
    statement_id = fields.String(required=True)
    version = fields.Integer(required=True)
    state = enum(STATEMENT_STATES, required=True)
    published_at = maybe(when)


class StatementV1(Answer):
    statement_id = fields.String(required=True)
    series_id = fields.String(required=True)
    version = fields.Integer(required=True)
    kind = enum(STATEMENT_KINDS, required=True)
    case_no = maybe(fields.String)
    title = fields.String(required=True)
    body = fields.String(required=True)
    state = enum(STATEMENT_STATES, required=True)
    scope = maybe(enum, STATEMENT_SCOPES)
    origin = fields.String(required=True)
    findings = listing(RedactionFindingV1)
    return_reason = maybe(fields.String)
    returned_stage = maybe(fields.String)
    created_by = fields.String()
    created_at = when()
    legal_reviewed_by = maybe(fields.String)
    committee_approved_by = maybe(fields.String)
    published_by = maybe(fields.String)
    published_at = maybe(when)
    history = listing(StatementVersionV1)


class StatementListV1(Page):
    items = listing(StatementV1, required=True)
    total = fields.Integer(required=True)


class PublicStatementV1(Answer):
    statement_id = fields.String(required=True)
    version = fields.Integer(required=True)
    kind = enum(STATEMENT_KINDS, required=True)
    title = fields.String(required=True)
    body = fields.String(required=True)
    published_at = when(required=True)


class PublicStatementListV1(Page):
    items = listing(PublicStatementV1, required=True)
    total = fields.Integer(required=True)
