"""The counters alerts watch with increase() exist at 0 from the start (a series appearing
already at 1 shows no rise): intake's misses of every clock the office holds."""
import pytest
from prometheus_client import REGISTRY

from intake import gauges

pytestmark = pytest.mark.unit


def test_every_missable_clock_has_its_miss_counter_at_zero_before_any_miss():
    gauges.declare_counters()
    for kind, statutory in gauges.MISSABLE:
        value = REGISTRY.get_sample_value("weiquan_deadlines_missed_total",
                                          {"kind": kind, "statutory": statutory})
        assert value is not None, (kind, statutory)
        assert value >= 0


def test_the_clocks_a_submission_opens_are_labelled_as_declared():
    from datetime import datetime, timedelta
    from weiquan.calendar import default_calendar
    from weiquan.config import TZ
    from weiquan.contracts.base import load_or_error
    from weiquan.contracts.commands import SubmitApplicationV1
    from intake.domain.rules import open_case
    from tests.support.bodies import application
    body = application()
    body["incident"]["anti_gang"] = True
    cmd = load_or_error(SubmitApplicationV1, body)
    officer = {"username": "officer", "roles": ["officer"], "police_id": "360721001",
               "unit": "城关派出所", "name": "张伟"}
    now = datetime.now(TZ) + timedelta(minutes=1)
    case = open_case("GX-WQ-2026-000001", cmd, officer, now, now, default_calendar())
    opened = {(c.kind, str(c.statutory).lower()) for c in case.clocks}
    assert {"acceptance_decision", "anti_gang_decision"} <= {k for k, _ in opened}
    assert opened <= set(gauges.MISSABLE)
