"""Entry points of the statutory clocks: the timed sweeps, calendar reloads, and the
accountability register and notifications read by the gateway. Mixed into IntakeService,
which provides ``db``, ``clock`` and ``calendar_watch``."""
import logging
import time

from nameko.rpc import rpc
from nameko.timer import timer
from sqlalchemy import or_, select

from weiquan.config import TZ, env
from weiquan.kit import metrics
from weiquan.kit.errors import forbidden
from weiquan.kit.rpc import answers

from intake.domain import rules
from intake.models import accountability, notifications
from intake.sweeps import Sweeper

log = logging.getLogger(__name__)
# seconds; reminders and misses are acted on within a minute (tests shorten it)
SWEEP_INTERVAL = float(env("WEIQUAN_SWEEP_INTERVAL", "60"))
GAUGE_INTERVAL = 300
_CALENDAR_ADMINS = {"committee_director", "ops"}


def _iso(dt):
    return None if dt is None else dt.astimezone(TZ).isoformat()


class ClockEntrypoints:
    def _sweeper(self):
        return Sweeper(self.db.session_factory, self.db.outbox, on_commit=self.db.kick)

    @timer(interval=SWEEP_INTERVAL)
    def sweep_clocks(self):
        now = self.clock.now()
        calendar, reason = self.calendar_watch.reload_if_changed()
        sweeper = self._sweeper()
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

    @timer(interval=GAUGE_INTERVAL)
    def refresh_clock_gauges(self):
        self._sweeper().refresh_gauges(self.clock.now(), self.calendar_watch.reload_if_changed()[0])

    @rpc
    @answers
    def reload_calendar(self, principal):
        """Load the administrator's calendar file now and recompute provisional deadlines."""
        principal = self._principal(principal)
        if not set(principal["roles"]) & _CALENDAR_ADMINS:
            raise forbidden("仅维权委主任或运维人员可重新载入工作日历",
                            "Only the committee director or ops may reload the calendar")
        now = self.clock.now()
        calendar, reason = self.calendar_watch.reload_if_changed(force=True)
        changed = self._sweeper().recompute_provisional(now, calendar, reason)
        return {"official_years": calendar.official_years()[-3:],
                "last_official_year": calendar.last_official_year(),
                "recomputed": changed, "reason": reason}

    @rpc
    @answers
    def list_accountability(self, filters, principal):
        """Art. 36 register: every missed deadline, who held it, how late."""
        principal = self._principal(principal)
        if not rules.is_committee(principal):
            raise forbidden("仅维权委可查看问责记录", "Only the committee sees accountability")
        now = self.clock.now()
        query = select(accountability).order_by(accountability.c.detected_at.desc(),
                                                accountability.c.id.desc())
        if filters.get("case_no"):
            query = query.where(accountability.c.case_no == filters["case_no"])
        page, size = filters.get("page", 1), filters.get("page_size", 50)
        with self.db.session() as session:
            rows = session.execute(query.offset((page - 1) * size).limit(size)).mappings().all()
        items = []
        for r in rows:
            until = r["satisfied_at"] or now
            items.append({"case_no": r["case_no"], "clock_kind": r["clock_kind"],
                          "holder": r["holder"], "statutory": r["statutory"],
                          "due": _iso(r["due_at"]), "detected_at": _iso(r["detected_at"]),
                          "satisfied_at": _iso(r["satisfied_at"]),
                          "late_seconds": max(0, int((until - r["due_at"]).total_seconds())),
                          "still_open": r["satisfied_at"] is None})
        return {"items": items, "page": page, "page_size": size}

    @rpc
    @answers
    def list_notifications(self, principal, limit=50):
        """Reminder digests and alerts addressed to the user or to one of their roles."""
        principal = self._principal(principal)
        recipients = [principal["username"], *principal["roles"]]
        with self.db.session() as session:
            rows = session.execute(select(notifications).where(
                or_(*[notifications.c.recipient == r for r in recipients]))
                .order_by(notifications.c.id.desc()).limit(limit)).mappings().all()
        return {"items": [{"id": r["id"], "recipient": r["recipient"], "kind": r["kind"],
                           "day": r["day"].isoformat(), "items": r["items"],
                           "created_at": _iso(r["created_at"])} for r in rows]}
