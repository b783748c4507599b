"""The command center's container in this process, as the adapter tests drive it: the `cc`
fixture (migrated SQLite, the session's broker, the test's clock, a short acknowledgement
timeout) and the calls the gateway would make."""
import uuid

import pytest
from nameko.testing.services import replace_dependencies

from weiquan import settings
from weiquan.config import TZ

from dispatch.service import DispatchService
from tests.inprocess.service_hook import ServiceHook

CC = {"username": "cc1", "roles": ["command_center"]}
OFFICE = {"username": "office1", "roles": ["committee_office"]}
OFFICER = {"username": "zw", "roles": ["officer"]}
REPORT = {"officers": [{"police_id": "360721001", "name": "张伟", "unit": "城关派出所"}],
          "place": "城关镇红旗大道", "description": "处警时遭多人围攻",
          "category": "mobbing_obstruction", "ongoing": True, "injury": True}
ACK_TIMEOUT = 3   # seconds; the sweep then runs every second


@pytest.fixture
def cc(service_env, container_factory, clock, monkeypatch):
    """The dispatch container on the test's clock, with a short acknowledgement timeout."""
    monkeypatch.setenv("DISPATCH_ACK_TIMEOUT", str(ACK_TIMEOUT))
    settings.reset()
    container = container_factory(DispatchService, service_env)
    replace_dependencies(container, clock=clock)
    container.start()
    return Service(container, service_env)


class Service(ServiceHook):
    """The command center's entrypoints, with a unit and an incident made in one call."""

    def unit(self, name=None, kind="patrol"):
        return self.ok("register_unit", {"name": name or f"巡逻{uuid.uuid4().hex[:4]}",
                                         "kind": kind}, CC)["unit_id"]

    def incident(self, **over):
        return self.ok("report_incident", {**REPORT, **over}, CC)["incident_id"]


def iso(clock):
    return clock.now().astimezone(TZ).isoformat()


def _submitted(incident_id, case_no, event_id=None, **more):
    return {"event_id": event_id or str(uuid.uuid4()), "event_type": "application_submitted",
            "case_no": case_no, "incident_id": incident_id, **more}
