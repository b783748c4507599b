"""The political-work office's nameko adapter in a real container (migrated SQLite, the
session's broker): intake's events open the green channel at once and the consolation visit
on acceptance, once each however often they are delivered; the RPC answers the gateway reads;
the work-item events staged with each change, which never carry a hospital, a name or a
note; psychological records refused to every other role before anything is loaded."""
import json
import uuid
from datetime import timedelta

import pytest
from nameko.standalone.events import event_dispatcher
from nameko.testing.services import replace_dependencies

from weiquan.config import TZ
from weiquan.contracts.codes import ROLES
from weiquan.contracts.events import WELFARE_EVENTS

from tests.inprocess.service_hook import ServiceHook
from tests.support.waiting import wait_until
from welfare.service import WelfareService

pytestmark = pytest.mark.inprocess

PW = {"username": "pw1", "roles": ["political_work"]}
OFFICE = {"username": "office1", "roles": ["committee_office"]}
SECRET = "市人民医院骨科"          # a hospital: never on the bus


@pytest.fixture
def wf(service_env, container_factory, clock):
    container = container_factory(WelfareService, service_env)
    replace_dependencies(container, clock=clock)
    container.start()
    return ServiceHook(container, service_env)


def submitted(case_no, clock, injury=True, category="violent_attack", event_id=None):
    return {"event_id": event_id or str(uuid.uuid4()), "event_type": "application_submitted",
            "case_no": case_no, "category": category, "police_id": "360721001",
            "officer_unit": "城关派出所", "received_at": clock.now().isoformat(),
            "incident_id": None, "actor": {"username": "zw", "roles": ["officer"]},
            "flags": {"injury": injury, "ongoing": False, "off_duty": False,
                      "anti_gang": False}}


def accepted(case_no, clock, category="violent_attack", injury=False):
    due = (clock.now() + timedelta(days=30)).astimezone(TZ).isoformat()
    return {"event_id": str(uuid.uuid4()), "event_type": "case_accepted", "case_no": case_no,
            "category": category, "decided_at": clock.now().isoformat(),
            "reply_due": {"due": due, "provisional": False},
            "actor": {"username": "office1", "roles": ["committee_office"]},
            "flags": {"injury": injury, "ongoing": False, "off_duty": False,
                      "anti_gang": False}}


def kinds(wf):
    return [(b["event_type"], b["kind"], b["state"]) for b in wf.events()]


def test_an_injury_opens_the_green_channel_once_and_the_office_closes_it(wf, clock):
    case_no = "GX-WQ-2026-000101"
    event = submitted(case_no, clock)
    event_dispatcher(wf.config)("intake", "application_submitted", event)   # over the broker
    wait_until(lambda: wf.events(), 10, what="the green channel")
    wf.deliver("on_application_submitted", event)                           # redelivered
    wf.deliver("on_application_submitted", {**event, "event_id": str(uuid.uuid4())})  # twin
    [opened] = wf.events()
    assert WELFARE_EVENTS["work_opened"]().validate(opened) == {}
    assert (opened["kind"], opened["department"], opened["owner"], opened["summary"]) == (
        "green_channel", "political_work", "political_work", "就医绿色通道已开启")
    assert opened["due"] == (clock.now() + timedelta(days=1)).astimezone(TZ).isoformat()
    item_id = opened["item_id"]

    [queued] = wf.ok("list_green_channels", {}, PW)["items"]
    assert (queued["item_id"], queued["state"], queued["hospital"]) == (item_id, "opened", None)
    clock.advance(timedelta(hours=1))
    seen = wf.ok("update_green_channel", item_id, {"hospital": SECRET, "contact": "李医生 138",
                                                   "state": "in_treatment"}, PW)
    assert (seen["state"], seen["hospital"], seen["updated_by"]) == ("in_treatment", SECRET,
                                                                     "pw1")
    back = wf.error("update_green_channel", item_id, {"state": "opened"}, PW, status=409)
    assert back["code"] == "green_channel_backwards"
    closed = wf.ok("close_green_channel", item_id, {"outcome": "已出院，恢复良好"}, PW)
    assert (closed["state"], closed["outcome"]) == ("closed", "已出院，恢复良好")
    assert wf.error("close_green_channel", item_id, {"outcome": "再次"}, PW,
                    status=409)["code"] == "green_channel_closed"
    assert wf.error("update_green_channel", item_id, {"hospital": "x"}, PW,
                    status=409)["code"] == "green_channel_closed"
    assert kinds(wf) == [("work_opened", "green_channel", "open"),
                         ("work_updated", "green_channel", "open"),
                         ("work_closed", "green_channel", "done")]
    bus = json.dumps(wf.events(), ensure_ascii=False)
    assert SECRET not in bus and "李医生" not in bus and "出院" not in bus
    for body in wf.events():
        assert WELFARE_EVENTS[body["event_type"]]().validate(body) == {}


def test_no_injury_no_green_channel_and_acceptance_opens_one_consolation_visit(wf, clock):
    case_no = "GX-WQ-2026-000102"
    wf.deliver("on_application_submitted", submitted(case_no, clock, injury=False))
    assert wf.events() == []
    event = accepted(case_no, clock)
    wf.deliver("on_case_accepted", event)
    wf.deliver("on_case_accepted", event)
    wf.deliver("on_case_accepted", accepted(case_no, clock))
    [opened] = wf.events()
    assert (opened["kind"], opened["due"]) == ("consolation_visit", event["reply_due"]["due"])
    wf.deliver("on_case_accepted", accepted("GX-WQ-2026-000103", clock,
                                            category="malicious_complaint_hype"))
    assert len(wf.events()) == 1   # a complaint case concerns no body or family

    visit = {"visitors": "政工室王主任", "visited_at": clock.now().isoformat(),
             "gifts": "慰问品一份"}
    wf.ok("record_visit", case_no, visit, PW)
    wf.ok("record_visit", case_no, visit, PW)            # a second visit changes no item
    assert kinds(wf)[1:] == [("work_closed", "consolation_visit", "done")]
    future = {**visit, "visited_at": (clock.now() + timedelta(days=1)).isoformat()}
    assert wf.error("record_visit", case_no, future, PW, status=422)["fields"].keys() == {
        "visited_at"}
    assert wf.error("record_visit", "GX-WQ-2026-999999", visit, PW,
                    status=404)["code"] == "not_found"
    assert len(wf.ok("case_welfare", case_no, PW)["visits"]) == 2


def test_insurance_claim_moves_and_settles(wf, clock):
    case_no = "GX-WQ-2026-000104"
    wf.deliver("on_application_submitted", submitted(case_no, clock, injury=False))
    claim = wf.ok("file_insurance_claim", case_no,
                  {"insurer": "人保财险", "policy_no": "PICC-001"}, PW)
    claim_id = claim["claim_id"]
    assert wf.ok("update_insurance_claim", claim_id, {"state": "under_review"},
                 PW)["state"] == "under_review"
    paid = wf.ok("update_insurance_claim", claim_id, {"state": "paid", "note": "已到账"}, PW)
    assert [h["state"] for h in paid["history"]] == ["filed", "under_review", "paid"]
    err = wf.error("update_insurance_claim", claim_id, {"state": "refused"}, PW, status=409)
    assert err["code"] == "claim_settled"
    assert wf.error("update_insurance_claim", claim_id, {"state": "filed"}, PW,
                    status=422)["fields"].keys() == {"state"}
    assert [(b["event_type"], b["summary"]) for b in wf.events()] == [
        ("work_opened", "保险理赔：已申报"), ("work_updated", "保险理赔：审核中"),
        ("work_closed", "保险理赔：已赔付")]
    assert "PICC" not in json.dumps(wf.events())


def test_psych_records_for_the_political_work_office_only(wf, clock):
    case_no = "GX-WQ-2026-000105"
    wf.deliver("on_application_submitted", submitted(case_no, clock, injury=False))
    officer = wf.ok("refer_psych", case_no, {"person": {"type": "officer", "name": "张伟"},
                                              "reason": "失眠、焦虑"}, PW)
    wife = wf.ok("refer_psych", case_no, {"person": {"type": "relative", "name": "王芳芳",
                                                     "relation": "spouse"}}, PW)
    err = wf.error("refer_psych", case_no, {"person": {"type": "relative", "name": "李四",
                                                       "relation": "cousin"}}, PW, status=422)
    assert "person.relation" in err["fields"]
    wf.ok("record_psych_session", officer["referral_id"],
          {"at": clock.now().isoformat(), "counsellor": "刘心理师", "notes": "情绪稳定"}, PW)
    assert len(wf.ok("get_psych", officer["referral_id"], PW)["sessions"]) == 1
    assert wf.ok("list_psych", {"case_no": case_no}, PW)["total"] == 2

    for role in ROLES:
        if role == "political_work":
            continue
        who = {"username": f"u-{role}", "roles": [role]}
        for method, args in (("get_psych", (officer["referral_id"],)),
                             ("get_psych", ("no-such-referral",)),
                             ("list_psych", ({},)), ("close_psych", (officer["referral_id"], {})),
                             ("refer_psych", (case_no, {})),
                             ("record_psych_session", (officer["referral_id"], {}))):
            err = wf.error(method, *args, who, status=403)
            assert err["message"].startswith("心理危机干预记录仅政工室"), (role, method)
        assert wf.error("case_welfare", case_no, who, status=403)["code"] == "forbidden"
    assert wf.error("get_psych", "no-such-referral", PW, status=404)["code"] == "not_found"

    wf.ok("close_psych", officer["referral_id"], {"note": "结束"}, PW)
    wf.ok("close_psych", wife["referral_id"], {}, PW)
    assert wf.error("close_psych", wife["referral_id"], {}, PW, status=409)["code"] == \
        "psych_closed"
    wf.ok("refer_psych", case_no, {"person": {"type": "officer", "name": "张伟"}}, PW)
    assert [(b["event_type"], b["state"], b["summary"]) for b in wf.events()] == [
        ("work_opened", "open", "心理疏导：正在提供帮助"),
        ("work_closed", "done", "心理疏导：已提供帮助"),
        ("work_updated", "open", "心理疏导：正在提供帮助")]
    bus = json.dumps(wf.events(), ensure_ascii=False)
    for secret in ("张伟", "王芳芳", "刘心理师", "失眠", "情绪", "spouse"):
        assert secret not in bus
    assert len(wf.ok("case_welfare", case_no, PW)["psych_referrals"]) == 3


def test_training_and_attendance(wf, clock):
    t = wf.ok("create_training", {"title": "执法安全培训", "topic": "现场自我防护",
                                  "held_at": clock.now().isoformat(), "trainer": "李教官"}, PW)
    answer = wf.ok("record_attendance", t["training_id"],
                   {"police_ids": ["360721001", "360721002"]}, PW)
    again = wf.ok("record_attendance", t["training_id"], {"police_ids": ["360721002",
                                                                         "360721003"]}, PW)
    assert answer["attendance"] == 2 and again["attendees"] == [
        "360721001", "360721002", "360721003"]
    err = wf.error("record_attendance", t["training_id"], {"police_ids": ["1", "1"]}, PW,
                   status=422)
    assert err["fields"] == {"police_ids.1": "警号重复: 1 / Police ID listed twice: 1"}
    [listed] = wf.ok("list_trainings", {}, PW)["items"]
    assert listed["attendance"] == 3
    assert wf.error("create_training", {}, OFFICE, status=403)["code"] == "forbidden"
    assert wf.events() == []   # training rides on no bus


def test_queue_lists_open_items_nearest_due_first(wf, clock):
    for n, hours in ((201, 5), (202, 1)):
        clock.advance(timedelta(hours=hours))
        wf.deliver("on_application_submitted", submitted(f"GX-WQ-2026-000{n}", clock))
    first = wf.ok("list_work", {}, PW)["items"]
    assert [i["case_no"] for i in first] == ["GX-WQ-2026-000201", "GX-WQ-2026-000202"]
    wf.ok("close_green_channel", first[0]["item_id"], {"outcome": "轻伤已愈"}, PW)
    after = wf.ok("list_work", {}, PW)["items"]
    assert [(i["case_no"], i["state"]) for i in after] == [
        ("GX-WQ-2026-000202", "open"), ("GX-WQ-2026-000201", "done")]
    assert wf.ok("list_work", {"state": "open"}, PW)["total"] == 1
    assert wf.error("list_work", {"kind": "bogus"}, PW, status=422)["fields"].keys() == {"kind"}
