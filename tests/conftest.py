"""Shared fixtures. Services run as real subprocesses (so fault tests can kill them), hence no
eventlet monkey patching is needed in the test process itself."""
import pytest

from tests.support.infra import EventTap, PgDatabases, System, drop_vhost


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
def system(tmp_path_factory, pg):
    sysm = System(tmp_path_factory.mktemp("system"), pg)
    sysm.migrate()
    sysm.start("probe")
    sysm.start("intake")
    sysm.start("gateway")
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
