"""The political-work office through the gateway on the running system: an injured officer's
application opens the green channel by itself (before any decision); the office records the
hospital, treats, closes with an outcome; visits, insurance and training through the API.
Psychological records (Art. 29): every other role is refused, 403 through the gateway AND by
direct RPC to the welfare service (the service enforces it itself), an unknown id included;
the office alone gets a 404 for an unknown id."""
import json
import uuid
from datetime import datetime, timedelta

import pytest
from kombu import Connection, Exchange, Queue
from kombu.pools import producers

from weiquan.config import TZ
from weiquan.contracts.codes import ROLES

from tests.support.answers import assert_error, ok
from tests.support.bodies import application
from tests.support.infra import amqp_uri
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e
PW = "political_work"
OTHERS = [r for r in ROLES if r != PW]


@pytest.fixture(scope="module")
def ready(system):
    system.wait_ready()
    assert wait_until(lambda: system.call("GET", "/api/welfare/work", PW).status_code == 200,
                      60), "welfare did not answer"
    return system


def green_channel_of(system, case_no):
    items = ok(system.call("GET", "/api/welfare/work?kind=green_channel&page_size=100",
                           PW))["items"]
    found = [i for i in items if i["case_no"] == case_no]
    return found[0] if found else None


def injured_case(system, injury=True):
    answer = ok(system.call("POST", "/api/applications", "officer", json=application(
        incident={**application()["incident"], "injury": injury},
        category="violent_attack")), 201)
    return answer["case_no"]


def known_to_welfare(system, case_no):
    assert wait_until(lambda: system.call("GET", f"/api/welfare/cases/{case_no}",
                                          PW).status_code == 200, 10), case_no


class DirectRpc:
    """A nameko RPC call over plain kombu (what any process on the bus could send), without
    the gateway: the request on nameko-rpc, the answer on a reply queue of our own."""

    def __init__(self, uri):
        self.conn = Connection(uri)
        self.reply_to = f"welfare-e2e-{uuid.uuid4().hex}"
        self.exchange = Exchange("nameko-rpc", type="topic", durable=True)
        self.queue = Queue(self.reply_to, exchange=self.exchange, routing_key=self.reply_to,
                           auto_delete=True, exclusive=True)
        self.answers = {}
        self.consumer = self.conn.Consumer([self.queue], callbacks=[self._got], accept=["json"])
        self.consumer.consume()

    def _got(self, body, message):
        self.answers[message.properties.get("correlation_id")] = body
        message.ack()

    def __call__(self, method, *args, timeout=15):
        corr = uuid.uuid4().hex
        with producers[self.conn].acquire(block=True) as producer:
            producer.publish({"args": list(args), "kwargs": {}}, exchange=self.exchange,
                             routing_key=f"welfare.{method}", reply_to=self.reply_to,
                             correlation_id=corr, serializer="json", declare=[self.exchange],
                             headers={"nameko.call_id_stack": [f"e2e.{method}.{corr}"]})
        deadline = datetime.now() + timedelta(seconds=timeout)
        while corr not in self.answers:
            assert datetime.now() < deadline, f"no answer to welfare.{method}"
            try:
                self.conn.drain_events(timeout=1)
            except TimeoutError:
                pass
            except OSError:  # socket.timeout on some kombu versions
                pass
        reply = self.answers.pop(corr)
        assert reply.get("error") is None, reply   # a remote exception: never expected
        return reply["result"]

    def close(self):
        self.consumer.cancel()
        self.conn.release()


@pytest.fixture(scope="module")
def rpc(ready):
    client = DirectRpc(amqp_uri())
    yield client
    client.close()


def test_injury_opens_the_green_channel_and_the_office_closes_it(ready):
    case_no = injured_case(ready)
    assert wait_until(lambda: green_channel_of(ready, case_no), 10), "no green channel"
    item = green_channel_of(ready, case_no)
    assert (item["state"], item["summary"], item["department"]) == (
        "open", "就医绿色通道已开启", "political_work")
    item_id = item["item_id"]
    for role in OTHERS:   # health data: the office's alone, through the gateway too
        assert_error(ready.call("GET", f"/api/welfare/green-channels/{item_id}", role), 403)

    seen = ok(ready.call("POST", f"/api/welfare/green-channels/{item_id}", PW, json={
        "hospital": "赣县区人民医院", "contact": "急诊科 0797-0000000", "state": "in_treatment"}))
    assert (seen["state"], seen["hospital"]) == ("in_treatment", "赣县区人民医院")
    assert_error(ready.call("POST", f"/api/welfare/green-channels/{item_id}/close", PW,
                            json={}), 422, field="outcome")
    closed = ok(ready.call("POST", f"/api/welfare/green-channels/{item_id}/close", PW,
                           json={"outcome": "治疗结束，已出院"}))
    assert closed["state"] == "closed" and closed["closed_at"]
    assert_error(ready.call("POST", f"/api/welfare/green-channels/{item_id}/close", PW,
                            json={"outcome": "again"}), 409, code="green_channel_closed")
    assert green_channel_of(ready, case_no)["state"] == "done"
    mine = ok(ready.call("GET", f"/api/welfare/cases/{case_no}", PW))
    assert mine["green_channel"]["outcome"] == "治疗结束，已出院"


def test_no_injury_no_green_channel(ready):
    case_no = injured_case(ready, injury=False)
    known_to_welfare(ready, case_no)
    assert green_channel_of(ready, case_no) is None
    assert ok(ready.call("GET", f"/api/welfare/cases/{case_no}", PW))["green_channel"] is None


def test_visits_insurance_and_training_through_the_api(ready):
    case_no = injured_case(ready)
    known_to_welfare(ready, case_no)
    now = datetime.now(TZ).isoformat()
    ok(ready.call("POST", f"/api/welfare/cases/{case_no}/visits", PW, json={
        "visitors": "政工室主任", "visited_at": now, "gifts": "慰问品"}), 201)
    late = (datetime.now(TZ) + timedelta(days=2)).isoformat()
    assert_error(ready.call("POST", f"/api/welfare/cases/{case_no}/visits", PW, json={
        "visitors": "x", "visited_at": late}), 422, field="visited_at")
    claim = ok(ready.call("POST", f"/api/welfare/cases/{case_no}/insurance-claims", PW, json={
        "insurer": "人保财险", "policy_no": "GX-2026-01"}), 201)
    ok(ready.call("POST", f"/api/welfare/insurance-claims/{claim['claim_id']}", PW,
                  json={"state": "refused", "note": "不在保障范围"}))
    assert_error(ready.call("POST", f"/api/welfare/insurance-claims/{claim['claim_id']}", PW,
                            json={"state": "paid"}), 409, code="claim_settled")
    seen = ok(ready.call("GET", f"/api/welfare/cases/{case_no}", PW))
    assert len(seen["visits"]) == 1 and seen["insurance_claims"][0]["state"] == "refused"
    assert_error(ready.call("POST", "/api/welfare/cases/GX-WQ-2026-999999/visits", PW, json={
        "visitors": "x", "visited_at": now}), 404)

    t = ok(ready.call("POST", "/api/welfare/trainings", PW, json={
        "title": "依法履职与自我保护", "topic": "法律", "held_at": now, "trainer": "法制大队"}), 201)
    ok(ready.call("POST", f"/api/welfare/trainings/{t['training_id']}/attendance", PW,
                  json={"police_ids": ["360721001", "360721002"]}))
    assert ok(ready.call("GET", f"/api/welfare/trainings/{t['training_id']}",
                         PW))["attendance"] == 2
    assert_error(ready.call("GET", "/api/welfare/trainings", "committee_office"), 403)


def test_psych_records_refused_to_every_other_role_through_gateway_and_direct_rpc(ready, rpc):
    case_no = injured_case(ready)
    known_to_welfare(ready, case_no)
    referral = ok(ready.call("POST", f"/api/welfare/cases/{case_no}/psych-referrals", PW, json={
        "person": {"type": "relative", "name": "王芳芳", "relation": "spouse"},
        "reason": "夜间失眠、恐惧"}), 201)
    rid = referral["referral_id"]
    ok(ready.call("POST", f"/api/welfare/psych-referrals/{rid}/sessions", PW, json={
        "at": datetime.now(TZ).isoformat(), "counsellor": "刘心理师", "notes": "初次疏导"}))
    missing = str(uuid.uuid4())
    session = {"at": datetime.now(TZ).isoformat(), "counsellor": "x", "notes": "x"}
    gateway_calls = [("GET", f"/api/welfare/psych-referrals/{rid}", None),
                     ("GET", f"/api/welfare/psych-referrals/{missing}", None),
                     ("GET", "/api/welfare/psych-referrals", None),
                     ("GET", f"/api/welfare/psych-referrals?case_no={case_no}", None),
                     ("POST", f"/api/welfare/psych-referrals/{rid}/sessions", session),
                     ("POST", f"/api/welfare/psych-referrals/{rid}/close", {}),
                     ("POST", f"/api/welfare/cases/{case_no}/psych-referrals",
                      {"person": {"type": "officer", "name": "张伟"}}),
                     ("GET", f"/api/welfare/cases/{case_no}", None)]
    refused = 0
    for role in OTHERS:
        principal = {"username": role, "roles": [role], "police_id": None, "unit": None,
                     "name": role}
        if role == "officer":   # the officer himself, as the gateway knows him
            principal.update(police_id="360721001", unit="城关派出所", name="张伟")
        for method, path, body in gateway_calls:
            r = ready.call(method, path, role, **({"json": body} if body is not None else {}))
            err = assert_error(r, 403, code="forbidden")
            assert "王芳芳" not in r.text and "刘心理师" not in r.text
            refused += 1
            if "psych" in path:
                assert err["message"].startswith("心理危机干预记录仅政工室"), (role, path)
        for method, args in (("get_psych", [rid]), ("get_psych", [missing]),
                             ("list_psych", [{}]), ("list_psych", [{"case_no": case_no}]),
                             ("record_psych_session", [rid, session]),
                             ("close_psych", [rid, {}]),
                             ("refer_psych", [case_no, {"person": {"type": "officer",
                                                                   "name": "张伟"}}]),
                             ("case_welfare", [case_no])):
            answer = rpc(method, *args, principal)
            assert answer.get("status") == 403 and answer["error"]["code"] == "forbidden", (
                role, method, answer)
            assert "王芳芳" not in json.dumps(answer, ensure_ascii=False)
            refused += 1
    assert refused == len(OTHERS) * 16
    # the office: an unknown id is a 404, its own record readable, nothing changed by others
    assert_error(ready.call("GET", f"/api/welfare/psych-referrals/{missing}", PW), 404,
                 code="not_found")
    pw = {"username": PW, "roles": [PW], "police_id": None, "unit": None, "name": PW}
    assert rpc("get_psych", missing, pw)["status"] == 404
    mine = rpc("get_psych", rid, pw)["ok"]
    assert mine["state"] == "open" and len(mine["sessions"]) == 1
    listed = ok(ready.call("GET", f"/api/welfare/psych-referrals?case_no={case_no}", PW))
    assert listed["total"] == 1
    # the work item on the bus says only that help is being given
    items = ok(ready.call("GET", f"/api/welfare/cases/{case_no}", PW))["work_items"]
    [psych] = [i for i in items if i["kind"] == "psych_support"]
    assert psych["summary"] == "心理疏导：正在提供帮助"
    # the case itself (intake's answer, its timeline included) shows only that help is given
    def case_with_psych_item():
        case = ok(ready.call("GET", f"/api/cases/{case_no}", "committee_office"))
        return case if any(w["kind"] == "psych_support" for w in case["work_items"]) else None
    case = wait_until(case_with_psych_item, 10, what="the psych_support item on the case")
    steps = [t for t in case["timeline"] if t["detail"].get("kind") == "psych_support"]
    assert steps and all(t["detail"]["summary"].startswith("心理疏导") for t in steps)
    whole = json.dumps(case, ensure_ascii=False)
    for detail in ("王芳芳", "刘心理师", "初次疏导", "失眠", "spouse"):
        assert detail not in whole, detail
