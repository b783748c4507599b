"""intake's nameko adapter in a real container in this process: every answer below went through
the real entrypoint (validation, policy, domain rule, unit of work, outbox) on a migrated SQLite
file, with a FixedClock injected by replace_dependencies; the incident arrives once through the
handler and once over the session's RabbitMQ vhost."""
import json
from datetime import timedelta

import pytest
from kombu import Connection, Exchange
from nameko.testing.services import entrypoint_hook, replace_dependencies
from nameko.testing.utils import get_extension
from sqlalchemy import select

from weiquan.calendar.watch import CalendarReloader
from weiquan.contracts.events import SUBSCRIPTIONS, build_event
from weiquan.kit.nameko_deps import Database

from intake.models import outbox
from intake.service import IntakeService
from tests.support.bodies import application
from tests.inprocess.conftest import purge_consumer_queues
from tests.support.waiting import wait_until

pytestmark = pytest.mark.inprocess

OFFICER = {"username": "zhangwei", "roles": ["officer"], "police_id": "360721001",
           "unit": "城关派出所", "name": "张伟"}
OFFICE = {"username": "office1", "roles": ["committee_office"], "police_id": "360700010",
          "unit": "警务督察大队", "name": "陈静"}
DIRECTOR = {"username": "director", "roles": ["committee_director"], "police_id": None,
            "unit": None, "name": "刘督察"}
COMMAND_CENTER = {"username": "cc1", "roles": ["command_center"], "police_id": None,
                  "unit": None, "name": "值班员"}
OPS = {"username": "ops1", "roles": ["ops"], "police_id": None, "unit": None, "name": "运维"}


@pytest.fixture
def start_intake(service_env, container_factory):
    """Start intake with some dependencies replaced; leaves the vhost's queues as found."""
    started = []

    def start(**replacements):
        container = container_factory(IntakeService, service_env)
        replace_dependencies(container, **replacements)
        container.start()
        started.append(container)
        return container
    yield start
    for container in started:
        container.stop()
    purge_consumer_queues(service_env["AMQP_URI"],
                          [s for s in SUBSCRIPTIONS if s[0] == "intake"])


@pytest.fixture
def intake(start_intake, clock):
    return start_intake(clock=clock)


def call(container, method, *args):
    with entrypoint_hook(container, method) as entrypoint:
        return entrypoint(*args)


def ok(answer):
    assert "ok" in answer, answer
    return answer["ok"]


def error(answer, status, code):
    assert answer.get("status") == status and answer["error"]["code"] == code, answer
    return answer["error"]


def body_at(clock, **overrides):
    body = application(**overrides)
    body["incident"]["occurred_at"] = (clock.now() - timedelta(hours=2)).isoformat()
    return body


def outbox_rows(container):
    """What intake staged for the bus, oldest first: (routing key, body, published_at)."""
    with get_extension(container, Database).session_factory() as session:
        rows = session.execute(select(outbox).order_by(outbox.c.id)).mappings().all()
    return [(r["routing_key"], json.loads(r["body"]), r["published_at"]) for r in rows]


def submit(container, clock, principal=OFFICER, request_id="zhangwei:k1", **overrides):
    return call(container, "submit_application", body_at(clock, **overrides), principal,
                request_id)


def test_an_application_is_filed_read_back_and_announced(intake, clock):
    filed = ok(submit(intake, clock))
    assert filed["status"] == "submitted"
    assert filed["case_no"] == "GX-WQ-2026-000001"
    # received Tue 2026-12-01: three working days -> Fri 2026-12-04
    assert filed["decision_due"]["due"] == "2026-12-04T23:59:59+08:00"
    case = ok(call(intake, "get_case", filed["case_no"], OFFICER))
    assert (case["filed_by"], case["channel"], case["officer"]["police_id"]) == \
        ("zhangwei", "app", "360721001")
    assert [t["action"] for t in case["timeline"]] == ["application_submitted"]
    [(key, body, _)] = outbox_rows(intake)
    assert key == "application_submitted" and body["case_no"] == filed["case_no"]
    assert body["decision_due"] == {"due": "2026-12-04T23:59:59+08:00", "provisional": False}
    assert body["actor"] == {"username": "zhangwei", "roles": ["officer"]}
    assert "phone" not in json.dumps(body) and "13800000000" not in json.dumps(body)
    wait_until(lambda: outbox_rows(intake)[0][2] is not None,
               what="the relay publishing the event")


def test_a_redelivered_request_returns_the_case_it_created(intake, clock):
    first = ok(submit(intake, clock))
    again = ok(submit(intake, clock))
    assert again == first
    assert ok(call(intake, "list_cases", {}, OFFICE))["total"] == 1
    assert len(outbox_rows(intake)) == 1, "announced once"
    other = dict(OFFICER, username="someone")
    error(submit(intake, clock, principal=other), 409, "request_id_reused")


def test_the_office_decides_and_the_acceptance_is_announced(intake, clock):
    case_no = ok(submit(intake, clock))["case_no"]
    clock.advance(timedelta(hours=3))
    case = ok(call(intake, "decide", case_no, {"accept": True}, OFFICE))
    assert case["status"] == "accepted"
    assert case["decision"]["decided_by"] == "office1"
    assert case["decision"]["decided_at"] == "2026-12-01T13:00:00+08:00"
    reply = [d for d in case["deadlines"] if d["kind"] == "written_reply"][0]
    assert reply["due"] == "2026-12-31T23:59:59+08:00" and reply["state"] == "running"
    assert [key for key, _, _ in outbox_rows(intake)] == ["application_submitted", "case_accepted"]
    accepted = outbox_rows(intake)[-1][1]
    assert accepted["reply_due"] == {"due": "2026-12-31T23:59:59+08:00", "provisional": False}
    err = error(call(intake, "decide", case_no, {"accept": False, "reason": "重复"}, OFFICE),
                409, "already_decided")
    assert err["status_now"] == "accepted" and "accepted" in err["message"]


def test_a_role_the_policy_refuses_gets_a_403_before_the_case_is_touched(intake, clock):
    case_no = ok(submit(intake, clock))["case_no"]
    err = error(call(intake, "decide", case_no, {"accept": True}, OFFICER), 403, "forbidden")
    assert err["message"] == "仅维权办可作出受理决定 / Only the committee office decides on " \
                             "acceptance"
    # refused before the body is read: an empty body and an unknown case change nothing
    error(call(intake, "decide", "GX-WQ-2026-999999", {}, OFFICER), 403, "forbidden")
    error(call(intake, "list_cases", {}, OPS), 403, "forbidden")
    error(call(intake, "submit_application", {}, DIRECTOR, "director:x"), 403, "forbidden")
    stranger = dict(OFFICER, username="liqiang", police_id="360721999")
    err = error(call(intake, "get_case", case_no, stranger), 403, "forbidden")
    assert "may not see this case" in err["message"]
    assert ok(call(intake, "get_case", case_no, OFFICER))["status"] == "submitted"


def test_a_bad_command_is_a_422_naming_the_field(intake, clock):
    case_no = ok(submit(intake, clock))["case_no"]
    err = error(call(intake, "decide", case_no, {"accept": "yes"}, OFFICE), 422,
                "validation_failed")
    assert list(err["fields"]) == ["accept"]
    future = (clock.now() + timedelta(hours=1)).isoformat()
    err = error(call(intake, "decide", case_no, {"accept": True, "decided_at": future},
                     OFFICE), 422, "validation_failed")
    assert err["fields"] == {"decided_at": "决定时间不能晚于当前时间 / decided_at cannot be in "
                                           "the future."}
    err = error(submit(intake, clock, request_id="zhangwei:k2", channel="written"), 422,
                "validation_failed")
    assert list(err["fields"]) == ["channel"]
    error(call(intake, "list_cases", {"status": "lost"}, OFFICE), 422, "validation_failed")
    error(call(intake, "get_case", "GX-WQ-2026-999999", OFFICE), 404, "not_found")
    assert ok(call(intake, "get_case", case_no, OFFICE))["status"] == "submitted"


def incident_event(clock, event_id="e-incident-1", incident_id="inc-0001"):
    return build_event("dispatch", "incident_reported", None, COMMAND_CENTER, {
        "incident_id": incident_id, "category": "vehicle", "place": "105国道",
        "description": "查车时被拖行", "reported_at": clock.now().isoformat(),
        "officers": [{"police_id": "360721001", "name": "张伟", "unit": "城关派出所"}],
        "flags": {"ongoing": True, "injury": True, "anti_gang": False, "off_duty": False},
    }, clock.now())


def test_an_incident_report_opens_one_case_whatever_the_deliveries(intake, clock):
    body = incident_event(clock)
    call(intake, "on_incident_reported", body)
    call(intake, "on_incident_reported", body)                              # redelivered
    call(intake, "on_incident_reported", {**body, "event_id": "e-incident-2"})  # re-reported
    found = ok(call(intake, "case_for_incident", "inc-0001", COMMAND_CENTER))
    case = ok(call(intake, "get_case", found["case_no"], COMMAND_CENTER))
    assert case["incident_id"] == "inc-0001" and case["channel"] == "intranet"
    assert case["applicant"]["name"] == "指挥中心"
    assert ok(call(intake, "list_cases", {}, OFFICE))["total"] == 1
    [(key, announced, _)] = outbox_rows(intake)
    assert (key, announced["incident_id"], announced["actor"]["username"]) == \
        ("application_submitted", "inc-0001", "cc1")
    error(call(intake, "case_for_incident", "inc-0001", OFFICER), 403, "forbidden")
    error(call(intake, "case_for_incident", "inc-none", OFFICE), 404, "not_found")


def test_an_incident_published_on_the_bus_opens_its_case(intake, clock, service_env):
    body = incident_event(clock, event_id="e-bus-1", incident_id="inc-bus")
    exchange = Exchange("dispatch.events", type="topic", durable=True, delivery_mode=2)
    with Connection(service_env["AMQP_URI"]) as conn:
        conn.Producer(serializer="json").publish(
            body, exchange=exchange, declare=[exchange], routing_key="incident_reported",
            delivery_mode=2, headers={"event_id": body["event_id"]})

    def opened():
        answer = call(intake, "case_for_incident", "inc-bus", OFFICE)
        return answer.get("ok")
    found = wait_until(opened, timeout=15, what="the case of the published incident")
    assert ok(call(intake, "get_case", found["case_no"], OFFICE))["incident_id"] == "inc-bus"


def test_the_sweep_timer_reminds_then_records_the_miss(intake, clock):
    case_no = ok(submit(intake, clock))["case_no"]      # acceptance due Fri 2026-12-04
    clock.advance(timedelta(days=2))                    # Thu 2026-12-03 10:00, working hours
    call(intake, "sweep_clocks")
    [digest] = ok(call(intake, "list_notifications", {}, OFFICE))["items"]
    assert (digest["kind"], digest["day"]) == ("reminder_digest", "2026-12-03")
    assert [i["case_no"] for i in digest["items"]] == [case_no]
    clock.advance(timedelta(days=2))                    # Sat 2026-12-05: the deadline passed
    call(intake, "sweep_clocks")
    call(intake, "sweep_clocks")                        # a second sweep records nothing new
    register = ok(call(intake, "list_accountability", {}, DIRECTOR))["items"]
    assert [(r["case_no"], r["clock_kind"], r["still_open"]) for r in register] == \
        [(case_no, "acceptance_decision", True)]
    assert register[0]["late_seconds"] == 10 * 3600 + 1
    case = ok(call(intake, "get_case", case_no, OFFICE))
    assert case["timeline"][-1]["action"] == "deadline_missed"
    assert [key for key, _, _ in outbox_rows(intake)] == [
        "application_submitted", "reminder_digest", "deadline_missed"]
    error(call(intake, "list_accountability", {}, OFFICER), 403, "forbidden")


def test_the_calendar_reload_is_for_the_director_or_ops(intake):
    error(call(intake, "reload_calendar", OFFICE), 403, "forbidden")
    answer = ok(call(intake, "reload_calendar", DIRECTOR))
    assert answer["last_official_year"] >= 2026 and answer["recomputed"] == 0


def test_the_lifecycle_after_acceptance_runs_through_the_change_path(intake, clock):
    case_no = ok(submit(intake, clock))["case_no"]
    ok(call(intake, "decide", case_no, {"accept": True}, OFFICE))
    escalated = ok(call(intake, "escalate", case_no, {"reason": "需上级协调",
                                                       "body": "赣州市公安局维权委"}, DIRECTOR))
    assert escalated["location"] == {"at": "higher_level", "why": "escalation"}
    clock.advance(timedelta(days=1))
    concluded = ok(call(intake, "conclude", case_no,
                        {"findings": "经调查属实", "outcome": "established"}, OFFICE))
    assert concluded["status"] == "concluded"
    assert concluded["conclusion"]["concluded_at"] == "2026-12-02T10:00:00+08:00"
    assert concluded["escalations"][0]["outcome"] is None
    assert "answered_at" not in concluded["escalations"][0]
    error(call(intake, "extend", case_no, {"reason": "x", "new_due": "2027-01-08"}, DIRECTOR),
          409, "no_open_reply_deadline")
    keys = [key for key, _, _ in outbox_rows(intake)]
    assert keys == ["application_submitted", "case_accepted", "case_escalated", "case_concluded"]
    assert outbox_rows(intake)[-1][1]["reply_state"] == "met"
    assert ok(call(intake, "ping")) == "ok"


def test_the_sweep_recomputes_what_a_calendar_change_moved_though_requests_came_first(
        start_intake, clock, tmp_path):
    """A request after the administrator's change already counts with the new file; the
    sweep still learns why the calendar changed, moves the provisional deadlines filed before
    it and says why (the request noticing the change first does not take the reason away)."""
    admin_file = tmp_path / "admin-calendar.yaml"
    admin_file.write_text("years: {}\n")
    intake = start_intake(clock=clock, calendar=CalendarReloader(admin_file))
    clock.at = clock.at.replace(day=30)                  # Wed 2026-12-30: due in 2027
    filed = ok(submit(intake, clock))
    assert filed["decision_due"]["provisional"] is True
    assert filed["decision_due"]["due"] == "2027-01-05T23:59:59+08:00"
    admin_file.write_text("years:\n  2027:\n    source: \"测试用2027年安排 (test)\"\n"
                          "    days_off: [2027-01-01, 2027-01-04]\n    working_days: []\n")
    later = ok(submit(intake, clock, request_id="zhangwei:k2"))  # after the change
    assert (later["decision_due"]["due"], later["decision_due"]["provisional"]) == \
        ("2027-01-06T23:59:59+08:00", False)
    call(intake, "sweep_clocks")
    case = ok(call(intake, "get_case", filed["case_no"], OFFICE))
    assert (case["deadlines"][0]["due"], case["deadlines"][0]["provisional"]) == \
        ("2027-01-06T23:59:59+08:00", False)
    moved = case["timeline"][-1]
    assert moved["action"] == "deadline_recomputed" and "2027" in moved["detail"]["reason"]
    assert [k for k, _, _ in outbox_rows(intake)].count("deadline_recomputed") == 1
