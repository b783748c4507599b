"""The command center's container in this process, as the adapter tests drive it: the `cc`
fixture (migrated SQLite, the session's broker, the test's clock, a short acknowledgement
timeout) and the calls the gateway would make."""
import json
import uuid

import pytest
from nameko.testing.services import entrypoint_hook, replace_dependencies
from nameko.testing.utils import get_extension
from sqlalchemy import select

from weiquan import settings
from weiquan.config import TZ
from weiquan.kit.nameko_deps import Database

from dispatch.models import outbox
from dispatch.service import DispatchService

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


class Service:
    """Calls entrypoints as the gateway would, and reads what the service put on its outbox."""

    def __init__(self, container, config):
        self.container, self.config = container, config

    def answer(self, method, *args):
        with entrypoint_hook(self.container, method) as call:
            return call(*args)

    def ok(self, method, *args):
        answer = self.answer(method, *args)
        assert "ok" in answer, answer
        return answer["ok"]

    def error(self, method, *args, status):
        answer = self.answer(method, *args)
        assert answer.get("status") == status, answer
        return answer["error"]

    def events(self, event_type=None):
        db = get_extension(self.container, Database)
        with db.session_factory() as session:
            rows = session.execute(select(outbox.c.routing_key, outbox.c.body)
                                   .order_by(outbox.c.id)).all()
        return [json.loads(body) for key, body in rows if event_type in (None, key)]

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
