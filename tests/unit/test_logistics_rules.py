"""The payment path's pure rules: thresholds per fund and role, the state machine, and work
item summaries that never carry an amount."""
from datetime import datetime

import pytest

from weiquan.config import TZ
from weiquan.errors import Conflict, NotAllowed

from logistics.domain import rules
from logistics.domain.model import Disbursement, Fund

pytestmark = pytest.mark.unit
NOW = datetime(2026, 11, 30, 10, tzinfo=TZ)
LG = {"username": "lg", "roles": ["logistics"]}
DIRECTOR = {"username": "d", "roles": ["committee_director"]}
MEMBER = {"username": "m", "roles": ["committee_member"]}


def fund(director=500000, committee=None, budget=10_000_000, committed=0):
    return Fund("consolation", 2026, budget, committed, director, committee)


def payment(amount=100000, state="requested", fund_kind="consolation"):
    p = rules.new_payment("p1", {"case_no": "WQ-2026-000001", "fund": fund_kind,
                                 "amount": amount, "payee": "张伟", "purpose": "抚慰"},
                          2026, LG, NOW)
    p.state = state
    return p


@pytest.mark.parametrize("amount, role", [(1, "committee_director"),
                                          (500000, "committee_director"),
                                          (500001, "committee_member")])
def test_who_must_approve(amount, role):
    assert rules.awaiting_role(fund(), amount) == role


def test_the_director_approves_up_to_the_limit_inclusive():
    rules.check_authority(fund(), ["committee_director"], 500000)
    with pytest.raises(NotAllowed) as exc:
        rules.check_authority(fund(), ["committee_director"], 500001)
    assert exc.value.reason == "above_threshold"
    assert exc.value.details["limit"] == "5000.00" and exc.value.details["limit_fen"] == 500000
    assert exc.value.details["amount"] == "5000.01"


def test_the_committee_approves_above_up_to_its_own_limit():
    rules.check_authority(fund(), ["committee_member"], 10**9)          # no limit set
    rules.check_authority(fund(committee=800000), ["committee_member"], 800000)
    with pytest.raises(NotAllowed) as exc:
        rules.check_authority(fund(committee=800000), ["committee_member"], 800001)
    assert exc.value.details["limit"] == "8000.00"


@pytest.mark.parametrize("roles", [["logistics"], ["committee_office"], ["political_work"], []])
def test_roles_without_authority(roles):
    with pytest.raises(NotAllowed) as exc:
        rules.check_authority(fund(), roles, 1)
    assert exc.value.reason == "only_approvers"


def test_happy_path_and_work_summaries():
    p = payment()
    assert rules.summary(p) == "抚慰金支付申请：待审核" and rules.work_state(p) == "open"
    rules.review(p, True, "", LG, NOW)
    assert p.state == "reviewed" and p.reviewed_by == "lg"
    rules.decide(p, fund(), True, "", DIRECTOR, NOW, "a1")
    assert (p.state, p.approval_id, p.decided_by) == ("approved", "a1", "d")
    assert rules.summary(p) == "抚慰金支付申请：已批准"
    d = Disbursement("d1", "p1", "a1", "consolation", 2026, p.amount_fen, "scheduled", NOW)
    rules.disburse(p, d, "V1", NOW, LG)
    assert (p.state, d.state, d.voucher_no) == ("disbursed", "disbursed", "V1")
    assert rules.work_state(p) == "done"
    assert "1000" not in rules.summary(p)


def test_refusals_close_the_item_as_cancelled():
    p = payment()
    rules.review(p, False, "材料不全", LG, NOW)
    assert (p.state, p.refused_stage, p.refusal_reason) == ("refused", "review", "材料不全")
    assert rules.work_state(p) == "cancelled"
    q = payment(state="reviewed")
    rules.decide(q, fund(), False, "不符合条件", MEMBER, NOW, "a2")
    assert (q.state, q.refused_stage, q.approval_id) == ("refused", "approval", None)


@pytest.mark.parametrize("state", ["requested", "refused", "approved", "disbursed"])
def test_only_a_reviewed_request_is_decided(state):
    with pytest.raises(Conflict) as exc:
        rules.decide(payment(state=state), fund(), True, "", DIRECTOR, NOW, "a")
    assert exc.value.code == "payment_not_in_state"


@pytest.mark.parametrize("state", ["requested", "reviewed", "refused", "disbursed"])
def test_only_an_approved_request_is_disbursed(state):
    d = Disbursement("d1", "p1", "a1", "consolation", 2026, 1, "scheduled", NOW)
    with pytest.raises(Conflict) as exc:
        rules.disburse(payment(state=state), d, "V", NOW, LG)
    assert exc.value.code == "payment_not_in_state"


def test_an_approval_without_its_order_yet_is_not_disbursed():
    with pytest.raises(Conflict) as exc:
        rules.disburse(payment(state="approved"), None, "V", NOW, LG)
    assert exc.value.code == "not_scheduled"


def test_a_reviewed_request_is_not_reviewed_again():
    with pytest.raises(Conflict):
        rules.review(payment(state="reviewed"), True, "", LG, NOW)


def test_exhausted_names_the_balance():
    exc = rules.exhausted(fund(budget=100000, committed=99999), 2)
    assert exc.code == "fund_exhausted" and exc.details["balance"] == "0.01"
    assert exc.details["balance_fen"] == 1 and exc.details["amount"] == "0.02"
