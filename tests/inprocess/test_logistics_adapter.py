"""The logistics office's nameko adapter in a real container (migrated SQLite, the session's
broker): the RPC answers the gateway reads, the approval event consumed by the service itself
into exactly one disbursement order, a counsel-fee claim from legal affairs becoming one
payment request per claim id, work items announced without amounts, and intake's answer
about the case (a stub proxy) deciding whether a payment may be claimed."""
import uuid

import pytest
from nameko.standalone.events import event_dispatcher
from nameko.testing.services import entrypoint_hook, replace_dependencies

from weiquan.contracts.events import REGISTRY, build_event

from logistics.models import disbursements
from logistics.service import LogisticsService
from tests.inprocess.service_hook import ServiceHook
from tests.support.waiting import wait_until

pytestmark = pytest.mark.inprocess
LG = {"username": "lg1", "roles": ["logistics"]}
DIRECTOR = {"username": "director", "roles": ["committee_director"]}
LEGAL = {"username": "legal1", "roles": ["legal_affairs"]}
CASES = {"GX-WQ-2026-000001": "accepted", "GX-WQ-2026-000002": "closed"}


class _Answer:
    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


class _GetCase:
    method_name = "get_case"

    def call_async(self, case_no, principal):
        assert principal["roles"] == ["committee_member"]   # the read-only service identity
        if case_no not in CASES:
            return _Answer({"error": {"code": "not_found", "message": "案件不存在 / Case not "
                                      "found", "fields": {}}, "status": 404})
        return _Answer({"ok": {"case_no": case_no, "status": CASES[case_no]}})


class FakeIntake:
    get_case = _GetCase()


@pytest.fixture
def lg(service_env, container_factory, clock):
    container = container_factory(LogisticsService, service_env)
    replace_dependencies(container, clock=clock, intake=FakeIntake())
    container.start()
    return Service(container, service_env)


class Service(ServiceHook):
    def orders(self):
        return self.count(disbursements)


def budget(lg, fund="consolation", amount="10000"):
    return lg.ok("set_budget", {"fund": fund, "year": 2026, "budget": amount,
                                "director_limit": "5000"}, LG)


def request(case_no="GX-WQ-2026-000001", amount="800"):
    return {"case_no": case_no, "fund": "consolation", "amount": amount, "payee": "张伟",
            "purpose": "执法受伤抚慰"}


def test_request_to_disbursement_over_the_broker(lg):
    budget(lg)
    p = lg.ok("request_payment", request(), LG, "lg1:key-1")
    assert lg.ok("request_payment", request(), LG, "lg1:key-1")["payment_id"] == \
        p["payment_id"]                                         # the retry finds the first
    pid = p["payment_id"]
    lg.ok("review_payment", pid, {"accept": True}, LG)
    approved = lg.ok("approve_payment", pid, {"approve": True}, DIRECTOR)
    # the relay publishes payment_approved; the service's own consumer schedules the order
    wait_until(lambda: lg.ok("get_payment", pid, LG)["disbursement"], 10,
               what="the disbursement order")
    order = lg.ok("get_payment", pid, LG)["disbursement"]
    assert order["state"] == "scheduled" and order["approval_id"] == approved["approval_id"]

    [body] = lg.events("payment_approved")
    with entrypoint_hook(lg.container, "on_payment_approved") as handle:
        handle(body)                                             # redelivered
        handle({**body, "event_id": str(uuid.uuid4())})          # re-sent under a new id
    assert lg.orders() == 1

    paid = lg.ok("disburse", pid, {"voucher_no": "PZ-1"}, LG)
    assert paid["state"] == "disbursed"
    kinds = [b["event_type"] for b in lg.events()]
    assert kinds == ["payment_requested", "work_opened", "work_updated", "payment_approved",
                     "work_updated", "payment_disbursed", "work_closed"]
    for b in lg.events():
        assert REGISTRY["logistics"][b["event_type"]]().validate(b) == {}
    work = [b for b in lg.events() if b["event_type"].startswith("work_")]
    assert [w["summary"] for w in work] == ["抚慰金支付申请：待审核", "抚慰金支付申请：待审批",
                                            "抚慰金支付申请：已批准", "抚慰金支付申请：已支付"]
    assert work[-1]["state"] == "done" and work[0]["kind"] == "consolation_payment"
    assert all("800" not in w["summary"] for w in work)


def test_case_checks_come_from_intake(lg):
    budget(lg)
    err = lg.error("request_payment", request("GX-WQ-2026-000002"), LG, status=409)
    assert err["code"] == "case_not_payable"
    err = lg.error("request_payment", request("GX-WQ-2026-999999"), LG, status=422)
    assert set(err["fields"]) == {"case_no"}
    assert lg.events() == []           # nothing written


def test_direct_rpc_rechecks_the_policy(lg):
    budget(lg)
    pid = lg.ok("request_payment", request(), LG)["payment_id"]
    lg.ok("review_payment", pid, {"accept": True}, LG)
    assert lg.error("approve_payment", pid, {"approve": True}, LG, status=403)
    assert lg.error("request_payment", {**request(), "fund": "compensation"},
                    {"username": "pw", "roles": ["political_work"]}, status=403)
    assert lg.error("set_budget", {"fund": "consolation", "year": 2026, "budget": "1",
                                   "director_limit": "1"}, DIRECTOR, status=403)


def test_a_counsel_fee_claim_becomes_one_payment_request(lg, clock):
    budget(lg, "counsel_fee")
    event = build_event("legal_aid", "counsel_fee_claimed", "GX-WQ-2026-000001", LEGAL, {
        "claim_id": "claim-1", "counsel_name": "陈律师", "firm": "赣州某律师事务所",
        "amount_fen": 300000, "period": "2026年11月"}, clock.now())
    event_dispatcher(lg.config)("legal_aid", "counsel_fee_claimed", event)   # over the broker
    wait_until(lambda: lg.ok("list_payments", {"fund": "counsel_fee"}, LG)["total"], 10,
               what="the counsel-fee request")
    with entrypoint_hook(lg.container, "on_counsel_fee_claimed") as handle:
        handle(event)                                            # redelivered
        handle({**event, "event_id": str(uuid.uuid4())})         # re-sent
    listed = lg.ok("list_payments", {"fund": "counsel_fee"}, LG)
    assert listed["total"] == 1
    [p] = listed["items"]
    assert (p["amount_fen"], p["origin"], p["claim_id"], p["state"]) == (
        300000, "counsel_fee_claim", "claim-1", "requested")
    assert "陈律师" in p["payee"]
    [opened] = lg.events("work_opened")
    assert opened["kind"] == "counsel_fee_payment"
