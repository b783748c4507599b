"""Every service's container starts in-process on its migrated database and answers ping."""
import importlib

import pytest
from nameko.testing.services import entrypoint_hook

pytestmark = pytest.mark.inprocess

SERVICE_CLASSES = {"intake": "IntakeService", "dispatch": "DispatchService",
                   "evidence": "EvidenceService"}


@pytest.mark.parametrize("name", sorted(SERVICE_CLASSES))
def test_service_starts_and_answers_ping(name, service_env, container_factory):
    cls = getattr(importlib.import_module(f"{name}.service"), SERVICE_CLASSES[name])
    container = container_factory(cls, service_env)
    container.start()
    with entrypoint_hook(container, "ping") as ping:
        assert ping() == {"ok": "ok"}
    container.stop()
