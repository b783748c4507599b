"""The logistics pages on the frame's fake gateway: which forms a payment's page shows by the
user's role and the payment's state, the request form's fund choices by role, a refused form
shown again with the API's message at its field, and what the forms post."""
import pytest
from sqlalchemy import insert

from weiquan.kit.errors import AppError

from gateway.models import users
from gateway.passwords import hash_password
from tests.unit.helpers_office_pages import OfficeGateway, case, signed_in
from tests.unit.test_gateway_page_frame import T0, hidden

pytestmark = pytest.mark.unit
PID = "9b1c2d3e-0000-4000-8000-000000000001"


def payment(state, disbursement=None, **over):
    return {"payment_id": PID, "case_no": "GX-WQ-2026-000001", "fund": "consolation",
            "year": 2026, "amount_fen": 200050, "amount": "2000.50", "payee": "张伟",
            "purpose": "抚慰", "origin": "request", "claimant": None, "damage": None,
            "evidence_ids": [], "claim_id": None, "state": state,
            "awaiting_role": "committee_director" if state == "reviewed" else None,
            "requested_by": "political_work", "requested_at": "2026-11-30T09:00:00+08:00",
            "reviewed_by": None, "reviewed_at": None, "decided_by": None, "decided_at": None,
            "approval_id": None, "refusal_reason": None, "refused_stage": None,
            "disbursement": disbursement, **over}


class LogisticsGateway(OfficeGateway):
    def __init__(self, found):
        super().__init__(case("accepted"))
        with self.factory() as s, s.begin():
            s.execute(insert(users).values(
                username="logistics", password_hash=hash_password("demo"), roles="logistics",
                name="logistics", police_id=None, active=True, created_at=T0))
        self.answers["get_payment"] = lambda pid, principal: found


ORDER = {"disbursement_id": "d1", "approval_id": "a1", "state": "scheduled",
         "scheduled_at": "2026-11-30T10:00:00+08:00", "voucher_no": None, "paid_at": None,
         "recorded_by": None}


@pytest.mark.parametrize("username, state, order, shown", [
    ("logistics", "requested", None, {"/review"}),
    ("committee_director", "requested", None, set()),
    ("committee_director", "reviewed", None, {"/approval"}),
    ("committee_member", "reviewed", None, {"/approval"}),
    ("logistics", "reviewed", None, set()),
    ("logistics", "approved", ORDER, {"/disbursement"}),
    ("logistics", "approved", None, set()),          # the order is not scheduled yet
    ("committee_director", "approved", ORDER, set()),
    ("logistics", "disbursed", {**ORDER, "state": "disbursed"}, set()),
])
def test_forms_by_role_and_state(username, state, order, shown):
    gw = LogisticsGateway(payment(state, order))
    page = signed_in(gw, username).go("GET", f"/payments/{PID}")
    assert page.status_code == 200
    actions = {a for a in ("/review", "/approval", "/disbursement")
               if f'action="/payments/{PID}{a}"' in page.text}
    assert actions == shown
    assert "2000.50 元" in page.text


def test_the_political_work_office_requests_consolation_only():
    gw = LogisticsGateway(payment("requested"))
    form = signed_in(gw, "political_work").go("GET", "/payments/new?case_no=GX-WQ-2026-000001")
    assert 'value="GX-WQ-2026-000001"' in form.text
    assert 'value="consolation"' in form.text and 'value="compensation"' not in form.text
    form = signed_in(gw, "logistics").go("GET", "/payments/new")
    assert 'value="compensation"' in form.text and 'value="counsel_fee"' in form.text


def test_a_refused_review_is_shown_at_its_field():
    gw = LogisticsGateway(payment("requested"))
    gw.answers["review_payment"] = AppError(
        "validation_failed", "请求数据校验失败", "Request validation failed",
        fields={"reason": "不同意须说明理由 / A refusal must give a reason."}, status=422)
    browser = signed_in(gw, "logistics")
    page = browser.go("GET", f"/payments/{PID}")
    r = browser.go("POST", f"/payments/{PID}/review", {"csrf": hidden(page.text),
                                                        "accept": "no", "reason": ""})
    assert r.status_code == 422
    assert 'id="f-reason-error"' in r.text and "不同意须说明理由" in r.text


def test_the_approval_form_posts_the_decision():
    gw = LogisticsGateway(payment("reviewed"))
    posted = []
    gw.answers["approve_payment"] = lambda pid, body, principal: posted.append(body) or \
        payment("approved")
    browser = signed_in(gw, "committee_director")
    page = browser.go("GET", f"/payments/{PID}")
    r = browser.go("POST", f"/payments/{PID}/approval", {"csrf": hidden(page.text),
                                                          "approve": "yes"})
    assert r.status_code == 303 and r.headers["Location"] == f"/payments/{PID}?done=approved"
    assert posted == [{"approve": True, "reason": ""}]
