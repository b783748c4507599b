"""publicity's domain gauge, every 30 s (never per request): its open work items, the
statements about a case still on their way to publication (a safety warning has no case and
so no work item; a published or superseded version closed its item)."""
from sqlalchemy import func, select

from weiquan.kit import metrics

from publicity.events import DEPARTMENT
from publicity.models import statements

CLOSED_STATES = ("published", "superseded")


def refresh(session):
    open_items = session.execute(select(func.count()).select_from(statements).where(
        statements.c.case_no.isnot(None), statements.c.state.notin_(CLOSED_STATES))).scalar_one()
    metrics.OPEN_WORK_ITEMS.labels(DEPARTMENT).set(open_items)
