"""Shared fixtures. Services run as real subprocesses (so fault tests can kill them), hence no
eventlet monkey patching is needed in the test process itself."""
import pytest

from tests.support.infra import EventTap, PgDatabases, S3Server, System, app_services, drop_vhost


@pytest.fixture(scope="session", autouse=True)
def _broker_vhost():
    yield
    drop_vhost()


@pytest.fixture(scope="session")
def pg():
    dbs = PgDatabases()
    yield dbs
    dbs.drop_all()


@pytest.fixture(scope="session")
def s3(tmp_path_factory):
    server = S3Server(tmp_path_factory.mktemp("s3"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def system(tmp_path_factory, pg, s3):
    sysm = System(tmp_path_factory.mktemp("system"), pg)
    sysm.use_s3(s3.endpoint)
    sysm.migrate()
    sysm.start("probe")
    for name in app_services():
        sysm.start(name)
    try:
        sysm.wait_ready()
        yield sysm
    finally:
        sysm.shutdown()


@pytest.fixture
def tap(system):
    t = EventTap()
    yield t
    t.close()
