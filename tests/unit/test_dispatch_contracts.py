"""The command center's command and event contracts: bad fields named in Chinese and English,
Art. 39 relations only, no address or names of the protected on the bus."""
from datetime import datetime, timedelta

import pytest

from weiquan.config import TZ
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import (DispatchUnitsV1, ProtectiveOrderV1, ReferralV1,
                                       ReportIncidentV1)
from weiquan.contracts.events import (DISPATCH_EVENTS, REGISTRY, SUBSCRIPTIONS, build_event,
                                      subscriptions_of)
from weiquan.kit.errors import AppError

from dispatch import events
from dispatch.domain import protection, rules
from dispatch.domain.model import Unit

pytestmark = pytest.mark.unit
NOW = datetime(2026, 10, 9, 10, 0, tzinfo=TZ)
ACTOR = {"username": "cc1", "roles": ["command_center"]}
REPORT = {"officers": [{"police_id": "360721001", "name": "张伟", "unit": "城关派出所"}],
          "place": "红旗大道", "description": "遭围攻", "category": "violent_attack"}


def fields_of(schema, body):
    with pytest.raises(AppError) as e:
        load_or_error(schema, body)
    assert e.value.status == 422
    return e.value.fields


@pytest.mark.parametrize("body,field", [
    ({k: v for k, v in REPORT.items() if k != "officers"}, "officers"),
    ({**REPORT, "officers": []}, "officers"),
    ({**REPORT, "category": "robbery"}, "category"),
    ({**REPORT, "ongoing": "yes"}, "ongoing"),
    ({**REPORT, "officers": [{"name": "张伟", "unit": "城关派出所"}]}, "officers.0.police_id"),
    ({**REPORT, "channel": "app"}, "channel"),
    ({**REPORT, "off_duty": "yes"}, "off_duty"),
    ({**REPORT, "officers": [{**REPORT["officers"][0], "personnel_type": "contract"}]},
     "officers.0.personnel_type"),
])
def test_bad_incident_reports_name_the_field(body, field):
    found = fields_of(ReportIncidentV1, body)
    assert field in found, found
    assert "/" in found[field]


def test_defaults_of_a_report():
    cmd = load_or_error(ReportIncidentV1, REPORT)
    assert (cmd["ongoing"], cmd["injury"], cmd["anti_gang"]) == (False, False, False)


@pytest.mark.parametrize("relation", ["cousin", "grandmother", "friend"])
def test_relation_outside_art39_is_refused(relation):
    body = {"persons": [{"type": "relative", "name": "李娜", "relation": relation}],
            "measures": ["巡逻"], "address": "某地", "valid_until": "2026-12-01T00:00:00+08:00",
            "case_no": "GX-WQ-2026-000001"}
    assert "persons.0.relation" in fields_of(ProtectiveOrderV1, body)


def test_order_needs_exactly_one_anchor():
    body = {"persons": [{"type": "officer", "name": "张伟"}], "measures": ["巡逻"],
            "address": "某地", "valid_until": "2026-12-01T00:00:00+08:00"}
    assert "case_no" in fields_of(ProtectiveOrderV1, body)
    assert "case_no" in fields_of(ProtectiveOrderV1, {**body, "case_no": "GX-WQ-2026-000001",
                                                      "incident_id": "x"})
    assert "case_no" in fields_of(ProtectiveOrderV1, {**body, "case_no": "123"})


def test_dispatch_needs_units_and_referral_has_no_applicant():
    assert "unit_ids" in fields_of(DispatchUnitsV1, {"unit_ids": []})
    found = fields_of(ReferralV1, {"applicant": {}, "channel": "intranet"})
    assert {"applicant", "channel", "officer", "category", "incident"} <= set(found)


class Uow:
    def __init__(self):
        self.sent = []

    def emit(self, source, event_type, case_no, actor, payload, now=None):
        body = build_event(source, event_type, case_no, actor, payload, now)
        self.sent.append(body)
        return body


def recorded_by_the_rules():
    """One of each event, as the rules record them: report, dispatch, escalate, acknowledge
    late, arrive, protective order, the protection item opened and closed by it, the order
    extended, then revoked."""
    cmd = load_or_error(ReportIncidentV1, {**REPORT, "ongoing": True})
    inc = rules.report_incident("i1", cmd, ACTOR, NOW)
    unit = Unit("u1", "巡逻一组", "patrol")
    [d] = rules.dispatch_units(inc, ["u1"], {"u1": unit}, ACTOR, NOW, lambda: "d1")
    later = NOW + timedelta(minutes=5)
    rules.escalate(d, unit, None, later, 3)
    rules.acknowledge(d, unit, "GX-WQ-2026-000001", ACTOR, later)
    rules.arrive(d, unit, "GX-WQ-2026-000001", ACTOR, later)
    order = rules.issue_order("o1", load_or_error(ProtectiveOrderV1, {
        "persons": [{"type": "relative", "name": "李娜", "relation": "spouse"}],
        "measures": ["巡逻"], "address": "城关镇机密地址",
        "valid_until": (NOW + timedelta(days=3)).isoformat(), "incident_id": "i1"}),
        inc, ACTOR, NOW)
    item = protection.open_protection("w1", "GX-WQ-2026-000001", NOW, NOW)
    protection.close_protection(item, "o1", ACTOR, later)
    protection.extend_order(order, {"valid_until": NOW + timedelta(days=9),
                                    "reason": "嫌疑人仍在逃"}, ACTOR, later)
    protection.revoke_order(order, {"reason": "嫌疑人已到案"}, ACTOR, later)
    return inc, d, order, item


def test_every_dispatch_event_validates_and_carries_no_address_or_names():
    uow = Uow()
    for changed in recorded_by_the_rules():
        events.announce(uow, changed)
        assert changed.recorded == []
    assert [b["event_type"] for b in uow.sent] == [
        "incident_reported", "units_dispatched", "dispatch_unacknowledged",
        "unit_acknowledged", "unit_arrived", "protective_order_issued",
        "protective_order_changed", "protective_order_changed", "work_opened", "work_closed"]
    # dispatch's work items open and close; nothing of dispatch updates one in between
    assert set(DISPATCH_EVENTS) - {"work_updated"} == {b["event_type"] for b in uow.sent}
    for body in uow.sent:
        assert DISPATCH_EVENTS[body["event_type"]]().validate(body) == {}
    order_events = str(uow.sent[5:8])
    for secret in ("城关镇机密地址", "李娜", "嫌疑人仍在逃", "嫌疑人已到案"):
        assert secret not in order_events
    assert uow.sent[5]["persons"] == 1 and uow.sent[0]["case_no"] is None


def test_event_payloads_are_the_wire_contract():
    """The exact fields each event has always carried, from the facts the rules recorded."""
    uow = Uow()
    for changed in recorded_by_the_rules():
        events.announce(uow, changed)
    by_type = {b["event_type"]: b for b in uow.sent}
    envelope = {"event_id", "event_type", "schema_version", "occurred_at", "case_no", "actor"}
    ref = {"dispatch_id": "d1", "unit_id": "u1", "unit_name": "巡逻一组", "unit_kind": "patrol"}
    step = {"incident_id": "i1", "dispatched_at": NOW.isoformat(), **ref}
    later = (NOW + timedelta(minutes=5)).isoformat()
    payload = {t: {k: v for k, v in b.items() if k not in envelope} for t, b in by_type.items()}
    assert payload["incident_reported"] == {
        "incident_id": "i1", "officers": [{**REPORT["officers"][0], "personnel_type": "regular"}],
        "category": "violent_attack",
        "place": "红旗大道", "description": "遭围攻", "reported_at": NOW.isoformat(),
        "flags": {"ongoing": True, "injury": False, "anti_gang": False, "off_duty": False}}
    assert payload["units_dispatched"] == {"incident_id": "i1", "dispatched_at": NOW.isoformat(),
                                           "units": [ref]}
    assert payload["dispatch_unacknowledged"] == {**step, "escalated_at": later,
                                                  "timeout_seconds": 3}
    assert payload["unit_acknowledged"] == {**step, "acknowledged_at": later,
                                            "after_escalation": True}
    assert payload["unit_arrived"] == {**step, "arrived_at": later}
    assert payload["protective_order_issued"] == {
        "incident_id": "i1", "order_id": "o1", "persons": 1, "measures": ["巡逻"],
        "valid_until": (NOW + timedelta(days=3)).isoformat(), "issued_at": NOW.isoformat()}
    extended, revoked = [b for b in uow.sent if b["event_type"] == "protective_order_changed"]
    assert {k: v for k, v in extended.items() if k not in envelope} == {
        "incident_id": "i1", "order_id": "o1", "change": "extended",
        "valid_until": (NOW + timedelta(days=9)).isoformat(), "at": later}
    assert (revoked["change"], revoked["valid_until"]) == ("revoked", later)
    assert payload["work_opened"] == {
        "item_id": "w1", "department": "command_center", "kind": "protection",
        "owner": "command_center", "due": (NOW + timedelta(days=1)).isoformat(),
        "state": "open", "summary": "人身安全保护：待评估并落实措施"}
    assert payload["work_closed"]["state"] == "done"
    assert by_type["work_opened"]["actor"]["username"] == "system"
    assert by_type["dispatch_unacknowledged"]["actor"] == {"username": "system",
                                                           "roles": ["command_center"]}
    assert by_type["unit_arrived"]["case_no"] == "GX-WQ-2026-000001"
    assert by_type["unit_arrived"]["actor"] == ACTOR and by_type["unit_arrived"][
        "occurred_at"] == later


def test_an_incident_event_from_before_personnel_type_still_validates():
    """Art. 38 rides on incident_reported now; an older event without it reads as regular."""
    body = build_event("dispatch", "incident_reported", None, ACTOR, {
        "incident_id": "i1", "officers": REPORT["officers"], "category": "violent_attack",
        "place": "红旗大道", "description": "遭围攻", "reported_at": NOW.isoformat(),
        "flags": {"ongoing": False, "injury": False, "anti_gang": False, "off_duty": True}})
    loaded = DISPATCH_EVENTS["incident_reported"]().load(body)
    assert loaded["officers"][0]["personnel_type"] == "regular"
    bad = {**body, "officers": [{**REPORT["officers"][0], "personnel_type": "contract"}]}
    assert "officers" in DISPATCH_EVENTS["incident_reported"]().validate(bad)


def test_registry_and_queues_declared_up_front():
    assert REGISTRY["dispatch"] is DISPATCH_EVENTS
    assert ("intake", "application_submitted", "dispatch", "on_application_submitted") in \
        subscriptions_of("intake")
    assert {s[1] for s in subscriptions_of("dispatch")} >= {
        "incident_reported", "unit_acknowledged", "unit_arrived", "dispatch_unacknowledged"}
    assert len(set(SUBSCRIPTIONS)) == len(SUBSCRIPTIONS)
