"""Portal pages of the publicity office (publicity service) and the public page (no login):
rows of the page table (pages/table.py). Each POST row's access is the policy action of the
operation it performs."""
from gateway.operation import PUBLIC
from gateway.pages import public_pages as public, publicity_pages as pub
from gateway.pages.page import Page


def _pb(action):
    return ("publicity", action)


_ONE = "/publicity/statements/{statement_id}"

PAGES = (
    Page("GET", "/publicity", "publicity_page", "对外发布", pub.queue_page,
         access=_pb("read_statements"), nav="对外发布"),
    Page("GET", "/publicity/statements/new", "statement_form", "起草对外发布", pub.new_form,
         access=_pb("draft_statement")),
    Page("POST", "/publicity/statements", "statement_draft_submit", "起草对外发布",
         pub.new_submit, access=_pb("draft_statement")),
    Page("GET", _ONE, "statement_page", "对外发布详情", pub.statement_page,
         access=_pb("read_statements")),
    Page("POST", _ONE + "/edit", "statement_edit_submit", "修改草稿", pub.edit_submit,
         access=_pb("draft_statement")),
    Page("POST", _ONE + "/submission", "statement_submission_submit", "提交法制审核",
         pub.submission_submit, access=_pb("draft_statement")),
    Page("POST", _ONE + "/legal-review", "statement_review_submit", "法制审核",
         pub.review_submit, access=_pb("review_statement")),
    Page("POST", _ONE + "/committee-approval", "statement_approval_submit", "维权委审批",
         pub.approval_submit, access=_pb("approve_statement")),
    Page("POST", _ONE + "/publication", "statement_publication_submit", "发布",
         pub.publication_submit, access=_pb("publish_statement")),
    Page("POST", _ONE + "/correction", "statement_correction_submit", "更正",
         pub.correction_submit, access=_pb("draft_statement")),
    Page("GET", "/public", "public_page", "公开发布", public.list_page, access=PUBLIC),
    Page("GET", "/public/{statement_id}", "public_statement_page", "公开发布",
         public.statement_page, access=PUBLIC),
)
