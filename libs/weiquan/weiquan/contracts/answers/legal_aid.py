"""Answers of legal affairs (legal_aid, Art. 20-25, 33). Open objects: the fields listed are
the ones a client may rely on."""
from marshmallow import fields

from weiquan.contracts.answers.base import Answer, Page, listing, maybe


class LegalWorkItemV1(Answer):
    item_id = fields.String(required=True)
    case_no = fields.String(required=True)
    kind = fields.String(required=True)
    state = fields.String(required=True)
    summary = fields.String(required=True)


class LegalWorkListV1(Page):
    items = listing(LegalWorkItemV1, required=True)
    total = fields.Integer(required=True)


class ClassificationV1(Answer):
    case_no = fields.String(required=True)
    suggested = maybe(fields.String)
    state = fields.String(required=True)
    classification = maybe(fields.String)


class CounselRecordV1(Answer):
    counsel_id = fields.String(required=True)
    name = fields.String(required=True)
    firm = fields.String(required=True)
    specialities = fields.List(fields.String(), required=True)
    load = fields.Integer(required=True)
    active = fields.Boolean(required=True)


class CounselListV1(Answer):
    items = listing(CounselRecordV1, required=True)
    total = fields.Integer(required=True)


class AssignmentV1(Answer):
    assignment_id = fields.String(required=True)
    case_no = fields.String(required=True)
    counsel_id = fields.String(required=True)
    state = fields.String(required=True)


class DeterminationRecordV1(Answer):
    determination_id = fields.String(required=True)
    case_no = fields.String(required=True)
    outcome = fields.String(required=True)
    leniency_letter = fields.Boolean(required=True)


class LetterV1(Answer):
    determination_id = fields.String(required=True)
    text = fields.String(required=True)


class LegalAppealRecordV1(Answer):
    appeal_id = fields.String(required=True)
    case_no = fields.String(required=True)
    state = fields.String(required=True)
    outcome = maybe(fields.String)


class ReviewRecordV1(Answer):
    review_id = fields.String(required=True)
    case_no = fields.String(required=True)
    state = fields.String(required=True)
    result = maybe(fields.String)


class LiaisonRecordV1(Answer):
    liaison_id = fields.String(required=True)
    case_no = fields.String(required=True)
    body = fields.String(required=True)


class OffenderRecordV1(Answer):
    offender_id = fields.String(required=True)
    case_no = fields.String(required=True)
    name = fields.String(required=True)
    other_cases = fields.List(fields.String(), required=True)


class OffenderListV1(Answer):
    case_no = fields.String(required=True)
    items = listing(OffenderRecordV1, required=True)
    total = fields.Integer(required=True)


class RepeatPersonV1(Answer):
    names = fields.List(fields.String(), required=True)
    case_nos = fields.List(fields.String(), required=True)
    records = listing(OffenderRecordV1, required=True)


class RepeatOffendersV1(Answer):
    items = listing(RepeatPersonV1, required=True)
    total = fields.Integer(required=True)


class LegalCaseV1(Answer):
    case_no = fields.String(required=True)
    classification = maybe(fields.Nested, ClassificationV1)
    assignments = listing(AssignmentV1, required=True)
    determinations = listing(DeterminationRecordV1, required=True)
    appeals = listing(LegalAppealRecordV1, required=True)
    reviews = listing(ReviewRecordV1, required=True)
    liaisons = listing(LiaisonRecordV1, required=True)
    offenders = maybe(fields.List, fields.Nested(OffenderRecordV1))
