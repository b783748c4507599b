"""One id through the whole system: an application submitted through the gateway with a chosen
X-Request-Id is found, on valid JSON log lines, in the gateway's log, intake's, and the log of
every service that consumed the resulting application_submitted (contracts.events
SUBSCRIPTIONS), and again in intake's handling of the work item welfare opened in turn. A
malformed X-Request-Id is replaced, never echoed. Each service's output is its own file
(tests/support/infra.py: <tmp>/<service>.log)."""
import json
import time
import uuid

import pytest

from weiquan.contracts.events import SUBSCRIPTIONS
from weiquan.kit.correlation import well_formed

from tests.support.answers import ok
from tests.support.bodies import application

pytestmark = pytest.mark.e2e
PHONE = "13912345678"  # personal data of the application: must be in no log


def consumers_of(source, event_type):
    return sorted({svc for src, evt, svc, _ in SUBSCRIPTIONS if (src, evt) == (source, event_type)})


def lines_with(system, service, needle):
    """The log lines of a service that contain needle, each parsed (fails on non-JSON)."""
    path = system.tmp / f"{service}.log"
    found = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if needle in raw:
            try:
                found.append(json.loads(raw))
            except ValueError:
                raise AssertionError(f"{service}: not a JSON log line: {raw[:300]}") from None
    return found


def wait_for(check, timeout=15.0):
    deadline = time.monotonic() + timeout
    while True:
        missing = check()
        if not missing or time.monotonic() > deadline:
            return missing
        time.sleep(0.2)


def submit(system, request_id):
    body = application(applicant={"type": "officer", "name": "张伟", "phone": PHONE})
    return system.call("POST", "/api/applications", "officer", json=body,
                       headers={"X-Request-Id": request_id})


def test_the_request_id_is_in_the_json_logs_of_every_service_that_took_part(system):
    request_id = f"e2e-corr-{uuid.uuid4().hex[:16]}"
    answer = submit(system, request_id)
    ok(answer, 201)
    assert answer.headers["X-Request-Id"] == request_id
    consumers = consumers_of("intake", "application_submitted")
    assert {"dispatch", "welfare", "publicity"} <= set(consumers)
    wanted = {service: f"{service}.on_application_submitted" for service in consumers}
    wanted["gateway"] = "gateway.submit_application"
    wanted["intake"] = "intake.submit_application"

    def missing():
        return [f"{service}: {entrypoint}" for service, entrypoint in wanted.items()
                if not any(line.get("entrypoint") == entrypoint
                           for line in lines_with(system, service, request_id))]
    assert wait_for(missing) == []

    # welfare's green channel (an injury) is an event of its own, handled by intake: same id
    def second_hop():
        return [] if any(line["entrypoint"] == "intake.on_welfare_work_opened"
                         for line in lines_with(system, "intake", request_id)) else ["intake"]
    assert wait_for(second_hop) == []

    for service in wanted:
        lines = lines_with(system, service, request_id)
        assert all(line["correlation_id"] == request_id for line in lines), service
        assert all(line["service"] == service and line["level"] and line["ts"]
                   for line in lines), service
        access = [line for line in lines if line["logger"] == "weiquan.access"]
        assert access and all(line["outcome"] == "ok" and line["duration_ms"] >= 0
                              for line in access), (service, access)
        assert not lines_with(system, service, PHONE), f"{service} logged personal data"


@pytest.mark.parametrize("malformed", ["bad id with spaces", "x" * 65, "semi;colon;id",
                                       "short"])
def test_a_malformed_request_id_is_replaced_not_echoed(system, malformed):
    answer = system.call("GET", "/api/calendar/due?from=2026-10-08&working_days=3", "officer",
                         headers={"X-Request-Id": malformed})
    ok(answer)
    given = answer.headers["X-Request-Id"]
    assert given != malformed and well_formed(given) and len(given) == 32
    assert wait_for(lambda: [] if lines_with(system, "gateway", given) else ["gateway"]) == []
    assert not lines_with(system, "gateway", f'"{malformed}"')


def test_a_request_without_the_header_gets_a_new_id_each_time(system):
    first = system.call("GET", "/healthz").headers.get("X-Request-Id")
    second = system.call("GET", "/api/no-such-thing").headers.get("X-Request-Id")  # a 404
    page = system.call("GET", "/login").headers.get("X-Request-Id")  # a portal page
    assert first and second and page and len({first, second, page}) == 3
    assert well_formed(first) and well_formed(second) and well_formed(page)
