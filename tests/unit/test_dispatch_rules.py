"""The command center's rules (Art. 13, 19, 20) as plain Python: who may act, what a
dispatch becomes, escalation exactly once, the protected address for the command center only."""
import itertools
from datetime import datetime, timedelta

import pytest

from weiquan.config import TZ
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import ProtectiveOrderV1, ReportIncidentV1
from weiquan.kit.errors import AppError

from dispatch.domain import rules
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
    return exc_info.value.code, exc_info.value.status


def test_report_sets_flags_and_reporter():
    inc = incident()
    assert inc.status == "open" and inc.case_no is None and inc.reported_by == "cc1"
    assert inc.flags == {"ongoing": True, "injury": True, "anti_gang": False, "off_duty": False}


@pytest.mark.parametrize("who", [OFFICE, OFFICER])
def test_only_the_command_center_reports(who):
    with pytest.raises(AppError) as e:
        rules.report_incident("x", load_or_error(ReportIncidentV1, REPORT), who, NOW)
    assert code(e) == ("forbidden", 403)


def test_dispatch_marks_units_dispatched():
    inc, pool = incident(), units("available", "available")
    made = rules.dispatch_units(inc, ["u1", "u2"], pool, CC, NOW, ids())
    assert [d.unit_id for d in made] == ["u1", "u2"]
    assert {u.status for u in pool.values()} == {"dispatched"}
    assert inc.dispatches == made and all(dispatch_state(d) == "awaiting_ack" for d in made)


def test_unknown_and_repeated_units_are_named():
    with pytest.raises(AppError) as e:
        rules.dispatch_units(incident(), ["u1", "nope", "u1"], units("available"), CC, NOW, ids())
    assert e.value.status == 422
    assert set(e.value.fields) == {"unit_ids.1", "unit_ids.2"}
    assert "nope" in e.value.fields["unit_ids.1"]


@pytest.mark.parametrize("status", ["dispatched", "on_scene", "off_duty"])
def test_busy_unit_is_a_conflict(status):
    with pytest.raises(AppError) as e:
        rules.dispatch_units(incident(), ["u1"], units(status), CC, NOW, ids())
    assert code(e) == ("unit_unavailable", 409)


def test_closed_incident_takes_no_dispatch():
    inc, pool = incident(), units("available")
    rules.close_incident(inc, pool, CC, NOW)
    with pytest.raises(AppError) as e:
        rules.dispatch_units(inc, ["u1"], pool, CC, NOW, ids())
    assert code(e) == ("incident_closed", 409)


def test_acknowledge_then_arrive_then_close_frees_the_unit():
    inc, pool = incident(), units("available")
    [d] = rules.dispatch_units(inc, ["u1"], pool, CC, NOW, ids())
    with pytest.raises(AppError) as e:
        rules.arrive(d, pool["u1"], CC, NOW)
    assert code(e) == ("not_acknowledged", 409)
    rules.acknowledge(d, CC, NOW + timedelta(seconds=5))
    assert d.acknowledged_by == "cc1" and dispatch_state(d) == "acknowledged"
    with pytest.raises(AppError) as e:
        rules.acknowledge(d, CC, NOW)
    assert code(e) == ("already_acknowledged", 409)
    rules.arrive(d, pool["u1"], CC, NOW + timedelta(minutes=4))
    assert pool["u1"].status == "on_scene" and dispatch_state(d) == "arrived"
    rules.close_incident(inc, pool, CC, NOW + timedelta(hours=1))
    assert inc.status == "closed" and pool["u1"].status == "available"


def test_escalation_happens_once_after_the_timeout():
    inc, pool = incident(), units("available")
    [d] = rules.dispatch_units(inc, ["u1"], pool, CC, NOW, ids())
    assert not rules.escalate(d, NOW + timedelta(seconds=119), 120)
    assert rules.escalate(d, NOW + timedelta(seconds=120), 120)
    assert d.escalated_at == NOW + timedelta(seconds=120) and dispatch_state(d) == "escalated"
    assert not rules.escalate(d, NOW + timedelta(seconds=500), 120)
    assert d.escalated_at == NOW + timedelta(seconds=120)


def test_acknowledged_dispatch_never_escalates():
    inc, pool = incident(), units("available")
    [d] = rules.dispatch_units(inc, ["u1"], pool, CC, NOW, ids())
    rules.acknowledge(d, CC, NOW + timedelta(seconds=10))
    assert not rules.ack_overdue(d, NOW + timedelta(hours=1), 120)


def test_link_case_is_idempotent_and_refuses_a_second_number():
    inc = incident()
    assert rules.link_case(inc, "GX-WQ-2026-000001") is True
    assert rules.link_case(inc, "GX-WQ-2026-000001") is False
    with pytest.raises(AppError) as e:
        rules.link_case(inc, "GX-WQ-2026-000002")
    assert e.value.code == "case_already_linked"


def test_unit_on_a_task_cannot_go_off_duty():
    pool = units("dispatched")
    with pytest.raises(AppError) as e:
        rules.set_unit_status(pool["u1"], "off_duty", CC)
    assert code(e) == ("unit_busy", 409)
    assert rules.set_unit_status(units("available")["u1"], "off_duty", CC).status == "off_duty"


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
    assert order_view(order, CC)["address"] == "城关镇某小区3栋"
    assert "address" not in order_view(order, OFFICE)


def test_order_for_unknown_incident_or_past_validity_is_refused():
    with pytest.raises(AppError) as e:
        rules.issue_order("o1", order_cmd(), None, CC, NOW)
    assert "incident_id" in e.value.fields
    with pytest.raises(AppError) as e:
        rules.issue_order("o1", order_cmd(valid_until=NOW.isoformat()), incident(), CC, NOW)
    assert "valid_until" in e.value.fields
    with pytest.raises(AppError) as e:
        rules.issue_order("o1", order_cmd(), incident(), OFFICE, NOW)
    assert e.value.status == 403
