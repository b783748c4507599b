"""Loads and saves the political-work office's objects; the only place that knows its
tables."""
from dataclasses import fields

from sqlalchemy import case as when, func, insert, select, update

from weiquan.kit.upsert import insert_once, remember

from welfare.domain.model import (CaseFacts, GreenChannel, InsuranceClaim, PsychReferral,
                                  Training, Visit, WorkItem)
from welfare.models import (attendance, cases, green_channels, insurance_claims,
                            psych_referrals, trainings, visits, work_items)


def _lock(session, query):
    if session.bind.dialect.name == "postgresql":
        return query.with_for_update()
    return query  # SQLite: BEGIN IMMEDIATE already serialises writers


def _row(table, cls, row):
    """The dataclass from a row (columns it has no field for, like version, stay behind)."""
    names = {f.name for f in fields(cls)}
    return cls(**{c.name: row[c.name] for c in table.columns if c.name in names})


# Inserts built once per table: ``insert(t).values(**v)`` per call is rebuilt and its cache key
# recomputed on every execution, on the path every submission's event takes.
_INSERTS = {t: insert(t) for t in (work_items, green_channels)}


def _page(session, query, count, offset, limit):
    total = session.execute(count).scalar_one()
    return total, session.execute(query.offset(offset).limit(limit)).mappings().all()


class WelfareRepository:
    def __init__(self, session):
        self.session = session

    def _one(self, table, key, value, for_update):
        query = select(table).where(table.c[key] == value)
        return self.session.execute(_lock(self.session, query) if for_update else query
                                    ).mappings().first()

    # ---- cases --------------------------------------------------------------------------
    def get_case(self, case_no):
        row = self._one(cases, "case_no", case_no, False)
        return None if row is None else _row(cases, CaseFacts, row)

    def remember_case(self, case_no, **facts):
        """The case after learning ``facts`` (None: not known by this event), in one
        statement; the row stays locked to the end of the transaction."""
        return _row(cases, CaseFacts, remember(self.session, cases, "case_no", case_no, **facts))

    # ---- work items ---------------------------------------------------------------------
    def get_item(self, item_id=None, case_no=None, kind=None, ref="", for_update=False):
        query = select(work_items)
        if item_id is not None:
            query = query.where(work_items.c.id == item_id)
        else:
            query = query.where(work_items.c.case_no == case_no, work_items.c.kind == kind,
                                work_items.c.ref == ref)
        row = self.session.execute(_lock(self.session, query) if for_update else query
                                   ).mappings().first()
        return None if row is None else _row(work_items, WorkItem, row)

    def save_item(self, item, new=False):
        values = {c.name: getattr(item, c.name) for c in work_items.columns}
        if new:
            self.session.execute(_INSERTS[work_items], values)
        else:
            self.session.execute(update(work_items).where(work_items.c.id == item.id)
                                 .values(**values))

    def add_item_once(self, item):
        """Insert a new item unless its case already has one of its kind and ref (the
        unique key): True when inserted. One statement where a lookup and an insert took
        two."""
        return insert_once(self.session, work_items,
                           {c.name: getattr(item, c.name) for c in work_items.columns})

    def items_of_case(self, case_no):
        return [_row(work_items, WorkItem, r) for r in self.session.execute(
            select(work_items).where(work_items.c.case_no == case_no)
            .order_by(work_items.c.opened_at, work_items.c.id)).mappings()]

    def list_items(self, state=None, kind=None, offset=0, limit=20):
        """Open first, nearest due first (no due date last), oldest first."""
        conds = [work_items.c.state == state] if state else []
        if kind:
            conds.append(work_items.c.kind == kind)
        order = (when((work_items.c.state == "open", 0), else_=1),
                 when((work_items.c.due.is_(None), 1), else_=0), work_items.c.due,
                 work_items.c.opened_at, work_items.c.id)
        total, rows = _page(self.session, select(work_items).where(*conds).order_by(*order),
                            select(func.count()).select_from(work_items).where(*conds),
                            offset, limit)
        return total, [_row(work_items, WorkItem, r) for r in rows]

    # ---- green channels -----------------------------------------------------------------
    def get_channel(self, channel_id, for_update=False):
        row = self._one(green_channels, "id", channel_id, for_update)
        return None if row is None else _row(green_channels, GreenChannel, row)

    def channel_of_case(self, case_no):
        row = self._one(green_channels, "case_no", case_no, False)
        return None if row is None else _row(green_channels, GreenChannel, row)

    def save_channel(self, ch, new=False):
        values = {c.name: getattr(ch, c.name) for c in green_channels.columns}
        values["history"] = list(ch.history)
        if new:
            self.session.execute(_INSERTS[green_channels], values)
        else:
            self.session.execute(update(green_channels).where(green_channels.c.id == ch.id)
                                 .values(**values))

    def list_channels(self, state=None, offset=0, limit=20):
        """Still open (not closed) first, nearest due first."""
        t = green_channels
        conds = [t.c.state == state] if state else []
        order = (when((t.c.state == "closed", 1), else_=0), t.c.due, t.c.opened_at, t.c.id)
        total, rows = _page(self.session, select(t).where(*conds).order_by(*order),
                            select(func.count()).select_from(t).where(*conds), offset, limit)
        return total, [_row(t, GreenChannel, r) for r in rows]

    # ---- visits and insurance -----------------------------------------------------------
    def add_visit(self, v):
        self.session.execute(insert(visits).values(
            **{c.name: getattr(v, c.name) for c in visits.columns}))

    def visits_of_case(self, case_no):
        return [_row(visits, Visit, r) for r in self.session.execute(
            select(visits).where(visits.c.case_no == case_no)
            .order_by(visits.c.visited_at, visits.c.id)).mappings()]

    def get_claim(self, claim_id, for_update=False):
        row = self._one(insurance_claims, "id", claim_id, for_update)
        return None if row is None else _row(insurance_claims, InsuranceClaim, row)

    def save_claim(self, claim, new=False):
        values = {c.name: getattr(claim, c.name) for c in insurance_claims.columns}
        values["history"] = list(claim.history)
        if new:
            self.session.execute(insert(insurance_claims).values(**values))
        else:
            self.session.execute(update(insurance_claims)
                                 .where(insurance_claims.c.id == claim.id).values(**values))

    def claims_of_case(self, case_no):
        return [_row(insurance_claims, InsuranceClaim, r) for r in self.session.execute(
            select(insurance_claims).where(insurance_claims.c.case_no == case_no)
            .order_by(insurance_claims.c.filed_at, insurance_claims.c.id)).mappings()]

    # ---- psychological referrals ----------------------------------------------------------
    def get_referral(self, referral_id, for_update=False):
        row = self._one(psych_referrals, "id", referral_id, for_update)
        return None if row is None else _row(psych_referrals, PsychReferral, row)

    def save_referral(self, r, new=False):
        values = {c.name: getattr(r, c.name) for c in psych_referrals.columns
                  if c.name != "version"}
        values["sessions"] = list(r.sessions)
        if new:
            self.session.execute(insert(psych_referrals).values(version=0, **values))
        else:
            self.session.execute(update(psych_referrals).where(psych_referrals.c.id == r.id)
                                 .values(version=psych_referrals.c.version + 1, **values))

    def list_referrals(self, case_no=None, state=None, offset=0, limit=20):
        t = psych_referrals
        conds = [t.c.case_no == case_no] if case_no else []
        if state:
            conds.append(t.c.state == state)
        order = (when((t.c.state == "open", 0), else_=1), t.c.referred_at.desc(), t.c.id)
        total, rows = _page(self.session, select(t).where(*conds).order_by(*order),
                            select(func.count()).select_from(t).where(*conds), offset, limit)
        return total, [_row(t, PsychReferral, r) for r in rows]

    def open_referrals(self, case_no, besides):
        t = psych_referrals
        return self.session.execute(select(func.count()).select_from(t).where(
            t.c.case_no == case_no, t.c.state == "open", t.c.id != besides)).scalar_one()

    # ---- training -------------------------------------------------------------------------
    def add_training(self, tr):
        self.session.execute(insert(trainings).values(
            **{c.name: getattr(tr, c.name) for c in trainings.columns}))

    def get_training(self, training_id, for_update=False):
        row = self._one(trainings, "id", training_id, for_update)
        if row is None:
            return None
        tr = _row(trainings, Training, row)
        tr.attendees = list(self.session.execute(
            select(attendance.c.police_id).where(attendance.c.training_id == training_id)
            .order_by(attendance.c.recorded_at, attendance.c.police_id)).scalars())
        return tr

    def add_attendees(self, training_id, police_ids, by, at):
        for pid in police_ids:
            self.session.execute(insert(attendance).values(
                training_id=training_id, police_id=pid, recorded_at=at, recorded_by=by))

    def list_trainings(self, offset=0, limit=20):
        total, rows = _page(self.session, select(trainings).order_by(
            trainings.c.held_at.desc(), trainings.c.id),
            select(func.count()).select_from(trainings), offset, limit)
        counts = dict(self.session.execute(
            select(attendance.c.training_id, func.count()).where(
                attendance.c.training_id.in_([r["id"] for r in rows]))
            .group_by(attendance.c.training_id)).all())
        return total, [(_row(trainings, Training, r), counts.get(r["id"], 0)) for r in rows]
