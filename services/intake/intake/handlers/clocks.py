"""The statutory clocks over time: the timed sweep (reminders, misses, recomputation when the
calendar file changed), the gauges, and a reload of the calendar on request."""
import logging
import time

from weiquan.kit import metrics

from intake.domain import access
from intake.handlers.common import calendar_of, principal_of
from intake.sweeps import Sweeper

log = logging.getLogger(__name__)


def _sweeper(deps):
    return Sweeper(deps.store.session_factory, deps.store.outbox, on_commit=deps.store.kick)


def sweep(deps):
    """Misses and reminders as of now; first, provisional deadlines moved if the calendar file
    changed since the last sweep."""
    now = deps.clock.now()
    calendar, reason = deps.calendar.reload_if_changed()
    sweeper = _sweeper(deps)
    started = time.perf_counter()
    try:
        if reason:
            sweeper.recompute_provisional(now, calendar, reason)
        result = sweeper.sweep(now, calendar)
    except Exception:
        metrics.SWEEP_FAILURES.inc()
        raise
    metrics.SWEEP_SECONDS.observe(time.perf_counter() - started)
    if result.missed or result.digests:
        log.info("clock sweep: %s", result)
    return result


def refresh_gauges(deps):
    _sweeper(deps).refresh_gauges(deps.clock.now(), calendar_of(deps))


def reload_calendar(deps, principal):
    """Load the administrator's calendar file now and recompute provisional deadlines."""
    access.require("reload_calendar", principal_of(principal))
    now = deps.clock.now()
    calendar, reason = deps.calendar.reload_if_changed(force=True)
    changed = _sweeper(deps).recompute_provisional(now, calendar, reason)
    return {"official_years": calendar.official_years()[-3:],
            "last_official_year": calendar.last_official_year(),
            "recomputed": changed, "reason": reason}
