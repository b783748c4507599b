"""The logistics pages on the frame's fake gateway: which forms a payment's page shows by the
user's role and the payment's state, the request form's fund choices by role, a refused form
shown again with the API's message at its field, and what the forms post; the case page's
links to the payment and compensation forms by role, and the compensation claim form."""
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


# ---- the case page's links and the compensation claim form (Art. 4, 27) --------------------
CASE_NO = "GX-WQ-2026-000001"


@pytest.mark.parametrize("username, status, pay, compensate", [
    ("logistics", "accepted", True, True),
    ("committee_office", "accepted", True, True),
    ("political_work", "accepted", True, False),
    ("committee_director", "accepted", False, False),
    ("officer", "accepted", False, False),
    ("logistics", "closed", False, False),     # the service refuses a payment on it (409)
])
def test_the_case_page_links_the_payment_forms_by_role(username, status, pay, compensate):
    gw = LogisticsGateway(payment("requested"))
    gw.case = case(status)
    page = signed_in(gw, username).go("GET", f"/cases/{CASE_NO}")
    assert page.status_code == 200
    assert (f'href="/payments/new?case_no={CASE_NO}"' in page.text) is pay
    assert ("申请支付" in page.text) is pay
    assert (f'href="/compensation-claims/new?case_no={CASE_NO}"' in page.text) is compensate
    assert ("第三方损失补偿</a>" in page.text) is compensate


CLAIM = {"case_no": CASE_NO, "claimant.type": "company", "claimant.name": "城关镇某超市",
         "claimant.contact": "0797-1234567", "damage": "处置警情时破门进入，损坏卷帘门一扇",
         "evidence_ids": "e-1, e-2\ne-3", "amount": "3200.50"}


def claim_browser(username="logistics"):
    gw = LogisticsGateway(payment("requested"))
    browser = signed_in(gw, username)
    form = browser.go("GET", f"/compensation-claims/new?case_no={CASE_NO}")
    return gw, browser, form


def test_the_claim_form_is_filled_in_with_the_case_and_posts_the_contracts_body():
    gw, browser, form = claim_browser()
    assert form.status_code == 200 and f'value="{CASE_NO}"' in form.text
    assert 'name="claimant.type"' in form.text and 'value="company"' in form.text
    posted = []
    gw.answers["file_compensation_claim"] = lambda body, principal, key: posted.append(
        (body, key)) or payment("requested", fund="compensation")
    r = browser.go("POST", "/compensation-claims", {"csrf": hidden(form.text),
                                                    "idem": hidden(form.text, "idem"), **CLAIM})
    assert r.status_code == 303 and r.headers["Location"] == f"/payments/{PID}?done=requested"
    [(body, key)] = posted
    assert body == {"case_no": CASE_NO, "amount": "3200.50",
                    "damage": "处置警情时破门进入，损坏卷帘门一扇",
                    "claimant": {"type": "company", "name": "城关镇某超市",
                                 "contact": "0797-1234567"},
                    "evidence_ids": ["e-1", "e-2", "e-3"]}
    assert key == f"logistics:{hidden(form.text, 'idem')}"


@pytest.mark.parametrize("amount, problem", [("12.345", "最多两位小数"), ("0", "大于零"),
                                             ("-5", "大于零"), ("", "")])
def test_a_bad_amount_is_refused_at_its_field_and_nothing_is_filed(amount, problem):
    gw, browser, form = claim_browser("committee_office")
    r = browser.go("POST", "/compensation-claims", {"csrf": hidden(form.text),
                                                    "idem": hidden(form.text, "idem"),
                                                    **CLAIM, "amount": amount})
    assert r.status_code == 422
    assert 'id="f-amount-error"' in r.text and problem in r.text
    assert 'href="#f-amount"' in r.text and "城关镇某超市" in r.text  # kept for mending
    assert not [c for c in gw.calls if c[1] == "file_compensation_claim"]


def test_a_missing_claimant_name_is_said_at_its_field():
    gw, browser, form = claim_browser()
    r = browser.go("POST", "/compensation-claims", {"csrf": hidden(form.text),
                                                    **CLAIM, "claimant.name": " "})
    assert r.status_code == 422 and 'id="f-claimant-name-error"' in r.text


def test_a_closed_case_is_said_at_the_case_field():
    gw, browser, form = claim_browser()
    gw.answers["file_compensation_claim"] = AppError(
        "case_not_payable", "该案件已结案或不予受理，不能申请支付",
        "The case is closed or rejected; no payment can be claimed on it", status=409)
    r = browser.go("POST", "/compensation-claims", {"csrf": hidden(form.text), **CLAIM})
    assert r.status_code == 409
    assert 'id="f-case_no-error"' in r.text and "不能申请支付" in r.text


def test_the_political_work_office_files_no_compensation_claim():
    gw = LogisticsGateway(payment("requested"))
    assert signed_in(gw, "political_work").go("GET", "/compensation-claims/new") \
        .status_code == 403
