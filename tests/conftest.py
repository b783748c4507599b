"""Shared fixtures. Services run as real subprocesses (so fault tests can kill them), hence no
eventlet monkey patching is needed in the test process itself.

Every service these tests start runs its hub guard at 1 s and appends each stall to one report
file of this session; the session fails when the report is not empty (see pytest_sessionfinish),
whichever test was running when a service blocked its hub."""
import json
import os
import tempfile

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


HUB_REPORT = os.path.join(tempfile.mkdtemp(prefix="weiquan-hub-"), "hub-guard.jsonl")
os.environ["WEIQUAN_HUB_GUARD"] = "1"  # inherited by every service process the tests start
os.environ["WEIQUAN_HUB_GUARD_REPORT"] = HUB_REPORT


def hub_stalls(path=HUB_REPORT):
    """What the services' hub guards reported: one dict per line."""
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as fle:
        return [json.loads(line) for line in fle if line.strip()]


def pytest_sessionfinish(session, exitstatus):
    stalls = hub_stalls()
    if not stalls:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    lines = [f"{s['service']} (pid {s['pid']}): "
             + (f"held the hub more than {s['held_more_than']} s at\n{s['stack']}"
                if "stack" in s else f"released it after {s['held_seconds']} s")
             for s in stalls]
    text = "HUB GUARD: a service held the eventlet hub:\n" + "\n".join(lines)
    if reporter:
        reporter.write_line(text, red=True)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED


def _green():
    from eventlet import patcher
    return patcher.is_monkey_patched("socket")


def pytest_ignore_collect(collection_path, config):
    """tests/inprocess needs a monkey-patched process (python -m tests.green); a plain pytest
    leaves it out and says so in its header."""
    if collection_path.name == "inprocess" and collection_path.parent.name == "tests":
        return not _green()
    return None


def pytest_report_header(config):
    if not _green():
        return "in-process tier (tests/inprocess) not collected: run `python -m tests.green " \
               "tests/inprocess` (make test does)"
    return None
