"""dispatch's domain gauges: its department's open work items (one count every 30 s, never per
request), labelled with the department name the work items carry."""
from sqlalchemy import func, select

from weiquan.kit import metrics

from dispatch.domain.protection import OWNER as DEPARTMENT  # command_center
from dispatch.models import work_items


def open_work_items(session):
    return session.execute(select(func.count()).select_from(work_items)
                           .where(work_items.c.state == "open")).scalar_one()


def refresh(session):
    metrics.OPEN_WORK_ITEMS.labels(DEPARTMENT).set(open_work_items(session))
