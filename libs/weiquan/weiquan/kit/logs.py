"""Log records as one JSON object per line (for machines: grep by correlation id, ship to a log
store), or as plain text for a developer's terminal (``LOG_FORMAT=text``).

Every service's config.yaml names ``formatter`` below in its LOGGING block with its own
service name. A JSON line holds ``ts`` (Asia/Shanghai, ISO 8601 with milliseconds), ``level``,
``logger``, ``service``, ``message``, ``correlation_id`` and ``entrypoint`` (both null outside
a worker, see ``kit.correlation``), ``exc`` (the traceback, when there is one) and any
``extra=`` fields of the call (the access line's ``kind``, ``outcome``, ``duration_ms``).
"""
import json
import logging
import os
from datetime import datetime

from weiquan.config import TZ
from weiquan.kit import correlation

FORMATS = ("json", "text")
_RECORD_FIELDS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message", "asctime", "taskName", "cid"}


def _ts(record):
    return datetime.fromtimestamp(record.created, TZ).isoformat(timespec="milliseconds")


class JsonFormatter(logging.Formatter):
    """One JSON object per record, on one line (newlines inside are escaped)."""

    def __init__(self, service="?"):
        super().__init__()
        self.service = service

    def format(self, record):
        now = correlation.current()
        line = {
            "ts": _ts(record),
            "level": record.levelname,
            "logger": record.name,
            "service": self.service,
            "message": record.getMessage(),
            "correlation_id": now[0] if now else None,
            "entrypoint": now[1] if now else None,
        }
        if record.exc_info:
            line["exc"] = self.formatException(record.exc_info)
        elif record.exc_text:
            line["exc"] = record.exc_text
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        for key, value in vars(record).items():
            if key not in _RECORD_FIELDS and key not in line:
                line[key] = value
        return json.dumps(line, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """The plain line developers read in `make run`, with the correlation id's first 8
    characters in brackets when there is one."""

    def __init__(self, service="?"):
        super().__init__("%(asctime)s %(levelname)s %(name)s%(cid)s %(message)s")
        self.service = service

    def format(self, record):
        cid = correlation.current_id()
        record.cid = f" [{cid[:8]}]" if cid else ""
        return super().format(record)


def lean_records():
    """Leave out of every log record what neither format shows: the thread and process (under
    eventlet, ``threading.current_thread()`` looks the greenlet up among the threads on every
    record) and the caller's file and line (a stack walk). Python's logging HOWTO lists these
    switches under "Optimization". Every worker writes an access line, so this is paid on
    every request and every event a service handles."""
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False
    logging._srcfile = None


def chosen_format(environ=None):
    """LOG_FORMAT, json unless it says text (a bad value is reported by weiquan.settings when
    the process starts; logging must be configured before that and never fail)."""
    raw = (os.environ if environ is None else environ).get("LOG_FORMAT") or "json"
    return raw if raw in FORMATS else "json"


def formatter(service="?", format=None):
    """The formatter factory config.yaml names (``"()": weiquan.kit.logs.formatter``)."""
    chosen = format or chosen_format()
    return TextFormatter(service) if chosen == "text" else JsonFormatter(service)
