"""Settings read from the environment, in one place so the compose file can be checked against it.

Every environment variable the services read is listed in ``ENV_VARS``; the compose test fails
when docker-compose.yml names a variable that is not here.
"""
import os
from pathlib import Path
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Shanghai")
REPO_ROOT = Path(__file__).resolve().parents[3]

ENV_VARS = {
    "AMQP_URI": "RabbitMQ URI, e.g. pyamqp://guest:guest@localhost:5672/",
    "WEIQUAN_ENV": "development | production; demo accounts exist only in development",
    "WEIQUAN_DATA_DIR": "folder for SQLite files and dev secrets (default ./var)",
    "INTAKE_DATABASE_URL": "SQLAlchemy URL of the intake database",
    "GATEWAY_DATABASE_URL": "SQLAlchemy URL of the gateway database (users)",
    "DISPATCH_DATABASE_URL": "SQLAlchemy URL of the dispatch (command center) database",
    "EVIDENCE_DATABASE_URL": "SQLAlchemy URL of the evidence (cyber brigade) database",
    "EVIDENCE_HTTP_ADDRESS": "bind address of the evidence service's internal upload endpoint "
                             "(default 127.0.0.1:8001)",
    "EVIDENCE_URL": "base URL the gateway streams uploads to (default http://127.0.0.1:8001)",
    "WEIQUAN_INTERNAL_SECRET": "HMAC secret signing the principal on gateway -> service HTTP "
                               "calls (generated per data dir in development)",
    "DISPATCH_ACK_TIMEOUT": "seconds a dispatched unit has to acknowledge before escalation "
                            "(default 120)",
    "WEIQUAN_JWT_SECRET": "secret signing access tokens (generated per data dir in development)",
    "WEIQUAN_TOKEN_TTL": "access token lifetime in seconds (default 28800)",
    "WEB_SERVER_ADDRESS": "gateway bind address (default 0.0.0.0:8000)",
    "RPC_TIMEOUT": "seconds the gateway waits for a service answer (default 10)",
    "METRICS_PORT": "port of a service's Prometheus endpoint",
    "WEIQUAN_CALENDAR_FILE": "YAML with official working-day schedules added by administrators",
    "DEMO_PASSWORD": "password of the demo accounts (development only, default 'demo')",
    "MINIO_ENDPOINT": "host:port of the S3-compatible object store",
    "MINIO_ACCESS_KEY": "object store access key",
    "MINIO_SECRET_KEY": "object store secret key",
    "MINIO_SECURE": "true to use TLS to the object store",
    "MINIO_BUCKET": "bucket for evidence objects",
    "TZ": "container time zone (Asia/Shanghai)",
    "WEIQUAN_SWEEP_INTERVAL": "seconds between intake's clock sweeps (default 60)",
    "EVIDENCE_STALE_UPLOAD_SECONDS": "an evidence upload whose heartbeat is older than this is "
                                     "swept: its object deleted (default 60)",
    "WEIQUAN_HUB_GUARD": "seconds one greenlet may hold the eventlet hub before its stack is "
                         "reported; 0 turns the guard off (default 1 in development, else 0)",
    "WEIQUAN_HUB_GUARD_REPORT": "file the hub guard appends a JSON line to for every stall "
                                "(the tests fail a run when it is not empty)",
    "WEIQUAN_STOP_GRACE": "seconds a service may take to stop after SIGTERM or Ctrl-C before it "
                          "is killed (default 6)",
    "WEIQUAN_CLOCK_START": "development and tests only: the services' clock starts at this "
                           "ISO 8601 time (with offset) and runs on from there",
    "WEIQUAN_LOCAL_S3_PORT": "port of the local S3 server `make run` starts when MINIO_ENDPOINT "
                             "is not set (default 9000)",
    "WEIQUAN_FAULT": "fault injection for tests only: crash_after_commit | crash_after_publish",
}


def env(name, default=None):
    assert name in ENV_VARS, f"undeclared setting {name}"
    value = os.environ.get(name)
    return default if value in (None, "") else value


def data_dir():
    path = Path(env("WEIQUAN_DATA_DIR", str(REPO_ROOT / "var")))
    path.mkdir(parents=True, exist_ok=True)
    return path


def amqp_uri():
    return env("AMQP_URI", "pyamqp://guest:guest@127.0.0.1:5672/")


def database_url(service):
    """SQLite file under the data dir unless <SERVICE>_DATABASE_URL points elsewhere."""
    return env(f"{service.upper()}_DATABASE_URL", f"sqlite:///{data_dir() / (service + '.db')}")


def is_development():
    return env("WEIQUAN_ENV", "development") == "development"
