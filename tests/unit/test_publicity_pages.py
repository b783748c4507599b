"""The publicity pages on the frame's fake gateway: which forms a statement's page shows by
the user's role and the statement's state, the redaction findings shown to the reviewers, the
safety-warning form prefilled from a ledger pattern, and the public page asked without a login."""
import pytest
from sqlalchemy import insert

from gateway.models import users
from gateway.passwords import hash_password
from tests.unit.helpers_office_pages import OfficeGateway, case, signed_in
from tests.unit.test_gateway_page_frame import T0, Browser

pytestmark = pytest.mark.unit
SID = "5a1c2d3e-0000-4000-8000-000000000001"
FORMS = ("/edit", "/submission", "/legal-review", "/committee-approval", "/publication",
         "/correction")


def statement(state, **over):
    return {"statement_id": SID, "series_id": SID, "version": 1, "kind": "typical_case",
            "case_no": "GX-WQ-2026-000001", "title": "典型案例", "body": "民警张某被辱骂。",
            "state": state, "scope": "public" if state == "published" else None,
            "origin": "manual", "created_by": "publicity",
            "created_at": "2026-11-30T09:00:00+08:00",
            "findings": [{"field": "body", "kind": "name", "original": "张伟",
                          "replacement": "张某", "reason_zh": "民警姓名", "reason_en": "name"}],
            "history": [{"statement_id": SID, "version": 1, "state": state}], **over}


class PublicityGateway(OfficeGateway):
    def __init__(self, found):
        super().__init__(case("accepted"))
        with self.factory() as s, s.begin():
            for role in ("publicity", "legal_affairs"):
                s.execute(insert(users).values(
                    username=role, password_hash=hash_password("demo"), roles=role,
                    name=role, police_id=None, active=True, created_at=T0))
        self.answers["get_statement"] = lambda sid, principal: found


@pytest.mark.parametrize("username, state, shown", [
    ("publicity", "draft", {"/edit", "/submission"}),
    ("legal_affairs", "draft", set()),
    ("legal_affairs", "submitted", {"/legal-review"}),
    ("committee_director", "submitted", set()),
    ("committee_director", "legal_reviewed", {"/committee-approval"}),
    ("committee_member", "legal_reviewed", {"/committee-approval"}),
    ("publicity", "legal_reviewed", set()),
    ("publicity", "committee_approved", {"/publication"}),
    ("publicity", "published", {"/correction"}),
    ("committee_director", "published", set()),
])
def test_forms_by_role_and_state(username, state, shown):
    page = signed_in(PublicityGateway(statement(state)), username).go(
        "GET", f"/publicity/statements/{SID}")
    assert page.status_code == 200
    assert {f for f in FORMS if f'action="/publicity/statements/{SID}{f}"' in page.text} == shown
    assert "张伟" in page.text and "民警姓名" in page.text      # what was redacted and why


def test_the_warning_form_is_prefilled_from_a_pattern():
    gw = PublicityGateway(statement("draft"))
    page = signed_in(gw, "publicity").go(
        "GET", "/publicity/statements/new?kind=safety_warning&category=vehicle"
               "&place=%E7%BA%A2%E6%97%97%E5%A4%A7%E9%81%93&hour=7")
    assert page.status_code == 200
    assert '<option value="safety_warning" selected>' in page.text
    assert "红旗大道一带7时至8时" in page.text and "驾车冲撞" in page.text


def test_the_public_page_needs_no_login():
    gw = PublicityGateway(statement("published"))
    gw.answers["list_public_statements"] = lambda query, principal: {
        "items": [{"statement_id": SID, "version": 1, "kind": "typical_case",
                   "title": "公开的典型案例", "body": "正文",
                   "published_at": "2026-11-30T10:00:00+08:00"}],
        "page": 1, "page_size": 50, "total": 1}
    page = Browser(gw).go("GET", "/public")
    assert page.status_code == 200 and "公开的典型案例" in page.text
    [(_, _, (_, principal))] = [c for c in gw.calls if c[1] == "list_public_statements"]
    assert principal is None
