"""The live board is pushed, not polled: a reported incident reaches an open board stream in
well under the stream's fallback poll (gateway.handlers.incidents.STREAM_POLL), both on the
gateway that took the report (woken by its own answer) and on another gateway process (woken by
dispatch's incident_reported event alone). Each report is sent just after the stream's previous
event, when a stream that only polled would stay quiet for a whole STREAM_POLL."""
import time

import pytest
import requests

from gateway.handlers.incidents import STREAM_POLL

from tests.support.answers import ok
from tests.support.infra import free_port
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e
PUSHED_WITHIN = 2.0   # seconds; a poll-only stream would take about STREAM_POLL
ROUNDS = 3
BODY = {"officers": [{"police_id": "360721001", "name": "张伟", "unit": "城关派出所"}],
        "place": "城关镇红旗大道", "description": "处警时遭多人围攻",
        "category": "mobbing_obstruction", "ongoing": True, "injury": False,
        "anti_gang": False}


@pytest.fixture(scope="module")
def cc(system):
    assert wait_until(lambda: system.call("GET", "/api/units", "command_center").status_code
                      == 200, 60), "dispatch did not answer"
    return system


def _pushed(system, base, rounds=ROUNDS):
    """Report ``rounds`` incidents through ``system``'s gateway, each right after the previous
    board event of the stream on ``base``; the seconds each took to show there."""
    assert STREAM_POLL >= 2 * PUSHED_WITHIN, "the fallback poll alone would pass this test"
    url = base + "/api/incidents/stream?token=" + system.token("command_center")
    took = []
    with requests.get(url, stream=True, timeout=10) as r:
        assert r.status_code == 200
        lines = r.iter_lines(decode_unicode=True)
        next(line for line in lines if line.startswith("data:"))
        for _ in range(rounds):
            sent = time.monotonic()
            incident_id = ok(system.call("POST", "/api/incidents", "command_center",
                                         json=BODY), 201)["incident_id"]
            next(line for line in lines if line.startswith("data:") and incident_id in line)
            took.append(time.monotonic() - sent)
    return took


def test_the_reporting_gateway_pushes_the_incident_to_its_boards(cc):
    took = _pushed(cc, cc.base_url)
    assert max(took) < PUSHED_WITHIN, took


def test_another_gateway_hears_the_incident_from_dispatch_events(cc):
    """A second gateway process on the same broker: nothing but the event can wake it."""
    port = free_port()
    cc.start("gateway", as_name="gateway_board", WEB_SERVER_ADDRESS=f"127.0.0.1:{port}")
    base = f"http://127.0.0.1:{port}"
    try:
        def up():
            try:
                return requests.get(base + "/healthz", timeout=2).status_code == 200
            except requests.RequestException:
                return False
        assert wait_until(up, 60), "second gateway did not start"
        took = _pushed(cc, base, rounds=ROUNDS + 1)
        # the first round may come by the fallback: /healthz can answer before the gateway's
        # queue is bound to dispatch.events
        assert max(took[1:]) < PUSHED_WITHIN, took
    finally:
        cc.stop("gateway_board")
