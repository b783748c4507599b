"""Loads and saves legal affairs' records; the only place that knows the tables. Records are
plain dicts (the rows), turned into domain objects by the handlers that need rules."""
from sqlalchemy import and_, func, insert, select, true, update

from legal_aid.models import (appeals, assignments, classifications, counsel, determinations,
                              fee_claims, liaisons, offenders, reviews, work_items, work_logs)

TABLES = {"appeal": appeals, "assignment": assignments, "classification": classifications,
          "counsel": counsel, "determination": determinations, "fee_claim": fee_claims,
          "liaison": liaisons, "offender": offenders, "review": reviews,
          "work_item": work_items, "work_log": work_logs}


def _key(table):
    return list(table.primary_key.columns)[0]


class LegalRepository:
    def __init__(self, session):
        self.session = session

    def _lock(self, query):
        if self.session.bind.dialect.name == "postgresql":
            return query.with_for_update()
        return query  # SQLite: BEGIN IMMEDIATE already serialises writers

    def add(self, what, **values):
        self.session.execute(insert(TABLES[what]).values(**values))
        return values

    def get(self, what, key, for_update=False):
        table = TABLES[what]
        query = select(table).where(_key(table) == key)
        row = self.session.execute(self._lock(query) if for_update else query
                                   ).mappings().first()
        return None if row is None else dict(row)

    def set(self, what, key, **values):
        table = TABLES[what]
        self.session.execute(update(table).where(_key(table) == key).values(**values))

    def where(self, what, order=None, limit=None, offset=0, **conditions):
        table = TABLES[what]
        query = select(table).where(and_(true(), *(table.c[k] == v
                                                  for k, v in conditions.items())))
        query = query.order_by(*(table.c[c] for c in (order or [_key(table).name])))
        if limit is not None:
            query = query.offset(offset).limit(limit)
        return [dict(r) for r in self.session.execute(query).mappings()]

    def count(self, what, **conditions):
        table = TABLES[what]
        query = select(func.count()).select_from(table).where(
            and_(true(), *(table.c[k] == v for k, v in conditions.items())))
        return self.session.execute(query).scalar_one()

    def open_loads(self):
        """counsel id -> open assignments (the current load, Art. 25)."""
        query = select(assignments.c.counsel_id, func.count()).where(
            assignments.c.state == "open").group_by(assignments.c.counsel_id)
        return dict(self.session.execute(query).all())

    def work_item(self, case_no, kind, ref, for_update=False):
        query = select(work_items).where(and_(work_items.c.case_no == case_no,
                                              work_items.c.kind == kind,
                                              work_items.c.ref == ref))
        row = self.session.execute(self._lock(query) if for_update else query
                                   ).mappings().first()
        return None if row is None else dict(row)

    def offenders_like(self, case_no=None):
        """Every offender record (matching needs them all), or one case's."""
        return self.where("offender", order=["recorded_at", "id"],
                          **({"case_no": case_no} if case_no else {}))
