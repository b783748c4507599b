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
SERVICES = ("intake", "dispatch", "evidence", "gateway")


class FixedClock:
    """A clock the test moves by hand (replace_dependencies(container, clock=FixedClock(..)))."""

    def __init__(self, at=None):
        self.at = at or datetime(2026, 12, 1, 10, 0, tzinfo=TZ)

    def now(self):
        return self.at

    def advance(self, delta):
        self.at += delta


@pytest.fixture
def service_env(tmp_path, monkeypatch, s3):
    """Settings for containers started in this process: SQLite files in tmp_path, migrated;
    the session's vhost and S3 server. Returns the nameko config."""
    monkeypatch.setenv("WEIQUAN_DATA_DIR", str(tmp_path))
    for key, value in dict(MINIO_ENDPOINT=s3.endpoint, MINIO_ACCESS_KEY="weiquan-test",
                           MINIO_SECRET_KEY="weiquan-test-secret", MINIO_SECURE="false",
                           MINIO_BUCKET="evidence-test").items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("AMQP_URI", amqp_uri())
    monkeypatch.setenv("WEIQUAN_ENV", "development")
    for name in SERVICES:
        monkeypatch.setenv(f"{name.upper()}_DATABASE_URL", f"sqlite:///{tmp_path / name}.db")
    settings.reset()
    for name in SERVICES:
        importlib.import_module(f"{name}.migrate").migrate()
    yield {"AMQP_URI": amqp_uri(), "WEB_SERVER_ADDRESS": f"127.0.0.1:{free_port()}"}
    settings.reset()


@pytest.fixture
def clock():
    return FixedClock()
