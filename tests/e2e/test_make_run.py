"""`make run`'s orchestrator brings the whole system up and down cleanly on embedded defaults
(SQLite files, local S3 server, the local RabbitMQ)."""
import signal

import pytest
import requests

from tests.support import devrun_proc as dr

pytestmark = [pytest.mark.e2e, pytest.mark.stack]


def test_devrun_serves_healthz_and_stops_on_sigint(tmp_path):
    env = dr.devrun_env(tmp_path)
    port, metrics_port = int(env["WEB_SERVER_ADDRESS"].split(":")[1]), int(env["METRICS_PORT"])
    log = tmp_path / "devrun.log"
    proc = dr.start(env, log)
    try:
        dr.wait_ready(env, proc, log)  # every service answers
        assert requests.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code == 200
        login = requests.post(f"http://127.0.0.1:{port}/api/auth/login",
                              json={"username": "committee_director", "password": "demo"})
        assert login.status_code == 200 and login.json()["roles"] == ["committee_director"]
        assert (tmp_path / "intake.db").exists() and (tmp_path / "gateway.db").exists()
        intake_metrics = requests.get(f"http://127.0.0.1:{metrics_port}/metrics", timeout=5).text
        assert 'weiquan_outbox_pending{service="intake"}' in intake_metrics
        gateway_metrics = requests.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
        assert 'weiquan_http_requests_total{method="POST",route="/api/auth/login",status="200"}' \
            in gateway_metrics
    finally:
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=60)
    assert code == 0, log.read_text()[-3000:]
