"""The publicity office's nameko adapter in a real container (migrated SQLite, the session's
broker): a statement drafted with the case's people redacted (intake's case and legal affairs'
offenders from stub proxies), the review path to publication with work items, the public reads,
a refusal (503, nothing saved) when legal affairs cannot give its terms, and the automatic
name-clearing draft from intake's events over the broker, once per case."""
import uuid

import pytest
from nameko.standalone.events import event_dispatcher
from nameko.testing.services import entrypoint_hook, replace_dependencies

from weiquan.contracts.events import REGISTRY, build_event

from publicity.models import statements
from publicity.service import PublicityService
from tests.inprocess.service_hook import ServiceHook
from tests.support.waiting import wait_until

pytestmark = pytest.mark.inprocess
PUB = {"username": "pb1", "roles": ["publicity"], "police_id": None, "unit": None, "name": None}
LEGAL = {"username": "la1", "roles": ["legal_affairs"], "police_id": None, "unit": None,
         "name": None}
DIRECTOR = {"username": "director", "roles": ["committee_director"], "police_id": None,
            "unit": None, "name": None}
OFFICER_ELSEWHERE = {"username": "o2", "roles": ["officer"], "police_id": "1", "unit": "城南派出所",
                     "name": "x"}
CASE = "GX-WQ-2026-000001"
FLAGS = {"ongoing": False, "off_duty": False, "anti_gang": False, "injury": False}
INTAKE_ACTOR = {"username": "office", "roles": ["committee_office"]}


class _Answer:
    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


class _Method:
    def __init__(self, name, answer):
        self.method_name, self.answer = name, answer

    def call_async(self, *args):
        return _Answer(self.answer(*args))


def _case(case_no, principal):
    assert principal["roles"] == ["committee_member"]       # the read-only service identity
    if case_no != CASE:
        return {"error": {"code": "not_found", "message": "x", "fields": {}}, "status": 404}
    return {"ok": {"case_no": case_no, "officer": {"name": "张伟", "police_id": "360721001",
                                                   "unit": "城关派出所"},
                   "applicant": {"type": "officer", "name": "张伟", "phone": "13912345678"}}}


class FakeIntake:
    get_case = _Method("get_case", _case)


class FakeLegal:
    def __init__(self, up=True):
        def terms(case_no, principal):
            assert principal["roles"] == ["publicity"]
            if not up:
                return {"error": {"code": "service_timeout", "message": "x", "fields": {}},
                        "status": 503}
            return {"ok": {"people": [{"name": "刘大海", "id_number": None,
                                       "phone": "13800001111"}]}}
        self.redaction_terms = _Method("redaction_terms", terms)


def start(service_env, container_factory, clock, legal):
    container = container_factory(PublicityService, service_env)
    replace_dependencies(container, clock=clock, intake=FakeIntake(), legal_aid=legal)
    container.start()
    return Service(container, service_env)


@pytest.fixture
def pb(service_env, container_factory, clock):
    return start(service_env, container_factory, clock, FakeLegal())


class Service(ServiceHook):
    def count(self, table=statements):
        return super().count(table)


TEXT = "民警张伟被刘大海辱骂，张伟电话13912345678，刘大海电话13800001111。"


def test_draft_to_public_with_redaction_and_work_items(pb):
    s = pb.ok("draft_statement", {"kind": "typical_case", "case_no": CASE, "title": "张伟遭辱骂案",
                                  "body": TEXT}, PUB)
    for datum in ("张伟", "刘大海", "13912345678", "13800001111"):
        assert datum not in s["body"] + s["title"]
    assert {"13912345678", "13800001111"} <= {f["original"] for f in s["findings"]}
    sid = s["statement_id"]
    err = pb.error("publish_statement", sid, {"scope": "public"}, PUB, status=409)
    assert err["code"] == "statement_not_in_state" and "草稿" in err["message"]
    pb.ok("submit_statement", sid, PUB)
    pb.ok("review_statement", sid, {"approve": True}, LEGAL)
    pb.ok("approve_statement", sid, {"approve": True}, DIRECTOR)
    assert pb.error("approve_statement", sid, {"approve": True}, DIRECTOR, status=409)
    assert pb.ok("list_public_statements", {})["total"] == 0
    done = pb.ok("publish_statement", sid, {"scope": "public"}, PUB)
    assert (done["state"], done["scope"]) == ("published", "public")
    [item] = pb.ok("list_public_statements", {})["items"]
    assert item["statement_id"] == sid and "13912345678" not in item["body"]
    assert pb.ok("get_public_statement", sid)["title"] == done["title"]
    kinds = [b["event_type"] for b in pb.events()]
    assert kinds[0] == "work_opened" and kinds[-1] == "work_closed"
    for b in pb.events():
        assert REGISTRY["publicity"][b["event_type"]]().validate(b) == {}
        assert "张伟" not in b["summary"]


def test_unit_scope_is_hidden_from_other_units_and_the_public(pb):
    sid = pb.ok("draft_statement", {"kind": "typical_case", "case_no": CASE, "title": "通报",
                                    "body": "正文"}, PUB)["statement_id"]
    pb.ok("submit_statement", sid, PUB)
    pb.ok("review_statement", sid, {"approve": True}, LEGAL)
    pb.ok("approve_statement", sid, {"approve": True}, DIRECTOR)
    pb.ok("publish_statement", sid, {"scope": "unit"}, PUB)
    pb.error("get_public_statement", sid, status=404)
    pb.error("get_statement", sid, OFFICER_ELSEWHERE, status=404)
    assert pb.ok("list_statements", {}, OFFICER_ELSEWHERE)["total"] == 0
    same_unit = {**OFFICER_ELSEWHERE, "unit": "城关派出所"}
    assert pb.ok("get_statement", sid, same_unit)["scope"] == "unit"


def test_unknown_case_and_missing_terms_write_nothing(service_env, container_factory, clock):
    pb = start(service_env, container_factory, clock, FakeLegal(up=False))
    err = pb.error("draft_statement", {"kind": "name_clearing", "case_no": "GX-WQ-2026-999999",
                                       "title": "t", "body": "b"}, PUB, status=422)
    assert set(err["fields"]) == {"case_no"}
    err = pb.error("draft_statement", {"kind": "typical_case", "case_no": CASE, "title": "t",
                                       "body": TEXT}, PUB, status=503)
    assert err["code"] == "redaction_unavailable"
    assert pb.count() == 0 and pb.events() == []


def test_a_concluded_false_accusation_case_gets_one_draft(pb, clock):
    send = event_dispatcher(pb.config)
    accepted = build_event("intake", "case_accepted", CASE, INTAKE_ACTOR, {
        "category": "false_accusation_retaliation", "decided_at": clock.now().isoformat(),
        "reply_due": {"due": "2026-12-30", "provisional": False}, "flags": FLAGS}, clock.now())
    concluded = build_event("intake", "case_concluded", CASE, INTAKE_ACTOR, {
        "outcome": "established", "concluded_at": clock.now().isoformat(),
        "reply_state": None}, clock.now())
    send("intake", "case_accepted", accepted)
    send("intake", "case_concluded", concluded)
    wait_until(lambda: pb.count(), 10, what="the name-clearing draft")
    with entrypoint_hook(pb.container, "on_case_concluded") as handle:
        handle(concluded)                                       # redelivered
        handle({**concluded, "event_id": str(uuid.uuid4())})    # re-sent
    [s] = pb.ok("list_statements", {}, PUB)["items"]
    assert (s["kind"], s["state"], s["origin"], s["case_no"]) == (
        "name_clearing", "draft", "case_concluded", CASE)
    [opened] = pb.events("work_opened")
    assert opened["kind"] == "name_clearing" and opened["department"] == "publicity"
