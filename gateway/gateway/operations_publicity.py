"""HTTP operations of the publicity office (publicity service, Art. 30, 31, 35): rows of the one
operation table (gateway.operations). The public list and statement need no login and show
only current, published statements with scope public."""
from weiquan.contracts import publicity as pc
from weiquan.contracts.answers import publicity as pa

from gateway.http import json_response
from gateway.operation import PUBLIC, Operation as Op, invoke

_BASE = "/api/publicity/statements"


def anonymous(gw, request, op, **path):
    """call_rpc without a bearer token: the public reads need no login and pass no one."""
    answer = invoke(gw, op, None, [path[name] for name in op.path_params], request.args)
    return json_response(answer, status=op.status)


def _pb(method, path, name, summary, action, **kw):
    return Op(method, _BASE + path, name, summary, access=("publicity", action),
              rpc=("publicity", name), **kw)


OPERATIONS = (
    _pb("GET", "", "list_statements", "Statements the caller may read (reviewers: every "
        "state; other staff: published ones by scope)", "read_statements",
        query=pc.StatementListQueryV1, answer=pa.StatementListV1),
    _pb("POST", "", "draft_statement", "Draft a statement (name clearing, typical case, safety "
        "warning); the text is redacted before it is stored", "draft_statement",
        body=pc.DraftStatementV1, answer=pa.StatementV1, status=201),
    _pb("GET", "/{statement_id}", "get_statement", "A statement with its redaction findings "
        "and version history", "read_statements", answer=pa.StatementV1),
    _pb("PUT", "/{statement_id}", "edit_statement", "Edit a draft (redacted again)",
        "draft_statement", body=pc.EditStatementV1, answer=pa.StatementV1, conflicts=True),
    _pb("POST", "/{statement_id}/submission", "submit_statement",
        "Submit a draft for legal review", "draft_statement", answer=pa.StatementV1,
        conflicts=True),
    _pb("POST", "/{statement_id}/legal-review", "review_statement", "Legal affairs approves "
        "the text, or returns it to draft with a reason", "review_statement",
        body=pc.StatementDecisionV1, answer=pa.StatementV1, conflicts=True),
    _pb("POST", "/{statement_id}/committee-approval", "approve_statement", "The committee "
        "approves a legally reviewed statement, or returns it with a reason",
        "approve_statement", body=pc.StatementDecisionV1, answer=pa.StatementV1, conflicts=True),
    _pb("POST", "/{statement_id}/publication", "publish_statement", "Publish an approved "
        "statement with a scope (internal, unit, public); 409 naming the state otherwise",
        "publish_statement", body=pc.PublishStatementV1, answer=pa.StatementV1,
        conflicts=True),
    _pb("POST", "/{statement_id}/correction", "correct_statement", "Open a correction: a new "
        "draft version from the published text; the old version stays on record",
        "draft_statement", answer=pa.StatementV1, status=201, conflicts=True),
    Op("GET", "/api/public/statements", "list_public_statements", "Published public "
       "statements (no login)", access=PUBLIC, rpc=("publicity", "list_public_statements"),
       handler=anonymous,
       query=pc.PublicListQueryV1, answer=pa.PublicStatementListV1),
    Op("GET", "/api/public/statements/{statement_id}", "get_public_statement",
       "One published public statement (no login)", access=PUBLIC,
       rpc=("publicity", "get_public_statement"), answer=pa.PublicStatementV1,
       handler=anonymous),
)
