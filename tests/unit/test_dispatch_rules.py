"""The command center's rules (Art. 13, 19, 20) as plain Python: who may act, what a
dispatch becomes, escalation exactly once, the protected address for the command center only."""
import itertools
from datetime import datetime, timedelta

import pytest

from weiquan.config import TZ
from weiquan.contracts import policy
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import ProtectiveOrderV1, ReportIncidentV1
from weiquan.errors import Conflict, Invalid, NotAllowed

from dispatch.domain import events, rules
from dispatch.domain.model import Unit
from dispatch.views import dispatch_state, order_view

pytestmark = pytest.mark.unit

NOW = datetime(2026, 10, 9, 10, 0, tzinfo=TZ)
CC = {"username": "cc1", "roles": ["command_center"]}
OFFICE = {"username": "office1", "roles": ["committee_office"]}
OFFICER = {"username": "zw", "roles": ["officer"]}
REPORT = {"officers": [{"police_id": "360721001", "name": "张伟", "unit": "城关派出所"}],
          "place": "城关镇红旗大道", "description": "执勤时遭围攻", "category": "mobbing_obstruction",
          "ongoing": True, "injury": True, "anti_gang": False}


def ids():
    counter = itertools.count(1)
    return lambda: f"id-{next(counter)}"


def incident():
    return rules.report_incident("inc-1", load_or_error(ReportIncidentV1, REPORT), CC, NOW)


def units(*statuses):
    return {f"u{i}": Unit(id=f"u{i}", name=f"巡逻{i}组", kind="patrol", status=s)
            for i, s in enumerate(statuses, 1)}


def code(exc_info):
    """The kind of refusal and its code (the RPC edge gives each kind its status)."""
    return type(exc_info.value).__name__, exc_info.value.code


def test_report_sets_flags_and_reporter_and_records_the_report():
    inc = incident()
    assert inc.status == "open" and inc.case_no is None and inc.reported_by == "cc1"
    assert inc.flags == {"ongoing": True, "injury": True, "anti_gang": False, "off_duty": False}
    [reported] = events.pull(inc)
    assert isinstance(reported, events.IncidentReported) and inc.recorded == []
    assert (reported.incident_id, reported.place, reported.flags) == ("inc-1", inc.place,
                                                                      inc.flags)
    assert reported.actor == {"username": "cc1", "roles": ["command_center"]}


def test_report_keeps_off_duty_and_each_officers_personnel_type():
    """Art. 37, 38: the report's off_duty flag and each officer's personnel type ride on
    incident_reported (intake opens the case with them); unsaid, regular and on duty."""
    body = {**REPORT, "off_duty": True, "officers": [
        {**REPORT["officers"][0], "personnel_type": "auxiliary"},
        {"police_id": "360721002", "name": "刘洋", "unit": "城关派出所"}]}
    inc = rules.report_incident("x", load_or_error(ReportIncidentV1, body), CC, NOW)
    assert inc.flags["off_duty"] is True
    assert [o["personnel_type"] for o in inc.officers] == ["auxiliary", "regular"]
    [reported] = events.pull(inc)
    assert reported.flags["off_duty"] is True
    assert reported.officers[0]["personnel_type"] == "auxiliary"
    plain = rules.report_incident("y", load_or_error(ReportIncidentV1, REPORT), CC, NOW)
    assert plain.flags["off_duty"] is False
    assert plain.officers[0]["personnel_type"] == "regular"
    # a command built before the contract carried the type still says regular
    assert rules.report_incident("z", {**REPORT, "off_duty": False}, CC, NOW
                                 ).officers[0]["personnel_type"] == "regular"


ACTS = ("report_incident", "close_incident", "dispatch_units", "acknowledge", "arrive",
        "register_unit", "set_unit_status", "issue_protective_order", "extend_protective_order",
        "revoke_protective_order", "board", "see_address")
READS = ("list_incidents", "get_incident", "list_units", "get_protective_order")


@pytest.mark.parametrize("action", ACTS + READS)
def test_the_command_center_acts_and_the_committee_follows(action):
    """Art. 13: only the command center acts (and sees a protected address); the committee
    reads incidents, units and orders; an officer does neither."""
    assert policy.allowed("dispatch", action, CC)
    assert policy.allowed("dispatch", action, OFFICE) == (action in READS)
    with pytest.raises(NotAllowed) as e:
        policy.require("dispatch", action, OFFICER)
    assert code(e) == ("NotAllowed", "forbidden")
    assert e.value.reason == ("only_command_center" if action in ACTS
                              else "only_cc_or_committee_incidents")


def test_every_action_of_the_table_is_checked_above():
    assert set(policy.POLICIES["dispatch"]) == set(ACTS + READS)


def test_dispatch_marks_units_dispatched():
    inc, pool = incident(), units("available", "available")
    made = rules.dispatch_units(inc, ["u1", "u2"], pool, CC, NOW, ids())
    assert [d.unit_id for d in made] == ["u1", "u2"]
    assert {u.status for u in pool.values()} == {"dispatched"}
    assert inc.dispatches == made and all(dispatch_state(d) == "awaiting_ack" for d in made)
    [_, sent] = events.pull(inc)
    assert isinstance(sent, events.UnitsDispatched) and sent.dispatched_at == NOW
    assert [(u.dispatch_id, u.unit_name) for u in sent.units] == [
        (made[0].id, "巡逻1组"), (made[1].id, "巡逻2组")]


def test_unknown_and_repeated_units_are_named():
    with pytest.raises(Invalid) as e:
        rules.dispatch_units(incident(), ["u1", "nope", "u1"], units("available"), CC, NOW, ids())
    assert e.value.fields == {"unit_ids.1": "unknown_unit", "unit_ids.2": "unit_listed_twice"}
    assert e.value.per_field == {"unit_ids.1": {"unit": "nope"}, "unit_ids.2": {"unit": "u1"}}


@pytest.mark.parametrize("status", ["dispatched", "on_scene", "off_duty"])
def test_busy_unit_is_a_conflict(status):
    with pytest.raises(Conflict) as e:
        rules.dispatch_units(incident(), ["u1"], units(status), CC, NOW, ids())
    assert code(e) == ("Conflict", "unit_unavailable")
    assert e.value.details["units"] == ["巡逻1组"]


def test_closed_incident_takes_no_dispatch():
    inc, pool = incident(), units("available")
    rules.close_incident(inc, pool, NOW)
    with pytest.raises(Conflict) as e:
        rules.dispatch_units(inc, ["u1"], pool, CC, NOW, ids())
    assert code(e) == ("Conflict", "incident_closed")
    with pytest.raises(Conflict) as e:
        rules.close_incident(inc, pool, NOW)
    assert (e.value.code, e.value.reason) == ("incident_closed", "incident_already_closed")


def test_acknowledge_then_arrive_then_close_frees_the_unit():
    inc, pool = incident(), units("available")
    [d] = rules.dispatch_units(inc, ["u1"], pool, CC, NOW, ids())
    with pytest.raises(Conflict) as e:
        rules.arrive(d, pool["u1"], None, CC, NOW)
    assert code(e) == ("Conflict", "not_acknowledged")
    rules.acknowledge(d, pool["u1"], "GX-WQ-2026-000001", CC, NOW + timedelta(seconds=5))
    assert d.acknowledged_by == "cc1" and dispatch_state(d) == "acknowledged"
    with pytest.raises(Conflict) as e:
        rules.acknowledge(d, pool["u1"], None, CC, NOW)
    assert code(e) == ("Conflict", "already_acknowledged")
    rules.arrive(d, pool["u1"], "GX-WQ-2026-000001", CC, NOW + timedelta(minutes=4))
    assert pool["u1"].status == "on_scene" and dispatch_state(d) == "arrived"
    with pytest.raises(Conflict) as e:
        rules.arrive(d, pool["u1"], None, CC, NOW)
    assert code(e) == ("Conflict", "already_arrived")
    acked, arrived = events.pull(d)
    assert (acked.case_no, acked.unit.unit_id, acked.after_escalation) == (
        "GX-WQ-2026-000001", "u1", False)
    assert arrived.arrived_at == NOW + timedelta(minutes=4)
    rules.close_incident(inc, pool, NOW + timedelta(hours=1))
    assert inc.status == "closed" and pool["u1"].status == "available"


def test_escalation_happens_once_after_the_timeout():
    inc, pool = incident(), units("available")
    [d] = rules.dispatch_units(inc, ["u1"], pool, CC, NOW, ids())
    assert not rules.escalate(d, pool["u1"], None, NOW + timedelta(seconds=119), 120)
    assert rules.escalate(d, pool["u1"], None, NOW + timedelta(seconds=120), 120)
    assert d.escalated_at == NOW + timedelta(seconds=120) and dispatch_state(d) == "escalated"
    assert not rules.escalate(d, pool["u1"], None, NOW + timedelta(seconds=500), 120)
    assert d.escalated_at == NOW + timedelta(seconds=120)
    [escalated] = events.pull(d)
    assert escalated.actor == events.SYSTEM and escalated.timeout_seconds == 120
    rules.acknowledge(d, pool["u1"], None, CC, NOW + timedelta(seconds=600))
    assert events.pull(d)[0].after_escalation is True


def test_acknowledged_dispatch_never_escalates():
    inc, pool = incident(), units("available")
    [d] = rules.dispatch_units(inc, ["u1"], pool, CC, NOW, ids())
    rules.acknowledge(d, pool["u1"], None, CC, NOW + timedelta(seconds=10))
    assert not rules.ack_overdue(d, NOW + timedelta(hours=1), 120)


def test_link_case_is_idempotent_and_refuses_a_second_number():
    inc = incident()
    assert rules.link_case(inc, "GX-WQ-2026-000001") is True
    assert rules.link_case(inc, "GX-WQ-2026-000001") is False
    with pytest.raises(Conflict) as e:
        rules.link_case(inc, "GX-WQ-2026-000002")
    assert e.value.code == "case_already_linked"
    assert e.value.details == {"case_no": "GX-WQ-2026-000001"}


def test_unit_on_a_task_cannot_go_off_duty():
    pool = units("dispatched")
    with pytest.raises(Conflict) as e:
        rules.set_unit_status(pool["u1"], "off_duty")
    assert code(e) == ("Conflict", "unit_busy")
    assert e.value.details == {"unit_status": "dispatched", "requested_status": "off_duty"}
    assert rules.set_unit_status(units("available")["u1"], "off_duty").status == "off_duty"


def order_cmd(**over):
    body = {"persons": [{"type": "officer", "name": "张伟", "police_id": "360721001"},
                        {"type": "relative", "name": "李娜", "relation": "spouse"}],
            "measures": ["住所周边巡逻", "紧急联络"], "address": "城关镇某小区3栋",
            "valid_until": (NOW + timedelta(days=30)).isoformat(), "incident_id": "inc-1"}
    body.update(over)
    return load_or_error(ProtectiveOrderV1, body)


def test_order_takes_the_incident_case_and_hides_the_address_from_others():
    inc = incident()
    inc.case_no = "GX-WQ-2026-000007"
    order = rules.issue_order("o1", order_cmd(), inc, CC, NOW)
    assert order.case_no == "GX-WQ-2026-000007" and order.incident_id == "inc-1"
    [issued] = events.pull(order)
    assert (issued.persons, issued.case_no, issued.measures) == (
        2, "GX-WQ-2026-000007", ("住所周边巡逻", "紧急联络"))
    assert "城关镇某小区3栋" not in repr(issued) and "李娜" not in repr(issued)
    assert order_view(order, CC, NOW)["address"] == "城关镇某小区3栋"
    assert "address" not in order_view(order, OFFICE, NOW)


def test_order_for_unknown_incident_or_past_validity_is_refused():
    with pytest.raises(Invalid) as e:
        rules.issue_order("o1", order_cmd(), None, CC, NOW)
    assert e.value.fields == {"incident_id": "unknown_incident"}
    with pytest.raises(Invalid) as e:
        rules.issue_order("o1", order_cmd(valid_until=NOW.isoformat()), incident(), CC, NOW)
    assert e.value.fields == {"valid_until": "validity_not_in_future"}


def test_refused_dispatch_changes_nothing_and_records_nothing():
    inc, pool = incident(), units("available", "off_duty")
    events.pull(inc)
    with pytest.raises(Conflict):
        rules.dispatch_units(inc, ["u1", "u2"], pool, CC, NOW, ids())
    assert inc.dispatches == [] and inc.recorded == [] and pool["u1"].status == "available"
