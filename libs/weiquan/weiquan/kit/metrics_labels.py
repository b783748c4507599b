"""Label values for the worker metrics: bounded by construction (names from the code, a few
fixed words), so no case number or personal data can become a label and no label can grow
without bound."""
import re
from contextvars import ContextVar

from nameko.events import EventHandler
from nameko.rpc import Rpc
from nameko.timer import Timer
from nameko.web.handlers import HttpRequestHandler

KINDS = ((Rpc, "rpc"), (EventHandler, "event"), (HttpRequestHandler, "http"), (Timer, "timer"))
OTHER = "other"
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}\Z")

# (service, event_type) of the event the current worker handles: greenlet-local (each worker
# runs in its own greenthread), read by the inbox when it skips a duplicate.
CURRENT_EVENT = ContextVar("weiquan_current_event", default=None)


def entrypoint_kind(entrypoint):
    """rpc | event | http | timer, or other for an entrypoint type we do not know."""
    for cls, kind in KINDS:
        if isinstance(entrypoint, cls):
            return kind
    return OTHER


def code_name(value, fallback=OTHER):
    """A name from the code (a method, an exception class, an event type) as is; anything else
    (too long, spaces, digits first) is ``fallback``."""
    return value if isinstance(value, str) and _NAME.match(value) else fallback


def error_name(exc_type):
    """The exception's class name: ``KeyError``, ``IntegrityError``."""
    return code_name(getattr(exc_type, "__name__", None), "Exception")


def failure_of(kind, result, exc_info):
    """The ``error`` label of a worker that failed, or None when it did not. A raised
    exception is named by its class; an ``answers``-wrapped RPC that returned an error answer
    with a 5xx status is ``error_answer``; an HTTP response with a 5xx status is
    ``http_<status>``. A 4xx answer is the service refusing a bad request, not a failure."""
    if exc_info:
        return error_name(exc_info[0])
    if kind == "rpc" and isinstance(result, dict) and "error" in result:
        status = result.get("status")
        return "error_answer" if isinstance(status, int) and status >= 500 else None
    if kind == "http":
        status = getattr(result, "status_code", None)
        if isinstance(status, int) and 500 <= status <= 599:
            return f"http_{status}"
    return None


def bounded(value, allowed, fallback=OTHER):
    """``value`` when it is one of ``allowed``, else ``fallback``."""
    return value if value in allowed else fallback
