"""The logistics office through the gateway with real services (Art. 4, 25-27): the payment
path from request to disbursement, and bad input, each a clear 4xx naming the field or the
reason, with nothing written: zero, negative and over-precise amounts, an unknown fund, an
approver without authority or above the fund's threshold, disbursing an unapproved request,
claims on closed, rejected or unknown cases, and a fund that cannot cover an approval."""
from datetime import datetime

import pytest

from weiquan.config import TZ

from tests.support.answers import assert_error, ok
from tests.support.bodies import application
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e
YEAR = datetime.now(TZ).year


def call(system, method, path, user, body=None):
    return system.call(method, path, user, json=body) if body is not None else \
        system.call(method, path, user)


def set_fund(system, fund, budget, director_limit="5000", committee_limit=None):
    body = {"fund": fund, "year": YEAR, "budget": budget, "director_limit": director_limit}
    if committee_limit:
        body["committee_limit"] = committee_limit
    return ok(call(system, "PUT", "/api/funds", "logistics", body))


def fund_of(system, fund):
    [f] = ok(call(system, "GET", f"/api/funds?fund={fund}&year={YEAR}", "logistics"))["items"]
    return f


def new_case(system, accept=True):
    case_no = ok(system.call("POST", "/api/applications", "officer", json=application()),
                 201)["case_no"]
    body = {"accept": True} if accept else {"accept": False, "reason": "不属于维权范围"}
    ok(system.call("POST", f"/api/cases/{case_no}/decision", "committee_office", json=body))
    return case_no


def closed_case(system):
    """Accepted, concluded, re-examined and upheld: closed (as in test_lifecycle)."""
    case_no = new_case(system)
    post = lambda tail, user, body: ok(system.call(  # noqa: E731
        "POST", f"/api/cases/{case_no}/{tail}", user, json=body))
    post("conclusion", "committee_office", {"findings": "经调查，侵权事实成立。",
                                            "outcome": "established"})
    post("reexamination", "officer", {"reason": "对办理结论不服"})
    case = post("reexamination/outcome", "committee_office", {
        "reference": "赣市公维复〔2026〕9号", "outcome": "upheld",
        "decided_at": datetime.now(TZ).date().isoformat()})  # the Shanghai day
    assert case["status"] == "closed"
    return case_no


def request(system, case_no, amount="800.00", fund="consolation", user="logistics"):
    return call(system, "POST", "/api/payments", user, {
        "case_no": case_no, "fund": fund, "amount": amount, "payee": "张伟",
        "purpose": "民警执法受伤，发放维权抚慰金"})


def payments_on(system, case_no):
    return ok(call(system, "GET", f"/api/payments?case_no={case_no}&page_size=100",
                   "logistics"))["total"]


def reviewed(system, case_no, amount="800.00", fund="consolation"):
    p = ok(request(system, case_no, amount, fund), 201)
    return ok(call(system, "POST", f"/api/payments/{p['payment_id']}/review", "logistics",
                   {"accept": True}))


@pytest.fixture(scope="module")
def case_no(system):
    set_fund(system, "consolation", "1000000", director_limit="5000")
    return new_case(system)


def test_request_review_approve_disburse(system, case_no):
    before = fund_of(system, "consolation")
    p = ok(request(system, case_no, "1234.56", user="political_work"), 201)
    assert (p["state"], p["amount_fen"], p["amount"]) == ("requested", 123456, "1234.56")
    pid = p["payment_id"]
    p = ok(call(system, "POST", f"/api/payments/{pid}/review", "logistics", {"accept": True}))
    assert p["state"] == "reviewed" and p["awaiting_role"] == "committee_director"
    inbox = ok(call(system, "GET", "/api/payments?awaiting_role=committee_director&"
                                   "page_size=100", "committee_director"))
    assert pid in [i["payment_id"] for i in inbox["items"]]
    p = ok(call(system, "POST", f"/api/payments/{pid}/approval", "committee_director",
                {"approve": True}))
    assert p["state"] == "approved" and p["approval_id"]
    after = fund_of(system, "consolation")
    assert after["balance_fen"] == before["balance_fen"] - 123456

    wait_until(lambda: ok(call(system, "GET", f"/api/payments/{pid}", "logistics"))
               ["disbursement"], timeout=10)
    p = ok(call(system, "POST", f"/api/payments/{pid}/disbursement", "logistics",
                {"voucher_no": "PZ-2026-0001"}))
    assert p["state"] == "disbursed" and p["disbursement"]["state"] == "disbursed"
    err = assert_error(call(system, "POST", f"/api/payments/{pid}/disbursement", "logistics",
                            {"voucher_no": "PZ-2026-0002"}), 409, "payment_not_in_state")
    assert "disbursed" in err["message"]
    st = ok(call(system, "GET", f"/api/funds/consolation/{YEAR}/statement", "committee_member"))
    assert st["reconciled"] is True
    assert st["balance_fen"] == after["balance_fen"]
    assert st["opening_budget_fen"] - st["approvals"]["sum_fen"] == st["balance_fen"]


@pytest.mark.parametrize("amount", ["0", "-1", "0.001", 1.005, "1e3", "12,30", True,
                                    "99999999999999"])
def test_bad_amounts_are_refused_naming_the_field(system, case_no, amount):
    before = payments_on(system, case_no)
    assert_error(request(system, case_no, amount), 422, "validation_failed", "amount")
    assert payments_on(system, case_no) == before


def test_unknown_fund_and_a_fund_without_budget(system, case_no):
    before = payments_on(system, case_no)
    assert_error(request(system, case_no, fund="gold"), 422, "validation_failed", "fund")
    assert_error(call(system, "PUT", "/api/funds", "logistics", {
        "fund": "gold", "year": YEAR, "budget": "1", "director_limit": "1"}), 422,
        "validation_failed", "fund")
    assert_error(call(system, "GET", f"/api/funds/gold/{YEAR}/statement", "logistics"), 404)
    assert payments_on(system, case_no) == before


def test_approval_needs_authority_and_stays_within_the_threshold(system, case_no):
    p = reviewed(system, case_no, "6000.00")          # above the director's 5000
    pid = p["payment_id"]
    assert p["awaiting_role"] == "committee_member"
    balance = fund_of(system, "consolation")["balance_fen"]
    for user in ("logistics", "committee_office", "political_work"):
        assert_error(call(system, "POST", f"/api/payments/{pid}/approval", user,
                          {"approve": True}), 403, "forbidden")
    err = assert_error(call(system, "POST", f"/api/payments/{pid}/approval",
                            "committee_director", {"approve": True}), 403, "forbidden")
    assert "5000.00" in err["message"] and err["limit_fen"] == 500000
    assert ok(call(system, "GET", f"/api/payments/{pid}", "logistics"))["state"] == "reviewed"
    assert fund_of(system, "consolation")["balance_fen"] == balance
    p = ok(call(system, "POST", f"/api/payments/{pid}/approval", "committee_member",
                {"approve": True}))
    assert p["state"] == "approved"


def test_refusal_needs_a_reason(system, case_no):
    pid = reviewed(system, case_no)["payment_id"]
    assert_error(call(system, "POST", f"/api/payments/{pid}/approval", "committee_director",
                      {"approve": False}), 422, "validation_failed", "reason")
    p = ok(call(system, "POST", f"/api/payments/{pid}/approval", "committee_director",
                {"approve": False, "reason": "不符合发放条件"}))
    assert p["state"] == "refused" and p["refusal_reason"] == "不符合发放条件"


def test_disbursing_an_unapproved_request_is_refused(system, case_no):
    pid = ok(request(system, case_no), 201)["payment_id"]
    err = assert_error(call(system, "POST", f"/api/payments/{pid}/disbursement", "logistics",
                            {"voucher_no": "PZ-X"}), 409, "payment_not_in_state")
    assert "requested" in err["message"]
    p = ok(call(system, "GET", f"/api/payments/{pid}", "logistics"))
    assert p["state"] == "requested" and p["disbursement"] is None


def test_claims_on_closed_rejected_or_unknown_cases(system):
    closed = closed_case(system)
    err = assert_error(request(system, closed), 409, "case_not_payable")
    assert closed in err["message"] and "closed" in err["message"]
    assert payments_on(system, closed) == 0
    rejected = new_case(system, accept=False)
    assert_error(request(system, rejected), 409, "case_not_payable")
    assert_error(call(system, "POST", "/api/compensation-claims", "logistics", {
        "case_no": rejected, "claimant": {"type": "company", "name": "赣县某物流公司",
                                          "contact": "0797-0000000"},
        "damage": "执法车辆依法破拆车门", "amount": "3000"}), 409, "case_not_payable")
    assert payments_on(system, rejected) == 0
    assert_error(request(system, "WQ-2099-999999"), 422, "validation_failed", "case_no")


def test_compensation_claim_and_an_exhausted_fund(system, case_no):
    set_fund(system, "compensation", "1000.00", director_limit="2000")
    claim = ok(call(system, "POST", "/api/compensation-claims", "committee_office", {
        "case_no": case_no, "claimant": {"type": "person", "name": "刘某",
                                         "contact": "13800000000"},
        "damage": "依法制止暴力袭警时损坏其电动车", "evidence_ids": ["ev-1"],
        "amount": "800.00"}), 201)
    assert claim["fund"] == "compensation" and claim["claimant"]["name"] == "刘某"
    assert claim["origin"] == "compensation_claim" and claim["evidence_ids"] == ["ev-1"]
    for pid in (claim["payment_id"],):
        ok(call(system, "POST", f"/api/payments/{pid}/review", "logistics", {"accept": True}))
        ok(call(system, "POST", f"/api/payments/{pid}/approval", "committee_director",
                {"approve": True}))
    second = reviewed(system, case_no, "200.01", "compensation")
    err = assert_error(call(system, "POST", f"/api/payments/{second['payment_id']}/approval",
                            "committee_director", {"approve": True}), 409, "fund_exhausted")
    assert err["balance_fen"] == 20000 and "200.00" in err["message"]
    assert fund_of(system, "compensation")["balance_fen"] == 20000
    assert ok(call(system, "GET", f"/api/payments/{second['payment_id']}", "logistics"))[
        "state"] == "reviewed"
    # the political-work office sees consolation payments only
    assert_error(call(system, "GET", f"/api/payments/{claim['payment_id']}",
                      "political_work"), 403)
