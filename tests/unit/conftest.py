"""Fixtures shared by the unit test modules."""
import pytest

from weiquan.calendar import WorkCalendar


@pytest.fixture(scope="module")
def cal():
    """The real calendar (package data + repo file), for the intake domain tests.
    test_calendar.py defines its own ``cal`` (repo file only), which takes precedence there."""
    return WorkCalendar.load()


@pytest.fixture(autouse=True)
def _fresh_settings():
    """Settings are parsed once per process; a test that sets environment variables with
    monkeypatch gets them parsed again on its first read, and leaves no trace."""
    from weiquan import settings
    settings.reset()
    yield
    settings.reset()
