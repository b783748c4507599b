"""Constants of the whole system and the few helpers older call sites use; every setting itself
lives in ``weiquan.settings`` (typed, validated once per process).

``ENV_VARS`` is the registry of every environment variable the code reads; the compose test
fails when docker-compose.yml names a variable that is not here."""
import os
from zoneinfo import ZoneInfo

from weiquan import settings as _settings
from weiquan.settings import ENV_VARS, REPO_ROOT  # noqa: F401  (re-exported)

TZ = ZoneInfo("Asia/Shanghai")


def env(name, default=None):
    """The raw value of a declared variable (for code that passes the environment on to a
    child process); everything else reads ``settings.current()``."""
    if name not in ENV_VARS:
        raise KeyError(f"undeclared setting {name}: add it to weiquan.settings.Settings")
    value = os.environ.get(name)
    return default if value in (None, "") else value


def data_dir():
    path = _settings.current().data_dir
    path.mkdir(parents=True, exist_ok=True)
    return path


def amqp_uri():
    return _settings.current().amqp_uri


def database_url(service):
    return _settings.current().database_url(service)


def is_development():
    return _settings.current().is_development
