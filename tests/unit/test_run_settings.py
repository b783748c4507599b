"""Settings of the runtime guards: the moved clock is refused outside development, the hub
guard's threshold is read as seconds, and start-up messages name what, where and what to do."""
from datetime import datetime, timedelta, timezone

import pytest

from weiquan.kit import hub_guard
from weiquan.settings import Settings, SettingsError
from weiquan.kit.clock import ShiftedClock, SystemClock, clock_from_settings
from weiquan.kit.preflight import StartupError, check_free, port_in_use_message, split_address

pytestmark = pytest.mark.unit


def test_clock_start_is_refused_outside_development(monkeypatch):
    monkeypatch.setenv("WEIQUAN_ENV", "production")
    monkeypatch.setenv("WEIQUAN_CLOCK_START", "2026-12-01T10:00:00+08:00")
    with pytest.raises(SettingsError, match="development and tests only"):
        clock_from_settings()


def test_clock_start_needs_an_offset(monkeypatch):
    monkeypatch.setenv("WEIQUAN_ENV", "development")
    monkeypatch.setenv("WEIQUAN_CLOCK_START", "2026-12-01T10:00:00")
    with pytest.raises(SettingsError, match="UTC offset"):
        clock_from_settings()


def test_shifted_clock_starts_where_asked_and_runs_on(monkeypatch):
    monkeypatch.setenv("WEIQUAN_ENV", "development")
    monkeypatch.setenv("WEIQUAN_CLOCK_START", "2026-12-01T10:00:00+08:00")
    clock = clock_from_settings()
    assert isinstance(clock, ShiftedClock)
    start = datetime(2026, 12, 1, 2, 0, tzinfo=timezone.utc)
    assert timedelta(0) <= clock.now() - start < timedelta(seconds=5)


def test_no_clock_start_is_the_system_clock(monkeypatch):
    monkeypatch.delenv("WEIQUAN_CLOCK_START", raising=False)
    assert isinstance(clock_from_settings(), SystemClock)


@pytest.mark.parametrize("env, raw, expected", [
    ("development", None, 1.0), ("production", None, None), ("production", "2.5", 2.5),
    ("development", "0", None)])
def test_hub_guard_threshold(monkeypatch, env, raw, expected):
    monkeypatch.setenv("WEIQUAN_ENV", env)
    if raw is None:
        monkeypatch.delenv("WEIQUAN_HUB_GUARD", raising=False)
    else:
        monkeypatch.setenv("WEIQUAN_HUB_GUARD", raw)
    assert hub_guard.threshold_from_settings() == expected


def test_hub_guard_threshold_must_be_seconds(monkeypatch):
    monkeypatch.setenv("WEIQUAN_HUB_GUARD", "soon")
    with pytest.raises(SettingsError, match="WEIQUAN_HUB_GUARD"):
        hub_guard.threshold_from_settings()


def test_port_message_says_what_where_and_what_to_do():
    line = port_in_use_message("make run: gateway", "WEB_SERVER_ADDRESS", "0.0.0.0", 8000)
    assert "\n" not in line and "0.0.0.0:8000" in line and "已被占用" in line
    assert "set WEB_SERVER_ADDRESS to a free port" in line


def test_check_free_names_the_setting_of_a_taken_port():
    import socket
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(StartupError, match=f"127.0.0.1:{port} \\(METRICS_PORT\\)"):
            check_free("intake", "METRICS_PORT", "127.0.0.1", port)


def test_split_address():
    assert split_address("0.0.0.0:8000") == ("0.0.0.0", 8000)
    assert split_address(":9000", "127.0.0.1") == ("127.0.0.1", 9000)


def test_every_bad_setting_is_named_in_one_error():
    with pytest.raises(SettingsError) as err:
        Settings.from_env({"RPC_TIMEOUT": "soon", "METRICS_PORT": "99999", "WEIQUAN_ENV": "prod",
                           "MINIO_SECURE": "maybe", "WEB_SERVER_ADDRESS": "8000"})
    for name in ("RPC_TIMEOUT", "METRICS_PORT", "WEIQUAN_ENV", "MINIO_SECURE",
                 "WEB_SERVER_ADDRESS"):
        assert name in str(err.value)


def test_settings_are_typed_with_their_defaults_in_one_place(tmp_path):
    s = Settings.from_env({"RPC_TIMEOUT": "2.5", "MINIO_SECURE": "true",
                           "WEIQUAN_DATA_DIR": str(tmp_path)})
    assert (s.rpc_timeout, s.minio_secure, s.token_ttl) == (2.5, True, 28800)
    assert s.database_url("intake") == f"sqlite:///{tmp_path / 'intake.db'}"
    assert Settings.from_env({}).hub_guard == 1.0
    assert Settings.from_env({"WEIQUAN_ENV": "production"}).hub_guard is None


def test_an_undeclared_name_is_an_error_not_an_assert():
    from weiquan.config import env
    with pytest.raises(KeyError, match="undeclared setting"):
        env("NOT_A_SETTING")


def test_pool_overflow_may_be_none_but_not_negative():
    assert Settings.from_env({}).db_max_overflow == 20
    assert Settings.from_env({"DB_MAX_OVERFLOW": "0"}).db_max_overflow == 0
    with pytest.raises(SettingsError, match="DB_MAX_OVERFLOW"):
        Settings.from_env({"DB_MAX_OVERFLOW": "-1"})
    with pytest.raises(SettingsError, match="DB_POOL_SIZE"):
        Settings.from_env({"DB_POOL_SIZE": "0"})
