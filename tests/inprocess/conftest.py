"""The in-process tier: each service's nameko adapter in a real container inside the test
process (nameko's container_factory, entrypoint_hook, replace_dependencies), on a migrated
SQLite file per test and the session's private RabbitMQ vhost. Faster than e2e (no
subprocesses, no gateway), slower than unit (real broker and database).

Run by ``make test`` as ``python -m tests.green tests/inprocess`` (monkey patched); a plain
``pytest`` skips this folder (tests/conftest.py says so in its header)."""
import importlib
from datetime import datetime

import pytest

from tests.support.infra import amqp_uri, free_port
from weiquan import settings
from weiquan.config import TZ

pytestmark = pytest.mark.inprocess
SERVICES = ("intake", "dispatch", "evidence", "welfare", "logistics", "legal_aid", "publicity",
            "gateway")


class FixedClock:
    """A clock the test moves by hand (replace_dependencies(container, clock=FixedClock(..)))."""

    def __init__(self, at=None):
        self.at = at or datetime(2026, 12, 1, 10, 0, tzinfo=TZ)

    def now(self):
        return self.at

    def advance(self, delta):
        self.at += delta


def purge_consumer_queues(amqp_uri, subscriptions=None):
    """Empty the consumer queues of the subscriptions (all by default) in the session's
    vhost: events an earlier test's containers published (dispatch's incidents for intake,
    intake's cases for dispatch) must not open or touch anything in the next test."""
    from kombu import Connection, Queue

    from weiquan.contracts.events import SUBSCRIPTIONS
    from weiquan.kit.consumer import consumer_queue_name, declare_dead_letter, queue_arguments
    from weiquan.kit.outbox import event_exchange
    with Connection(amqp_uri) as conn:
        channel = conn.default_channel
        declare_dead_letter(channel)
        for source, event_type, service, method in subscriptions or SUBSCRIPTIONS:
            queue = Queue(consumer_queue_name(source, event_type, service, method),
                          exchange=event_exchange(source), routing_key=event_type, durable=True,
                          queue_arguments=queue_arguments())(channel)
            queue.declare()
            queue.purge()


def _prepare(tmp, mp, s3):
    mp.setenv("WEIQUAN_DATA_DIR", str(tmp))
    for key, value in dict(MINIO_ENDPOINT=s3.endpoint, MINIO_ACCESS_KEY="weiquan-test",
                           MINIO_SECRET_KEY="weiquan-test-secret", MINIO_SECURE="false",
                           MINIO_BUCKET="evidence-test").items():
        mp.setenv(key, value)
    mp.setenv("AMQP_URI", amqp_uri())
    mp.setenv("WEIQUAN_ENV", "development")
    for name in SERVICES:
        mp.setenv(f"{name.upper()}_DATABASE_URL", f"sqlite:///{tmp / name}.db")
    settings.reset()
    for name in SERVICES:
        importlib.import_module(f"{name}.migrate").migrate()
    purge_consumer_queues(amqp_uri())
    return {"AMQP_URI": amqp_uri(), "WEB_SERVER_ADDRESS": f"127.0.0.1:{free_port()}"}


@pytest.fixture
def service_env(tmp_path, monkeypatch, s3):
    """Settings for containers started in this process: SQLite files in tmp_path, migrated;
    the session's vhost and S3 server. Returns the nameko config."""
    yield _prepare(tmp_path, monkeypatch, s3)
    settings.reset()


@pytest.fixture(scope="module")
def service_env_module(tmp_path_factory, s3):
    """service_env for a module whose containers run for all its tests."""
    with pytest.MonkeyPatch.context() as mp:
        yield _prepare(tmp_path_factory.mktemp("inprocess"), mp, s3)
    settings.reset()


@pytest.fixture(scope="module")
def container_factory_module():
    """nameko's container_factory, for containers shared by a module's tests."""
    from nameko.containers import get_container_cls
    made = []

    def make(service_cls, config):
        container = get_container_cls(config)(service_cls, config)
        made.append(container)
        return container
    yield make
    for container in made:
        container.stop()


def start_all(config, factory, gateway_cls):
    """intake and every department service on the config's vhost, then the
    gateway on its address (evidence's internal endpoint on a port of its own). Returns
    (config, gateway base URL)."""
    from dispatch.service import DispatchService
    from evidence.service import EvidenceService
    from intake.service import IntakeService
    from legal_aid.service import LegalAidService
    from logistics.service import LogisticsService
    from publicity.service import PublicityService
    from welfare.service import WelfareService
    evidence_config = {**config, "WEB_SERVER_ADDRESS": f"127.0.0.1:{free_port()}"}
    for cls, conf in ((IntakeService, config), (DispatchService, config),
                      (EvidenceService, evidence_config), (WelfareService, config),
                      (LogisticsService, config), (LegalAidService, config),
                      (PublicityService, config), (gateway_cls, config)):
        factory(cls, conf).start()
    return config, f"http://{config['WEB_SERVER_ADDRESS']}"


@pytest.fixture
def clock():
    return FixedClock()
