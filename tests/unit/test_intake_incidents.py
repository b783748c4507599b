"""Cases nobody filed in person (Art. 13): opened from a live incident report, or referred by
a department; dispatch steps as timeline entries. Pure domain, no broker."""
from datetime import datetime

import pytest

from weiquan.config import TZ
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import ReferralV1
from weiquan.errors import Invalid, NotAllowed

from intake.domain import incidents
from intake.domain.model import ACCEPTANCE_DECISION, ANTI_GANG_DECISION
from tests.support.bodies import application
from tests.unit.helpers_intake import CYBER, OFFICER, OFFICE, at

pytestmark = pytest.mark.unit
NOW = at("2026-09-30T10:00")


def incident_event(**flags):
    return {"event_id": "e1", "event_type": "incident_reported", "incident_id": "inc-1",
            "occurred_at": NOW.isoformat(), "case_no": None,
            "actor": {"username": "cc1", "roles": ["command_center"]},
            "officers": [{"police_id": "360721001", "name": "张伟", "unit": "城关派出所"},
                         {"police_id": "360721002", "name": "刘洋", "unit": "城关派出所"}],
            "category": "vehicle", "place": "105国道", "description": "查车时被拖行",
            "reported_at": at("2026-09-30T09:58").isoformat(),
            "flags": {"ongoing": True, "injury": True, "anti_gang": False, "off_duty": False,
                      **flags}}


def test_incident_case_is_the_command_centers_on_the_intranet(cal):
    case = incidents.case_from_incident("GX-WQ-2026-000009", incident_event(), NOW, cal)
    assert case.incident_id == "inc-1" and case.status == "submitted"
    assert case.applicant == {"type": "unit", "name": "指挥中心", "unit_name": "指挥中心"}
    assert case.channel == "intranet" and case.filed_by == "cc1"
    assert case.officer["police_id"] == "360721001" and case.officer["personnel_type"] == "regular"
    assert len(case.incident["officers"]) == 2 and case.flags["injury"] is True
    assert case.received_at == at("2026-09-30T09:58")
    # received Wed 2026-09-30 -> acceptance due Sat 2026-10-10 (a swapped working day)
    assert case.clock(ACCEPTANCE_DECISION).due_at.date().isoformat() == "2026-10-10"
    assert case.history[0].detail["source"] == "incident"


def test_incident_case_keeps_off_duty_and_the_officers_personnel_type(cal):
    """Art. 37, 38: an off-duty auxiliary officer's incident opens a case saying both, and
    the submission event carries them on."""
    event = incident_event(off_duty=True)
    event["officers"][0]["personnel_type"] = "auxiliary"
    case = incidents.case_from_incident("GX-WQ-2026-000012", event, NOW, cal)
    assert case.officer["personnel_type"] == "auxiliary" and case.flags["off_duty"] is True
    assert case.incident["off_duty"] is True
    [submitted] = case.events
    assert submitted.personnel_type == "auxiliary" and submitted.flags["off_duty"] is True


def test_anti_gang_incident_gets_the_fast_target(cal):
    case = incidents.case_from_incident("GX-WQ-2026-000010", incident_event(anti_gang=True),
                                        NOW, cal)
    assert case.clock(ANTI_GANG_DECISION) is not None


def referral(**over):
    body = application()
    for key in ("applicant", "channel"):
        body.pop(key)
    body["incident"]["occurred_at"] = "2026-09-29T21:00:00+08:00"
    body.update(over)
    return load_or_error(ReferralV1, body)


def test_referral_names_the_department_as_unit_applicant(cal):
    case = incidents.referred_case("GX-WQ-2026-000011", referral(note="网上炒作"), CYBER, NOW, cal)
    assert case.applicant == {"type": "unit", "name": "网安大队", "unit_name": "网安大队"}
    assert case.channel == "intranet" and case.filed_by == CYBER["username"]
    assert case.history[0].detail == {"channel": "intranet", "category": "violent_attack",
                                      "source": "referral", "department": "cyber_brigade",
                                      "note": "网上炒作"}


@pytest.mark.parametrize("who", [OFFICER, OFFICE])
def test_only_departments_refer(who, cal):
    with pytest.raises(NotAllowed) as e:
        incidents.referred_case("GX-WQ-2026-000012", referral(), who, NOW, cal)
    assert e.value.reason == "only_department_refers"


def test_referral_of_a_future_incident_is_refused(cal):
    body = referral()
    body["incident"]["occurred_at"] = datetime(2026, 10, 30, tzinfo=TZ)
    with pytest.raises(Invalid) as e:
        incidents.referred_case("GX-WQ-2026-000013", body, CYBER, NOW, cal)
    assert e.value.fields == {"incident.occurred_at": "incident_in_future"}


def test_dispatch_step_keeps_the_dispatcher_and_no_free_text():
    entry = incidents.dispatch_step({
        "event_type": "unit_acknowledged", "occurred_at": NOW.isoformat(),
        "actor": {"username": "cc1", "roles": ["command_center"]}, "incident_id": "inc-1",
        "dispatch_id": "d1", "unit_name": "巡逻一组", "acknowledged_at": NOW.isoformat(),
        "place": "不应出现"})
    assert (entry.action, entry.actor, entry.at) == ("unit_acknowledged", "cc1", NOW)
    assert "place" not in entry.detail and entry.detail["dispatch_id"] == "d1"
