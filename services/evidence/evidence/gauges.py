"""evidence's domain gauges, each one aggregate every 30 s (never per request): the cyber
brigade's open work items, and the registered evidence objects with the sum of their sizes."""
from sqlalchemy import func, select

from weiquan.kit import metrics

from evidence.domain.work import DEPARTMENT  # cyber_brigade
from evidence.models import evidence, work_items


def refresh(session):
    open_items = session.execute(select(func.count()).select_from(work_items)
                                 .where(work_items.c.state == "open")).scalar_one()
    objects, size = session.execute(select(func.count(), func.coalesce(func.sum(evidence.c.size), 0))
                                    ).one()
    metrics.OPEN_WORK_ITEMS.labels(DEPARTMENT).set(open_items)
    metrics.EVIDENCE_OBJECTS.set(objects)
    metrics.EVIDENCE_BYTES.set(size)
