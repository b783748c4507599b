"""Loads and saves the projected work items (models.work_items); the case repository reads a
case's items through ``items_of_case``, its list scope through ``cases_with_work``."""
from sqlalchemy import and_, bindparam, case as when, exists, func, insert, select, text, update

from weiquan.kit.inbox import claim, claim_values, count_duplicate

from intake.domain.work import GRANTING, WorkItem
from intake.models import cases, inbox, work_items

_COLUMNS = ("item_id", "case_no", "department", "kind", "owner", "due_at", "state", "summary",
            "opened_at", "updated_at", "last_event_at")


def item_from_values(values):
    """A work item from a mapping of its columns (a row's ``_mapping``, CaseRepository.read)."""
    return WorkItem(**{k: values[k] for k in _COLUMNS})


def item_values(item):
    """The columns of a work item, its fields as they are (all text and times; not
    dataclasses.asdict, which deep-copies each one: 42 us an item against 2 us, on every
    department's work event)."""
    return {k: getattr(item, k) for k in _COLUMNS}


def item_from_row(row):
    return item_from_values(row._mapping)


def items_of_case(session, case_no):
    """Every item of the case, in the order they were opened (one statement)."""
    return [item_from_row(r) for r in session.execute(_ITEMS_OF_CASE, {"case_no": case_no})]


def cases_with_work(departments):
    """A subquery: the case numbers on which one of ``departments`` has an open or done item."""
    return select(work_items.c.case_no).where(and_(
        work_items.c.department.in_(departments), work_items.c.state.in_(GRANTING)))


# Every department's work events pass here (several per case): the statements are built once.
_ITEMS_OF_CASE = (select(work_items).where(work_items.c.case_no == bindparam("case_no"))
                  .order_by(work_items.c.opened_at, work_items.c.item_id))
_CASE_EXISTS = select(exists().where(cases.c.case_no == bindparam("case_no")))
# PostgreSQL: the event claimed in the inbox (kit.inbox.claim's INSERT ... ON CONFLICT DO
# NOTHING, so a concurrent twin waits for the first claim's transaction), the item's lock (held
# to the end of the transaction) and the case looked up, in one round trip
_CLAIM_AND_LOCK = text(
    f"WITH claimed AS (INSERT INTO {inbox.name} (event_id, handler, received_at) "
    "VALUES (:event_id, :handler, :received_at) ON CONFLICT DO NOTHING RETURNING 1) "
    "SELECT EXISTS (SELECT 1 FROM claimed), pg_advisory_xact_lock(hashtext(:k)), "
    "EXISTS (SELECT 1 FROM cases WHERE case_no = :case_no)"
).bindparams(bindparam("received_at", type_=inbox.c.received_at.type))
_GET_ITEM = select(work_items).where(work_items.c.item_id == bindparam("item_id"))
_INSERT_ITEM = insert(work_items)


class WorkItemRepository:
    def __init__(self, session):
        self.session = session

    def claim_and_lock(self, event_id, handler, item_id, case_no):
        """(claimed, the case exists): the event claimed for ``handler`` in intake's inbox
        (False: applied before), the events of one item serialised (an update and a close
        overtaking the open must not both create the row) and the case looked up. On
        PostgreSQL one round trip, the item's advisory lock held to the end of the
        transaction (a duplicate takes it too); SQLite serialises writers already."""
        if self.session.bind.dialect.name != "postgresql":
            if not claim(self.session, inbox, event_id, handler):
                return False, False
            return True, bool(self.session.execute(_CASE_EXISTS, {"case_no": case_no}).scalar())
        claimed, _, case_exists = self.session.execute(_CLAIM_AND_LOCK, {
            **claim_values(event_id, handler), "k": f"work_item:{item_id}",
            "case_no": case_no}).one()
        if not claimed:
            count_duplicate(handler)
        return bool(claimed), bool(case_exists)

    def get(self, item_id):
        row = self.session.execute(_GET_ITEM, {"item_id": item_id}).first()
        return None if row is None else item_from_row(row)

    def save(self, item, is_new):
        values = item_values(item)
        if is_new:
            self.session.execute(_INSERT_ITEM, values)
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
