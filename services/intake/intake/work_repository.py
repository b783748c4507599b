"""Loads and saves the projected work items (models.work_items); the case repository reads a
case's items through ``items_of_case``, its list scope through ``cases_with_work``."""
from dataclasses import asdict

from sqlalchemy import and_, case as when, func, insert, select, text, update

from intake.domain.work import GRANTING, WorkItem
from intake.models import work_items

_COLUMNS = ("item_id", "case_no", "department", "kind", "owner", "due_at", "state", "summary",
            "opened_at", "updated_at", "last_event_at")


def item_from_row(row):
    return WorkItem(**{k: getattr(row, k) for k in _COLUMNS})


def items_of_case(session, case_no):
    """Every item of the case, in the order they were opened (one statement)."""
    return [item_from_row(r) for r in session.execute(
        select(work_items).where(work_items.c.case_no == case_no)
        .order_by(work_items.c.opened_at, work_items.c.item_id))]


def cases_with_work(departments):
    """A subquery: the case numbers on which one of ``departments`` has an open or done item."""
    return select(work_items.c.case_no).where(and_(
        work_items.c.department.in_(departments), work_items.c.state.in_(GRANTING)))


class WorkItemRepository:
    def __init__(self, session):
        self.session = session

    def lock(self, item_id):
        """Serialise the events of one item (PostgreSQL; SQLite serialises writers already):
        an update and a close overtaking the open must not both create the row."""
        if self.session.bind.dialect.name == "postgresql":
            self.session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:k))"),
                                 {"k": f"work_item:{item_id}"})

    def get(self, item_id):
        row = self.session.execute(select(work_items).where(
            work_items.c.item_id == item_id)).first()
        return None if row is None else item_from_row(row)

    def save(self, item, is_new):
        values = asdict(item)
        if is_new:
            self.session.execute(insert(work_items).values(**values))
        else:
            values.pop("item_id")
            self.session.execute(update(work_items).where(
                work_items.c.item_id == item.item_id).values(**values))

    def queue(self, departments, state=None, case_no=None, offset=0, limit=20):
        """(total, items) of the departments (None: every department), nearest due first, the
        items without a due date last, then the oldest opened."""
        where = []
        if departments is not None:
            where.append(work_items.c.department.in_(departments))
        if state:
            where.append(work_items.c.state == state)
        if case_no:
            where.append(work_items.c.case_no == case_no)
        cond = and_(*where) if where else True
        total = self.session.execute(
            select(func.count()).select_from(work_items).where(cond)).scalar_one()
        rows = self.session.execute(
            select(work_items).where(cond)
            .order_by(when((work_items.c.due_at.is_(None), 1), else_=0),
                      work_items.c.due_at, work_items.c.opened_at, work_items.c.item_id)
            .offset(offset).limit(limit))
        return total, [item_from_row(r) for r in rows]
