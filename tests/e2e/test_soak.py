"""Soak: the whole system under steady load while the statutory clocks are busy, on the SQLite
default and on PostgreSQL. Four clients key in, decide, read and list for three minutes while
intake sweeps every 2 s, recording missed deadlines and sending reminders. No request may take
a second, none may fail, no service may hold its hub or miss a broker heartbeat.

The services' clock starts at 10:00 of the last working day (WEIQUAN_CLOCK_START), so that
reminders are due in working hours whenever the suite runs. The slowest request is printed
and recorded as a junit property."""
import glob
import os
from datetime import datetime

import pytest

from weiquan.calendar import default_calendar
from weiquan.config import TZ

from tests.conftest import hub_stalls
from tests.support.infra import System, app_services, private_amqp_uri
from tests.support.soak import run_soak, working_days_before

pytestmark = [pytest.mark.e2e, pytest.mark.stack]
SOAK_SECONDS = float(os.environ.get("WEIQUAN_SOAK_SECONDS", "180"))
FREEZE_SECONDS = 5.0
BROKER_LOGS = "/var/log/rabbitmq/rabbit@*.log"


def last_working_morning():
    today = datetime.now(TZ).date()
    day = working_days_before(today, 1, default_calendar())
    return datetime(day.year, day.month, day.day, 10, 0, tzinfo=TZ)


class BrokerLog:
    """Lines the local RabbitMQ logs while the soak runs (missed heartbeats are logged there)."""

    def __init__(self):
        self.files = {path: os.path.getsize(path) for path in glob.glob(BROKER_LOGS)
                      if os.access(path, os.R_OK)}

    def new_lines(self):
        lines = []
        for path, offset in self.files.items():
            with open(path, encoding="utf-8", errors="replace") as fle:
                fle.seek(offset)
                lines += fle.read().splitlines()
        return lines


@pytest.fixture
def soak_system(request, tmp_path, pg, s3):
    start = last_working_morning()
    # a vhost of its own: the session's system runs meanwhile on the session's vhost
    sysm = System(tmp_path, pg, backend=request.param, amqp=private_amqp_uri("soak"))
    sysm.use_s3(s3.endpoint)
    # the production pool (10 kept per service, at most as many connections as workers):
    # the soak times requests as deployed
    sysm.env.update(WEIQUAN_SWEEP_INTERVAL="2", WEIQUAN_CLOCK_START=start.isoformat(),
                    DB_POOL_SIZE="10", DB_MAX_OVERFLOW="10")
    sysm.migrate()
    for name in app_services():
        sysm.start(name)
    try:
        sysm.wait_ready()
        yield sysm, start
    finally:
        sysm.shutdown()


@pytest.mark.parametrize("soak_system", ["sqlite", "postgresql"], indirect=True)
def test_soak_under_sweeps(soak_system, record_property, capsys):
    system, clock_start = soak_system
    stalls_before = len(hub_stalls())
    broker = BrokerLog()
    began = datetime.now(TZ)
    result = run_soak(system.base_url, system.token("committee_office"), SOAK_SECONDS,
                      now=lambda: clock_start + (datetime.now(TZ) - began))

    slowest = result.slowest()
    figures = (f"{system.backend}: {result.count()} requests in {SOAK_SECONDS:.0f} s "
               f"(submit {result.count('submit')}, decide {result.count('decide')}, read "
               f"{result.count('read')}, list {result.count('list')}, accountability "
               f"{result.count('accountability')}); p99 {result.percentile(99) * 1000:.0f} ms, "
               f"p99.9 {result.percentile(99.9) * 1000:.0f} ms; slowest "
               + ", ".join(f"{t.what} {t.seconds * 1000:.0f} ms at {t.began:.1f} s"
                           for t in result.slowest(5)))
    with capsys.disabled():  # the figures belong in every run's output, not only with -s
        print("\n" + figures)
    record_property("soak", figures)
    assert not result.errors, result.errors[:5]
    assert not result.server_errors(), result.server_errors()[:5]
    assert result.count("decide") > 50 and result.count("submit") > 100, figures
    assert result.percentile(99.9) < 1.0, figures
    assert slowest.seconds < FREEZE_SECONDS, figures

    # the clocks really were busy: misses recorded and reminders sent during the soak
    _, missed = system.sql("intake", "SELECT count(*) FROM accountability")
    _, reminded = system.sql("intake", "SELECT count(*) FROM clocks WHERE reminded_on IS NOT NULL")
    _, digests = system.sql("intake", "SELECT count(*) FROM notifications "
                                      "WHERE kind = 'reminder_digest'")
    assert missed[0][0] > 50 and reminded[0][0] > 20 and digests[0][0] >= 1, \
        (missed, reminded, digests)

    assert len(hub_stalls()) == stalls_before, hub_stalls()[stalls_before:]
    heartbeats = [ln for ln in broker.new_lines() if "missed heartbeats" in ln]
    assert not heartbeats, heartbeats
    for name in app_services():
        log = (system.tmp / f"{name}.log").read_text(errors="replace")
        assert "Traceback" not in log and "Connection reset" not in log, log[-3000:]
