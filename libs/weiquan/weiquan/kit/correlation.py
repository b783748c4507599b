"""The correlation id: one id per piece of work, from the gateway's request through every RPC,
the events it causes and their handling, so one grep over the services' JSON logs finds it all.

Where a worker's id comes from (``CorrelationId.worker_setup``), first match wins:

* nameko's context data (``worker_ctx.data["correlation_id"]``): an RPC carries its caller's
  worker context data in ``nameko.*`` message headers, so every RPC from a worker passes the id
  on by itself; an event consumer puts the event body's ``correlation_id`` there
  (``kit.consumer``);
* an HTTP entrypoint's well-formed ``X-Request-Id`` header;
* else a fresh uuid4 hex (a timer or sweep run, a request without the header).

The id is stored back in the worker's context data (so its RPCs carry it) and in a context
variable, which is greenlet-local under eventlet: the log formatter (``kit.logs``) and
``build_event`` read it there. One access line per entrypoint call is logged at the end.
"""
import logging
import re
import time
import uuid
from contextvars import ContextVar

from nameko.extensions import DependencyProvider

from weiquan.kit.metrics_labels import entrypoint_kind

HEADER = "X-Request-Id"
KEY = "correlation_id"  # in nameko context data (RPC headers) and in event bodies
_WELL_FORMED = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{7,63}")  # 8-64 chars, no spaces or quotes

# (correlation id, "service.method") of the work this greenlet is doing, or None
_current = ContextVar("weiquan_correlation", default=None)
access_log = logging.getLogger("weiquan.access")


def well_formed(raw):
    """Whether a given id may be adopted as is: 8-64 ASCII letters, digits, '.', '_' or '-',
    starting with a letter or digit. Anything else (too long, spaces, quotes, control
    characters, non-ASCII) is replaced, never echoed or logged."""
    return isinstance(raw, str) and _WELL_FORMED.fullmatch(raw) is not None


def new_id():
    return uuid.uuid4().hex


def adopt(raw):
    """The given id if well formed, else a fresh one."""
    return raw if well_formed(raw) else new_id()


def current_id():
    """The correlation id of the work this greenlet is doing, or None outside a worker."""
    now = _current.get()
    return now[0] if now else None


def current():
    """(correlation id, entrypoint) of this greenlet's work, or None."""
    return _current.get()


def bind(correlation_id, entrypoint=None):
    """Set the id for this greenlet (tests, scripts); returns the token to ``unbind`` with."""
    return _current.set((correlation_id, entrypoint))


def unbind(token):
    _current.reset(token)


def with_event_id(data, body):
    """nameko context data for an event consumer's worker, with the event body's
    correlation id (if any) so the handling and the events it emits carry the same id."""
    raw = body.get(KEY) if isinstance(body, dict) else None
    if raw is not None:
        data[KEY] = raw
    return data


def id_for(worker_ctx, kind):
    given = worker_ctx.data.get(KEY)
    if given is None and kind == "http" and worker_ctx.args:
        given = worker_ctx.args[0].headers.get(HEADER)
    return adopt(given)


def outcome_of(kind, result, exc_info):
    """("ok" | "refused" | "failed", HTTP status or None): refused is an error answer the
    caller is told about (an RPC error answer, a 4xx), failed an exception or a 5xx."""
    if exc_info is not None:
        return "failed", None
    if kind == "http":
        status = getattr(result, "status_code", None)
        if status is None:
            return "ok", None
        return ("ok" if status < 400 else "refused" if status < 500 else "failed"), status
    if isinstance(result, dict) and "error" in result:
        return "refused", None
    return "ok", None


class CorrelationId(DependencyProvider):
    """Gives each worker its correlation id and logs one access line when it ends (entrypoint,
    kind, outcome, duration; for HTTP the status, method and route pattern; never arguments,
    paths or bodies). Timer runs log at DEBUG: intake's sweep runs every second (e2e) and
    would drown the rest."""

    def __init__(self):
        self._started = {}  # worker_ctx -> (perf counter, kind, context var token)

    def worker_setup(self, worker_ctx):
        kind = entrypoint_kind(worker_ctx.entrypoint)
        cid = id_for(worker_ctx, kind)
        worker_ctx.data[KEY] = cid  # travels on as nameko.correlation_id in every RPC
        name = f"{worker_ctx.service_name}.{worker_ctx.entrypoint.method_name}"
        token = _current.set((cid, name))
        self._started[worker_ctx] = (time.perf_counter(), kind, token)

    def worker_result(self, worker_ctx, result=None, exc_info=None):
        started = self._started.get(worker_ctx)
        if started is None:
            return
        began, kind, _ = started
        level = logging.DEBUG if kind == "timer" else logging.INFO
        if not access_log.isEnabledFor(level):
            return
        outcome, status = outcome_of(kind, result, exc_info)
        extra = {"kind": kind, "outcome": outcome,
                 "duration_ms": round((time.perf_counter() - began) * 1000, 1)}
        if kind == "http":  # the route's pattern, never the path with its ids or the query
            extra.update(status=status, method=getattr(worker_ctx.args[0], "method", None),
                         route=getattr(worker_ctx.entrypoint, "url", None))
        access_log.log(level, "%s %s %s", kind, worker_ctx.entrypoint.method_name, outcome,
                       extra=extra)

    def worker_teardown(self, worker_ctx):
        started = self._started.pop(worker_ctx, None)
        if started is not None:
            try:
                _current.reset(started[2])
            except (ValueError, RuntimeError):  # torn down in another context than set up in
                _current.set(None)
