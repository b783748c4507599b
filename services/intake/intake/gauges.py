"""intake's domain gauge: cases not closed, by status, read off case_tally (kept by triggers,
so one tiny read instead of counting every case)."""
from sqlalchemy import func, select

from weiquan.contracts.codes import CASE_STATUSES
from weiquan.kit import metrics

from intake.domain.model import ACCEPTANCE_DECISION, ANTI_GANG_DECISION, WRITTEN_REPLY
from intake.models import case_tally

OPEN_STATUSES = tuple(s for s in CASE_STATUSES if s != "closed")
# the clocks the office holds, with their statutory flag as the sweep labels a miss
# (domain/rules.py new_clock): their miss counters exist at 0 from the start, so an alert's
# increase() sees the first miss after a restart
MISSABLE = ((ACCEPTANCE_DECISION, "true"), (WRITTEN_REPLY, "true"),
            (ANTI_GANG_DECISION, "false"))


def declare_counters():
    for kind, statutory in MISSABLE:
        metrics.DEADLINES_MISSED.labels(kind, statutory)


def refresh(session):
    counts = dict(session.execute(select(case_tally.c.status, func.sum(case_tally.c.n))
                                  .group_by(case_tally.c.status)).all())
    for status in OPEN_STATUSES:  # every status a sample, 0 included; no other label value
        metrics.OPEN_CASES.labels(status).set(counts.get(status, 0))
