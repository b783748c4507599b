"""The correlation id and the JSON log lines: which ids are adopted, what a line holds, what an
event body carries, and what the access line says (kit.correlation, kit.logs)."""
import json
import logging
import sys
from datetime import datetime
from types import SimpleNamespace

import pytest
from nameko.events import EventHandler
from nameko.rpc import Rpc
from nameko.timer import Timer
from nameko.web.handlers import HttpRequestHandler
from werkzeug.wrappers import Response

from weiquan.contracts.event_base import EventSchema
from weiquan.contracts.events import build_event
from weiquan.kit import correlation, logs
from weiquan.kit.correlation import CorrelationId, adopt, well_formed

pytestmark = pytest.mark.unit
ACTOR = {"username": "officer", "roles": ["officer"]}


@pytest.mark.parametrize("raw", [
    "0123456789abcdef0123456789abcdef", "req-2026.12.01_0001", "A" * 64, "abcdefgh",
    "3f2b8c1e-5d4a-4b7e-9c2d-1a0f6e8b7c3d"])
def test_well_formed_ids_are_adopted_as_they_are(raw):
    assert well_formed(raw) and adopt(raw) == raw


@pytest.mark.parametrize("raw", [
    None, "", "short", "A" * 65, "has space 123", 'quote"12345678', "new\nline1234",
    "-leading-dash", "中文请求编号一二三四", "semi;colon1234", "x" * 10_000, 12345678901])
def test_malformed_ids_are_replaced_by_a_new_one(raw):
    assert not well_formed(raw)
    given = adopt(raw)
    assert given != raw and well_formed(given) and len(given) == 32


def test_new_ids_differ():
    assert adopt(None) != adopt(None)


def record(message="hello %s", args=("world",), exc_info=None, **extra):
    rec = logging.LogRecord("weiquan.test", logging.WARNING, __file__, 1, message, args,
                            exc_info)
    for key, value in extra.items():
        setattr(rec, key, value)
    return rec


def test_a_json_line_holds_the_fields_and_the_worker_id():
    token = correlation.bind("req-0001-abcdef", "intake.submit_application")
    try:
        line = logs.JsonFormatter("intake").format(record(kind="rpc", duration_ms=1.5))
    finally:
        correlation.unbind(token)
    assert "\n" not in line
    body = json.loads(line)
    assert body["level"] == "WARNING" and body["logger"] == "weiquan.test"
    assert body["service"] == "intake" and body["message"] == "hello world"
    assert body["correlation_id"] == "req-0001-abcdef"
    assert body["entrypoint"] == "intake.submit_application"
    assert body["kind"] == "rpc" and body["duration_ms"] == 1.5
    ts = datetime.fromisoformat(body["ts"])
    assert ts.utcoffset().total_seconds() == 8 * 3600  # Asia/Shanghai
    assert "exc" not in body and "args" not in body and "msg" not in body


def test_outside_a_worker_the_id_is_null():
    body = json.loads(logs.JsonFormatter("gateway").format(record()))
    assert body["correlation_id"] is None and body["entrypoint"] is None


def test_a_traceback_stays_on_one_line_and_chinese_text_stays_readable():
    try:
        raise ValueError("坏了\nbroken")
    except ValueError:
        rec = record("出错了 %s", ("原因",), exc_info=sys.exc_info())
    line = logs.JsonFormatter("welfare").format(rec)
    assert "\n" not in line and "出错了 原因" in line
    body = json.loads(line)
    assert "Traceback" in body["exc"] and "ValueError: 坏了" in body["exc"]


def test_an_unserialisable_extra_becomes_text():
    body = json.loads(logs.JsonFormatter("x").format(record(thing=object())))
    assert body["thing"].startswith("<object object")


@pytest.fixture
def lean():
    saved = (logging.logThreads, logging.logProcesses, logging.logMultiprocessing,
             logging._srcfile)
    logs.lean_records()
    yield
    (logging.logThreads, logging.logProcesses, logging.logMultiprocessing,
     logging._srcfile) = saved


def test_lean_records_leave_out_what_no_format_shows_and_the_lines_are_the_same(lean):
    logger = logging.getLogger("weiquan.test.lean")
    made = []
    logger.addFilter(lambda rec: made.append(rec) or False)  # keep the record, emit nothing
    logger.warning("hello %s", "world", extra={"kind": "event", "duration_ms": 0.7})
    [rec] = made
    assert (rec.thread, rec.threadName, rec.process, rec.processName) == (None,) * 4
    assert (rec.lineno, rec.funcName) == (0, "(unknown function)")   # no stack walk
    body = json.loads(logs.JsonFormatter("dispatch").format(rec))
    assert set(body) == {"ts", "level", "logger", "service", "message", "correlation_id",
                         "entrypoint", "kind", "duration_ms"}
    assert body["message"] == "hello world" and body["kind"] == "event"
    assert logs.TextFormatter("dispatch").format(rec).endswith(
        "WARNING weiquan.test.lean hello world")


def test_log_format_text_gives_plain_lines_with_the_short_id():
    assert logs.chosen_format({"LOG_FORMAT": "text"}) == "text"
    assert logs.chosen_format({}) == "json"
    assert logs.chosen_format({"LOG_FORMAT": "yaml"}) == "json"  # settings reports it at start
    fmt = logs.formatter("intake", "text")
    token = correlation.bind("0123456789abcdef", "intake.ping")
    try:
        line = fmt.format(record())
    finally:
        correlation.unbind(token)
    assert "[01234567] hello world" in line and not line.startswith("{")
    assert isinstance(logs.formatter("intake", "json"), logs.JsonFormatter)


def test_build_event_carries_the_workers_id_and_the_schema_accepts_it():
    token = correlation.bind("req-0002-abcdef", "intake.submit_application")
    try:
        body = build_event("intake", "application_submitted", "GX-WQ-2026-000001", ACTOR,
                           _submitted_payload())
    finally:
        correlation.unbind(token)
    assert body["correlation_id"] == "req-0002-abcdef"
    assert "correlation_id" not in build_event("intake", "application_submitted",
                                               "GX-WQ-2026-000001", ACTOR,
                                               _submitted_payload())
    schema = EventSchema()
    base = {k: v for k, v in body.items() if k in schema.fields}
    assert schema.validate(base) == {}
    assert schema.validate({**base, "correlation_id": None}) == {}
    assert "correlation_id" in schema.validate({**base, "correlation_id": 5})


def _submitted_payload():
    from tests.unit.test_contracts_events import PAYLOADS
    return dict(PAYLOADS["application_submitted"])


def test_a_consumer_adopts_the_events_id():
    data = correlation.with_event_id({"event_id": "e"}, {"correlation_id": "req-0003-abc"})
    assert data == {"event_id": "e", "correlation_id": "req-0003-abc"}
    assert correlation.with_event_id({}, {"event_type": "x"}) == {}


# ---- the dependency provider, with stand-ins for nameko's worker context -------------------
def entry(cls, method="act"):
    ep = cls.__new__(cls)
    ep.method_name = method
    return ep


class WorkerCtx(SimpleNamespace):
    __hash__ = object.__hash__  # nameko's WorkerContext hashes by identity


def worker(ep, data=None, args=()):
    return WorkerCtx(entrypoint=ep, data=dict(data or {}), args=args,
                           service_name="intake")


def run(provider, ctx, result=None, exc_info=None):
    provider.worker_setup(ctx)
    seen = correlation.current()
    provider.worker_result(ctx, result, exc_info)
    provider.worker_teardown(ctx)
    return seen


def test_an_rpc_worker_keeps_its_callers_id_and_passes_it_on(caplog):
    provider = CorrelationId()
    ctx = worker(entry(Rpc, "get_case"), {"correlation_id": "req-0004-abcdef"})
    with caplog.at_level(logging.INFO, "weiquan.access"):
        seen = run(provider, ctx, {"ok": {}})
    assert seen == ("req-0004-abcdef", "intake.get_case")
    assert ctx.data["correlation_id"] == "req-0004-abcdef"  # nameko sends it on every RPC
    assert correlation.current() is None  # cleared at teardown
    [line] = caplog.records
    assert (line.kind, line.outcome) == ("rpc", "ok") and line.duration_ms >= 0


def test_a_malformed_callers_id_is_replaced():
    ctx = worker(entry(Rpc), {"correlation_id": "bad id"})
    seen = run(CorrelationId(), ctx)
    assert seen[0] != "bad id" and well_formed(seen[0])


def test_an_http_worker_takes_the_request_header_or_makes_one(caplog):
    good = SimpleNamespace(headers={"X-Request-Id": "req-0005-abcdef"}, method="POST")
    bad = SimpleNamespace(headers={"X-Request-Id": "<script>"}, method="GET")
    ep = entry(HttpRequestHandler)
    ep.url = "/api/cases/<case_no>"
    with caplog.at_level(logging.INFO, "weiquan.access"):
        assert run(CorrelationId(), worker(ep, args=(good,)),
                   Response(status=201))[0] == "req-0005-abcdef"
        made = run(CorrelationId(), worker(ep, args=(bad,)), Response(status=404))[0]
    assert made != "<script>" and well_formed(made)
    assert [(r.outcome, r.status, r.method, r.route) for r in caplog.records] == [
        ("ok", 201, "POST", "/api/cases/<case_no>"), ("refused", 404, "GET", "/api/cases/<case_no>")]


def test_timer_runs_get_a_fresh_id_each_and_log_at_debug(caplog):
    provider = CorrelationId()
    with caplog.at_level(logging.INFO, "weiquan.access"):
        first = run(provider, worker(entry(Timer, "sweep_clocks")))[0]
        second = run(provider, worker(entry(Timer, "sweep_clocks")))[0]
    assert first != second
    assert not caplog.records


def test_an_event_worker_uses_the_adopted_id_and_reports_failures(caplog):
    ctx = worker(entry(EventHandler, "on_application_submitted"),
                 correlation.with_event_id({}, {"correlation_id": "req-0006-abcdef"}))
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        exc_info = sys.exc_info()
    with caplog.at_level(logging.INFO, "weiquan.access"):
        assert run(CorrelationId(), ctx, None, exc_info)[0] == "req-0006-abcdef"
    [line] = caplog.records
    assert (line.kind, line.outcome) == ("event", "failed")


def test_an_rpc_error_answer_is_refused():
    assert correlation.outcome_of("rpc", {"error": {"code": "not_found"}}, None) == (
        "refused", None)
    assert correlation.outcome_of("http", Response(status=503), None) == ("failed", 503)


# ---- every service's config.yaml ------------------------------------------------------------
CONFIGS = {"intake": "services/intake", "dispatch": "services/dispatch",
           "evidence": "services/evidence", "welfare": "services/welfare",
           "logistics": "services/logistics", "legal_aid": "services/legal-aid",
           "publicity": "services/publicity", "gateway": "gateway"}


@pytest.mark.parametrize("service", sorted(CONFIGS))
def test_each_config_logs_json_lines_named_after_its_service(service):
    import yaml

    from weiquan.config import REPO_ROOT
    conf = yaml.safe_load((REPO_ROOT / CONFIGS[service] / "config.yaml").read_text())["LOGGING"]
    # dictConfig mutes every logger made before it (weiquan.access among them) unless told not to
    assert conf.get("disable_existing_loggers") is False
    [handler] = conf["root"]["handlers"]
    fmt = conf["formatters"][conf["handlers"][handler]["formatter"]]
    assert fmt["()"] == "weiquan.kit.logs.formatter" and fmt["service"] == service
    assert conf["root"]["level"] == "INFO"
