"""Every setting of every process, typed and validated once at start.

One table (the ``Settings`` fields): the environment name, the default and the meaning of each
setting live here and nowhere else. ``current()`` is the process's settings, read from the
environment the first time it is asked (``weiquan.serve`` and ``make run`` ask before anything
starts, so a bad value is one line at start, not a surprise later); services get it injected
(``kit.nameko_deps.SettingsProvider``); tests build their own with ``Settings.from_env``.
"""
import os
from dataclasses import dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import Optional

REPO_ROOT = Path(__file__).resolve().parents[3]


class SettingsError(ValueError):
    """A setting has a value the process cannot run with; the message names it."""


def _text(raw):
    return raw


def _number(raw, lo=0.0, cast=float, what="应为秒数 / must be a number of seconds"):
    try:
        value = cast(raw)
    except ValueError:
        raise ValueError(what) from None
    if value < lo:
        raise ValueError(f"不能小于 {lo} / must not be less than {lo}")
    return value


def _positive(raw):
    value = _number(raw)
    if value <= 0:
        raise ValueError("应大于 0 / must be greater than 0")
    return value


def _port(raw):
    value = _number(raw, 1, int, "应为端口号 / must be a port number")
    if value > 65535:
        raise ValueError("端口应在 1-65535 之间 / must be between 1 and 65535")
    return value


def _integer(raw):
    return _number(raw, 1, int, "应为整数 / must be an integer")


def _count(raw):
    return _number(raw, 0, int, "应为整数 / must be an integer")


def _flag(raw):
    if raw.lower() in ("true", "1", "yes"):
        return True
    if raw.lower() in ("false", "0", "no"):
        return False
    raise ValueError("应为 true 或 false / must be true or false")


def _address(raw):
    host, sep, port = raw.rpartition(":")
    if not sep or not host:
        raise ValueError("应为 主机:端口 / must be host:port")
    _port(port)
    return raw


def _one_of(*choices):
    def parse(raw):
        if raw not in choices:
            raise ValueError(f"应为 {' | '.join(choices)} 之一 / must be one of "
                             f"{' | '.join(choices)}")
        return raw
    return parse


def _public_endpoint(raw):
    """host:port, or http(s)://host[:port] whose scheme decides TLS; no path (S3 signs the
    host, and the SDK takes no path prefix)."""
    scheme, sep, rest = raw.partition("://")
    if sep and scheme not in ("http", "https"):
        raise ValueError("应为 主机:端口 或 http(s)://主机[:端口] / must be host:port or "
                         "http(s)://host[:port]")
    hostport = rest if sep else raw
    if not hostport or "/" in hostport.rstrip("/") or hostport.startswith(":"):
        raise ValueError("应为 主机:端口 或 http(s)://主机[:端口]，不含路径 / must be host:port "
                         "or http(s)://host[:port], without a path")
    if not sep or ":" in hostport.rstrip("/"):
        _address(hostport.rstrip("/"))
    return raw.rstrip("/")


def _aware_time(raw):
    try:
        at = datetime.fromisoformat(raw)
    except ValueError:
        raise ValueError("应为带时区的 ISO 8601 时间 / must be an ISO 8601 time with offset, "
                         "e.g. 2026-12-01T10:00:00+08:00") from None
    if at.tzinfo is None:
        raise ValueError("须带 UTC 偏移 / needs its UTC offset, e.g. "
                         "2026-12-01T10:00:00+08:00")
    return at


def _s(env, doc, default=None, parse=_text):
    return field(default=default, metadata={"env": env, "doc": doc, "parse": parse})


@dataclass(frozen=True)
class Settings:
    amqp_uri: str = _s("AMQP_URI", "RabbitMQ URI, e.g. pyamqp://guest:guest@localhost:5672/",
                       "pyamqp://guest:guest@127.0.0.1:5672/")
    environment: str = _s("WEIQUAN_ENV", "development | production; demo accounts exist only "
                          "in development", "development", _one_of("development", "production"))
    data_dir_setting: Optional[str] = _s("WEIQUAN_DATA_DIR", "folder for SQLite files and dev "
                                         "secrets (default ./var)")
    intake_database_url: Optional[str] = _s("INTAKE_DATABASE_URL",
                                            "SQLAlchemy URL of the intake database")
    gateway_database_url: Optional[str] = _s("GATEWAY_DATABASE_URL",
                                             "SQLAlchemy URL of the gateway database (users)")
    dispatch_database_url: Optional[str] = _s(
        "DISPATCH_DATABASE_URL", "SQLAlchemy URL of the dispatch (command center) database")
    evidence_database_url: Optional[str] = _s(
        "EVIDENCE_DATABASE_URL", "SQLAlchemy URL of the evidence (cyber brigade) database")
    welfare_database_url: Optional[str] = _s(
        "WELFARE_DATABASE_URL", "SQLAlchemy URL of the welfare (political-work office) database")
    logistics_database_url: Optional[str] = _s(
        "LOGISTICS_DATABASE_URL", "SQLAlchemy URL of the logistics office's database")
    legal_aid_database_url: Optional[str] = _s(
        "LEGAL_AID_DATABASE_URL", "SQLAlchemy URL of the legal affairs (legal_aid) database")
    publicity_database_url: Optional[str] = _s(
        "PUBLICITY_DATABASE_URL", "SQLAlchemy URL of the publicity office's database")
    evidence_http_address: str = _s(
        "EVIDENCE_HTTP_ADDRESS", "bind address of the evidence service's internal upload "
        "endpoint (default 127.0.0.1:8001)", "127.0.0.1:8001", _address)
    evidence_url: str = _s("EVIDENCE_URL", "base URL the gateway streams uploads to (default "
                           "http://127.0.0.1:8001)", "http://127.0.0.1:8001")
    internal_secret: Optional[str] = _s(
        "WEIQUAN_INTERNAL_SECRET", "HMAC secret signing the principal on gateway -> service "
        "HTTP calls (generated per data dir in development)")
    dispatch_ack_timeout: float = _s(
        "DISPATCH_ACK_TIMEOUT", "seconds a dispatched unit has to acknowledge before "
        "escalation (default 120)", 120.0, _positive)
    jwt_secret: Optional[str] = _s("WEIQUAN_JWT_SECRET", "secret signing access tokens "
                                   "(generated per data dir in development)")
    token_ttl: int = _s("WEIQUAN_TOKEN_TTL", "access token lifetime in seconds (default 28800)",
                        28800, _integer)
    session_idle: int = _s("WEIQUAN_SESSION_IDLE", "seconds a portal page session may stay "
                           "unused before it ends and the user logs in again (default 1800)",
                           1800, _integer)
    web_server_address: str = _s("WEB_SERVER_ADDRESS", "gateway bind address (default "
                                 "0.0.0.0:8000)", "0.0.0.0:8000", _address)
    db_pool_size: int = _s("DB_POOL_SIZE", "PostgreSQL connections a service process keeps "
                           "(default 10; up to 20 more open under load and close on return); "
                           "a busy service is best given as many as its workers (20), with "
                           "the server's max_connections raised to match", 10, _integer)
    db_max_overflow: int = _s("DB_MAX_OVERFLOW", "PostgreSQL connections a service process "
                              "may open beyond DB_POOL_SIZE under load, each closed on return "
                              "(default 20); past both, a worker waits for a free one",
                              20, _count)
    rpc_timeout: float = _s("RPC_TIMEOUT", "seconds the gateway waits for a service answer "
                            "(default 10)", 10.0, _positive)
    metrics_port: Optional[int] = _s("METRICS_PORT", "port of a service's Prometheus endpoint",
                                     None, _port)
    calendar_file: Optional[str] = _s("WEIQUAN_CALENDAR_FILE", "YAML with official "
                                      "working-day schedules added by administrators")
    demo_password: str = _s("DEMO_PASSWORD", "password of the demo accounts (development "
                            "only, default 'demo')", "demo")
    minio_endpoint: Optional[str] = _s("MINIO_ENDPOINT", "host:port of the S3-compatible "
                                       "object store")
    minio_access_key: str = _s("MINIO_ACCESS_KEY", "object store access key", "weiquan-dev")
    minio_secret_key: str = _s("MINIO_SECRET_KEY", "object store secret key",
                               "weiquan-dev-secret")
    minio_secure: bool = _s("MINIO_SECURE", "true to use TLS to the object store", False,
                            _flag)
    minio_bucket: str = _s("MINIO_BUCKET", "bucket for evidence objects", "evidence")
    minio_public_endpoint: Optional[str] = _s(
        "MINIO_PUBLIC_ENDPOINT", "the object store as a browser reaches it, host:port or "
        "http(s)://host[:port] (the scheme decides TLS, else MINIO_SECURE): evidence download "
        "links are signed for this host (default: MINIO_ENDPOINT, e.g. minio:9000 inside "
        "compose, which no outside browser resolves)", None, _public_endpoint)
    tz: str = _s("TZ", "container time zone (Asia/Shanghai)", "Asia/Shanghai")
    log_format: str = _s("LOG_FORMAT", "json | text: services log one JSON object per line "
                         "with the correlation id (default), or plain text lines for a terminal",
                         "json", _one_of("json", "text"))
    sweep_interval: float = _s("WEIQUAN_SWEEP_INTERVAL", "seconds between intake's clock "
                               "sweeps (default 60)", 60.0, _positive)
    evidence_stale_upload_seconds: float = _s(
        "EVIDENCE_STALE_UPLOAD_SECONDS", "an evidence upload whose heartbeat is older than "
        "this is swept: its object deleted (default 60)", 60.0, _positive)
    evidence_readback: bool = _s(
        "EVIDENCE_READBACK", "true to read every stored evidence object back and hash it before "
        "registering it, even when the store proves the upload's SHA-256 checksums (default "
        "false: the read-back is used only for a store that fails the checksum probe)", False,
        _flag)
    hub_guard_setting: Optional[float] = _s(
        "WEIQUAN_HUB_GUARD", "seconds one greenlet may hold the eventlet hub before its stack "
        "is reported; 0 turns the guard off (default 1 in development, else 0)", None, _number)
    hub_guard_report: Optional[str] = _s(
        "WEIQUAN_HUB_GUARD_REPORT", "file the hub guard appends a JSON line to for every stall "
        "(the tests fail a run when it is not empty)")
    stop_grace: float = _s("WEIQUAN_STOP_GRACE", "seconds a service may take to stop after "
                           "SIGTERM or Ctrl-C before it is killed (default 6)", 6.0, _positive)
    clock_start: Optional[datetime] = _s(
        "WEIQUAN_CLOCK_START", "development and tests only: the services' clock starts at this "
        "ISO 8601 time (with offset) and runs on from there", None, _aware_time)
    local_s3_port: int = _s("WEIQUAN_LOCAL_S3_PORT", "port of the local S3 server `make run` "
                            "starts when MINIO_ENDPOINT is not set (default 9000)", 9000, _port)
    fault: Optional[str] = _s("WEIQUAN_FAULT", "fault injection for tests only: "
                              "crash_after_commit | crash_after_publish", None,
                              _one_of("crash_after_commit", "crash_after_publish"))

    @classmethod
    def from_env(cls, environ=None):
        """Parse every setting; raise one SettingsError naming each bad one."""
        environ = os.environ if environ is None else environ
        values, problems = {}, []
        for f in fields(cls):
            name = f.metadata["env"]
            raw = environ.get(name)
            if raw in (None, ""):
                continue
            try:
                values[f.name] = f.metadata["parse"](raw)
            except ValueError as exc:
                problems.append(f"{name}={raw!r}: {exc}")
        settings = cls(**values)
        if settings.clock_start is not None and not settings.is_development:
            problems.append("WEIQUAN_CLOCK_START: 仅用于开发和测试 / is for development and "
                            "tests only; unset it")
        if problems:
            raise SettingsError("设置无效 / invalid settings: " + "; ".join(problems))
        return settings

    def by_env(self, name):
        """The parsed value of the setting behind an environment variable's name."""
        for f in fields(self):
            if f.metadata["env"] == name:
                return getattr(self, f.name)
        raise KeyError(f"undeclared setting {name}")

    # ---- derived values: one place for each default that depends on another setting ------
    @property
    def is_development(self):
        return self.environment == "development"

    @property
    def data_dir(self) -> Path:
        return Path(self.data_dir_setting or REPO_ROOT / "var")

    def database_url(self, service):
        """SQLite file under the data dir unless <SERVICE>_DATABASE_URL points elsewhere."""
        url = getattr(self, f"{service}_database_url", None)
        return url or f"sqlite:///{self.data_dir / (service + '.db')}"

    @property
    def public_store(self):
        """(endpoint, secure) that presigned download links name: MINIO_PUBLIC_ENDPOINT when
        set, else the internal store itself."""
        raw = self.minio_public_endpoint
        if not raw:
            return self.minio_endpoint or f"127.0.0.1:{self.local_s3_port}", self.minio_secure
        scheme, sep, rest = raw.partition("://")
        return (rest, scheme == "https") if sep else (raw, self.minio_secure)

    @property
    def hub_guard(self):
        """Seconds, or None when off: on (1 s) by default in development, off elsewhere."""
        value = self.hub_guard_setting
        if value is None:
            value = 1.0 if self.is_development else 0.0
        return value if value > 0 else None


ENV_VARS = {f.metadata["env"]: f.metadata["doc"] for f in fields(Settings)}
_current = None


def current() -> Settings:
    """The process's settings, parsed from the environment on first use."""
    global _current
    if _current is None:
        _current = Settings.from_env()
    return _current


def reset():
    """Forget the parsed settings (tests that change the environment, ``make run`` after it
    set defaults for its children)."""
    global _current
    _current = None
