"""Periodic gauges every service refreshes in the background, never per request: the depth of
the dead-letter queue (a passive declare) and the service's own domain gauges (a read-only
transaction on its own database, each a few aggregate queries)."""
import logging
import time

from amqp.exceptions import NotFound
from kombu import Connection
from sqlalchemy import func, select

from weiquan.kit import metrics
from weiquan.kit.consumer import DEAD_LETTER_QUEUE

log = logging.getLogger(__name__)

DEAD_LETTER_EVERY = 15.0   # seconds between two reads of the dead-letter queue
DOMAIN_EVERY = 30.0        # seconds between two refreshes of the domain gauges


def dead_letter_depth(amqp_uri, queue=DEAD_LETTER_QUEUE):
    """Messages waiting in ``queue``; 0 when it does not exist yet (nothing was parked)."""
    with Connection(amqp_uri, connect_timeout=5) as conn:
        try:
            return conn.default_channel.queue_declare(queue, passive=True).message_count
        except NotFound:
            return 0


def refresh_domain(session_factory, refreshers):
    """Run each ``refresh(session)`` in one read-only session. The refreshers only read and
    never yield on purpose, so on SQLite the write lock is held for their queries alone."""
    with session_factory() as session:
        try:
            for refresh in refreshers:
                refresh(session)
        finally:
            session.rollback()


class Schedule:
    """Which of the periodic jobs are due: each at most once per its interval, all at once on
    the first pass."""

    def __init__(self, **intervals):
        self.intervals = intervals
        self.last = {}

    def due(self, now=None):
        now = time.monotonic() if now is None else now
        ready = [name for name, every in self.intervals.items()
                 if name not in self.last or now - self.last[name] >= every]
        for name in ready:
            self.last[name] = now
        return ready


def run_due(schedule, service, amqp_uri, session_factory, refreshers, now=None):
    """One pass: refresh what is due; a broker or database away only logs (the next pass
    tries again)."""
    for job in schedule.due(now):
        try:
            if job == "dead_letter":
                metrics.DEAD_LETTER_MESSAGES.labels(service, DEAD_LETTER_QUEUE).set(
                    dead_letter_depth(amqp_uri))
            elif job == "domain" and refreshers and session_factory is not None:
                refresh_domain(session_factory, refreshers)
        except Exception:
            log.warning("%s: refreshing the %s gauges failed; will retry", service, job,
                        exc_info=True)


def open_work_items(department, work_items):
    """The usual department gauge: its ``work_items`` table's open items, labelled with the
    department name the items carry (not the service's name)."""
    query = select(func.count()).select_from(work_items).where(work_items.c.state == "open")

    def refresh(session):
        metrics.OPEN_WORK_ITEMS.labels(department).set(session.execute(query).scalar_one())
    return refresh
