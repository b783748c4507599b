"""The worker metrics' labels stay bounded: the entrypoint kind from its class, an error named
by its exception class (or a fixed word), a 4xx answer not counted as a failure; each worker is
timed and its failure counted by WorkerMetrics' hooks; a duplicate the inbox skips is counted
with the event its worker handles."""
import sys

import pytest
from nameko.events import EventHandler
from nameko.rpc import Rpc
from nameko.timer import Timer
from nameko.web.handlers import HttpRequestHandler
from prometheus_client import REGISTRY
from sqlalchemy import MetaData, create_engine
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from weiquan.kit import metrics_labels as labels
from weiquan.kit.gauges import Schedule
from weiquan.kit.inbox import claim, inbox_table
from weiquan.kit.nameko_deps import MetricsEndpoint, WorkerMetrics

pytestmark = pytest.mark.unit


def sample(name, **label_values):
    return REGISTRY.get_sample_value(name, label_values) or 0.0


def test_the_kind_comes_from_the_entrypoint_class():
    assert labels.entrypoint_kind(Rpc()) == "rpc"
    assert labels.entrypoint_kind(EventHandler("intake", "case_accepted")) == "event"
    assert labels.entrypoint_kind(HttpRequestHandler("GET", "/x")) == "http"
    assert labels.entrypoint_kind(Timer(interval=1)) == "timer"
    assert labels.entrypoint_kind(object()) == "other"


def test_only_names_from_the_code_pass_as_labels():
    assert labels.code_name("submit_application") == "submit_application"
    assert labels.code_name("GX-WQ-2026-000123") == "other"      # a case number
    assert labels.code_name("360733199508155205") == "other"     # a resident id
    assert labels.code_name("a b") == "other"
    assert labels.code_name("x" * 65) == "other"
    assert labels.code_name(None) == "other"
    assert labels.bounded("accepted", ("accepted", "closed")) == "accepted"
    assert labels.bounded("GX-WQ-2026-000123", ("accepted", "closed")) == "other"


def test_an_error_is_named_by_its_exception_class():
    try:
        {}["x"]
    except KeyError:
        exc_info = sys.exc_info()
    assert labels.failure_of("rpc", None, exc_info) == "KeyError"
    assert labels.error_name(type("GX-WQ-1", (Exception,), {})) == "Exception"


def test_a_5xx_answer_or_response_fails_and_a_4xx_does_not():
    assert labels.failure_of("rpc", {"ok": 1}, None) is None
    assert labels.failure_of("rpc", {"error": {"code": "not_found"}, "status": 404}, None) is None
    assert labels.failure_of("rpc", {"error": {"code": "x"}, "status": 503}, None) == "error_answer"
    assert labels.failure_of("http", Response(status=502), None) == "http_502"
    assert labels.failure_of("http", Response(status=409), None) is None
    assert labels.failure_of("event", None, None) is None


def provider(cls=WorkerMetrics, service="svc_test"):
    dep = cls()
    dep.service = service
    dep._started = {}
    return dep


class Worker:
    """What the hooks read of nameko's WorkerContext (hashable, as it is)."""

    def __init__(self, entrypoint):
        self.entrypoint = entrypoint


def worker(entrypoint, method_name):
    entrypoint.method_name = method_name
    return Worker(entrypoint)


def test_every_worker_is_timed_and_a_failure_counted_once():
    dep = provider()
    ok, bad = worker(Rpc(), "get_case"), worker(Rpc(), "submit_application")
    before = sample("weiquan_entrypoint_seconds_count", service="svc_test", entrypoint="get_case",
                    kind="rpc")
    for ctx in (ok, bad):
        dep.worker_setup(ctx)
    dep.worker_result(ok, {"ok": {}})
    try:
        raise ValueError("boom")
    except ValueError:
        dep.worker_result(bad, None, sys.exc_info())
    dep.worker_teardown(ok)
    dep.worker_teardown(bad)
    assert sample("weiquan_entrypoint_seconds_count", service="svc_test", entrypoint="get_case",
                  kind="rpc") == before + 1
    assert sample("weiquan_entrypoint_errors_total", service="svc_test",
                  entrypoint="submit_application", kind="rpc", error="ValueError") == 1
    assert sample("weiquan_entrypoint_errors_total", service="svc_test", entrypoint="get_case",
                  kind="rpc", error="ValueError") == 0
    assert dep._started == {}


def test_the_inbox_counts_a_duplicate_with_the_event_of_its_worker():
    metadata = MetaData()
    table = inbox_table(metadata)
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    dep = provider(service="svc_inbox")
    ctx = worker(EventHandler("intake", "case_accepted"), "on_case_accepted")
    dep.worker_setup(ctx)
    try:
        with Session(engine) as session, session.begin():
            assert claim(session, table, "e-1", "svc_inbox.on_case_accepted")
            assert not claim(session, table, "e-1", "svc_inbox.on_case_accepted")
    finally:
        dep.worker_teardown(ctx)
        engine.dispose()
    assert sample("weiquan_inbox_duplicates_total", service="svc_inbox",
                  event_type="case_accepted") == 1
    assert labels.CURRENT_EVENT.get() is None


def test_a_duplicate_outside_a_worker_is_labelled_by_the_handler_prefix():
    metadata = MetaData()
    table = inbox_table(metadata)
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    with Session(engine) as session, session.begin():
        claim(session, table, "e-2", "svc_plain.handler")
        claim(session, table, "e-2", "svc_plain.handler")
    engine.dispose()
    assert sample("weiquan_inbox_duplicates_total", service="svc_plain",
                  event_type="unknown") == 1


def test_background_jobs_run_at_once_then_once_per_interval():
    schedule = Schedule(dead_letter=15, domain=30)
    assert sorted(schedule.due(100.0)) == ["dead_letter", "domain"]
    assert schedule.due(110.0) == []
    assert schedule.due(115.0) == ["dead_letter"]
    assert schedule.due(129.0) == []
    assert sorted(schedule.due(130.0)) == ["dead_letter", "domain"]


def test_metrics_endpoint_is_a_worker_metrics_and_takes_one_or_many_refreshers():
    def refresh(session):
        return None
    assert MetricsEndpoint(gauges=refresh).refreshers == (refresh,)
    assert MetricsEndpoint(gauges=[refresh, refresh]).refreshers == (refresh, refresh)
    assert WorkerMetrics().refreshers == ()
    assert not isinstance(WorkerMetrics(), MetricsEndpoint)  # the gateway opens no port
