"""Escalation of dispatches nobody acknowledged in time (Art. 13: forces must move at once).

A timer sweeps every few seconds; each overdue dispatch is claimed with FOR UPDATE SKIP LOCKED
and gets ``escalated_at`` in the same transaction as its ``dispatch_unacknowledged`` event, so
several replicas never escalate one twice. Mixed into DispatchService (``db``, ``clock``)."""
import logging
from datetime import timedelta

from nameko.timer import timer
from prometheus_client import Counter

from weiquan.config import env

from dispatch import events
from dispatch.domain import rules
from dispatch.repository import DispatchRepository

log = logging.getLogger(__name__)
ACK_TIMEOUT = float(env("DISPATCH_ACK_TIMEOUT", "120"))
# A third of the timeout, so an escalation is at most a third late; at least every 30 s.
SWEEP_INTERVAL = max(0.5, min(30.0, ACK_TIMEOUT / 3))
ESCALATIONS = Counter("weiquan_dispatch_escalations_total",
                      "Dispatches escalated for lack of acknowledgement")


def escalate_overdue(store, now, timeout=ACK_TIMEOUT, batch=200):
    """One pass; returns how many dispatches were escalated."""
    total = 0
    while True:
        with store.uow() as uow:
            repo = DispatchRepository(uow.session)
            claimed = repo.claim_awaiting_ack(now - timedelta(seconds=timeout), limit=batch)
            if claimed:
                units = repo.units({d.unit_id for d in claimed})
                case_nos = {}
                for d in claimed:
                    if not rules.escalate(d, now, timeout):
                        continue
                    if d.incident_id not in case_nos:
                        case_nos[d.incident_id] = repo.get_incident(d.incident_id).case_no
                    repo.save_dispatch(d)
                    events.dispatch_unacknowledged(uow, d, units[d.unit_id],
                                                   case_nos[d.incident_id], timeout, now)
        total += len(claimed)
        if len(claimed) < batch:
            return total


class EscalationEntrypoints:
    @timer(interval=SWEEP_INTERVAL)
    def escalate_unacknowledged(self):
        count = escalate_overdue(self.db, self.clock.now())
        if count:
            ESCALATIONS.inc(count)
            log.warning("escalated %d unacknowledged dispatch(es)", count)
