"""The command center's command and event contracts: bad fields named in Chinese and English,
Art. 39 relations only, no address or names of the protected on the bus."""
from datetime import datetime

import pytest

from weiquan.config import TZ
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import (DispatchUnitsV1, ProtectiveOrderV1, ReferralV1,
                                       ReportIncidentV1)
from weiquan.contracts.events import (DISPATCH_EVENTS, REGISTRY, SUBSCRIPTIONS, build_event,
                                      subscriptions_of)
from weiquan.kit.errors import AppError

from dispatch import events
from dispatch.domain.model import Dispatch, Incident, ProtectiveOrder, Unit

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


def test_every_dispatch_event_validates_and_carries_no_address_or_names():
    uow, unit = Uow(), Unit("u1", "巡逻一组", "patrol")
    inc = Incident("i1", REPORT["officers"], "红旗大道", "遭围攻", "violent_attack",
                   {"ongoing": True, "injury": False, "anti_gang": False, "off_duty": False},
                   NOW, "cc1")
    d = Dispatch("d1", "i1", "u1", NOW, "cc1", acknowledged_at=NOW, arrived_at=NOW,
                 escalated_at=NOW)
    order = ProtectiveOrder("o1", [{"type": "relative", "name": "李娜", "relation": "spouse"}],
                            ["巡逻"], "城关镇机密地址", NOW, NOW, "cc1", incident_id="i1")
    events.incident_reported(uow, inc, ACTOR, NOW)
    events.units_dispatched(uow, inc, [d], {"u1": unit}, ACTOR, NOW)
    events.unit_acknowledged(uow, d, unit, None, ACTOR, NOW)
    events.unit_arrived(uow, d, unit, "GX-WQ-2026-000001", ACTOR, NOW)
    events.dispatch_unacknowledged(uow, d, unit, None, 3, NOW)
    events.protective_order_issued(uow, order, ACTOR, NOW)
    assert [b["event_type"] for b in uow.sent] == list(DISPATCH_EVENTS)
    for body in uow.sent:
        assert DISPATCH_EVENTS[body["event_type"]]().validate(body) == {}
    order_event = str(uow.sent[-1])
    assert "城关镇机密地址" not in order_event and "李娜" not in order_event
    assert uow.sent[-1]["persons"] == 1 and uow.sent[0]["case_no"] is None


def test_registry_and_queues_declared_up_front():
    assert REGISTRY["dispatch"] is DISPATCH_EVENTS
    assert ("intake", "application_submitted", "dispatch", "on_application_submitted") in \
        subscriptions_of("intake")
    assert {s[1] for s in subscriptions_of("dispatch")} >= {
        "incident_reported", "unit_acknowledged", "unit_arrived", "dispatch_unacknowledged"}
    assert len(set(SUBSCRIPTIONS)) == len(SUBSCRIPTIONS)
