"""Command and query contracts of the publicity office (Art. 30, 31, 35): statements drafted,
reviewed by legal affairs, approved by the committee and published. Title and body limits are
the contract's, so an oversize text is a 422 naming the field before anything is stored."""
from marshmallow import fields, validate

from weiquan.contracts.base import StrictSchema, flag, one_of, text
from weiquan.contracts.codes import STATEMENT_KINDS, STATEMENT_SCOPES, STATEMENT_STATES
from weiquan.contracts.queries import PageQuery

TITLE_MAX = 100
BODY_MAX = 20000
REASON_MAX = 1000


class DraftStatementV1(StrictSchema):
    """A new draft; name_clearing and typical_case need a case (the service checks it)."""
    kind = fields.String(required=True, validate=one_of(STATEMENT_KINDS, "发布类别"))
    case_no = fields.String(allow_none=True, validate=validate.Length(max=40))
    title = text(TITLE_MAX)
    body = text(BODY_MAX)


class EditStatementV1(StrictSchema):
    title = text(TITLE_MAX)
    body = text(BODY_MAX)


class StatementDecisionV1(StrictSchema):
    """Legal review or committee approval: approve, or return to draft with a reason."""
    approve = flag(required=True)
    reason = fields.String(load_default="", validate=validate.Length(max=REASON_MAX))


class PublishStatementV1(StrictSchema):
    scope = fields.String(required=True, validate=one_of(STATEMENT_SCOPES, "发布范围"))


class StatementListQueryV1(PageQuery):
    state = fields.String(validate=one_of(STATEMENT_STATES, "状态"))
    kind = fields.String(validate=one_of(STATEMENT_KINDS, "发布类别"))
    case_no = fields.String(validate=validate.Length(max=40))


class PublicListQueryV1(PageQuery):
    kind = fields.String(validate=one_of(STATEMENT_KINDS, "发布类别"))
