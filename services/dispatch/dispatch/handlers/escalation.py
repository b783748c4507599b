"""Escalation of dispatches nobody acknowledged in time (Art. 13: forces must move at once).

A timer sweeps a few times per timeout; each overdue dispatch is claimed with FOR UPDATE SKIP
LOCKED and gets ``escalated_at`` in the same transaction as its ``dispatch_unacknowledged``
event, so several replicas never escalate one twice."""
import logging
from datetime import timedelta

from prometheus_client import Counter

from dispatch import events
from dispatch.domain import rules
from dispatch.repository import DispatchRepository

log = logging.getLogger(__name__)
ESCALATIONS = Counter("weiquan_dispatch_escalations_total",
                      "Dispatches escalated for lack of acknowledgement")


def sweep_interval(timeout):
    """A third of the timeout, so an escalation is at most a third late; at least every 30 s."""
    return max(0.5, min(30.0, timeout / 3))


def escalate_overdue(store, now, timeout, batch=200):
    """One pass over every overdue dispatch, ``batch`` per transaction; returns how many were
    escalated."""
    total = 0
    while True:
        with store.uow() as uow:
            repo = DispatchRepository(uow.session)
            claimed = repo.claim_awaiting_ack(now - timedelta(seconds=timeout), limit=batch)
            if claimed:
                units = repo.units({d.unit_id for d in claimed})
                case_nos = repo.case_nos({d.incident_id for d in claimed})
                for d in claimed:
                    if rules.escalate(d, units[d.unit_id], case_nos[d.incident_id], now,
                                      timeout):
                        repo.save_dispatch(d)
                        events.announce(uow, d)
                        total += 1
        if len(claimed) < batch:
            return total


def sweep(store, now, timeout):
    """The timer's pass, counted and logged."""
    count = escalate_overdue(store, now, timeout)
    if count:
        ESCALATIONS.inc(count)
        log.warning("escalated %d unacknowledged dispatch(es)", count)
    return count
