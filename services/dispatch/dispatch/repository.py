"""Loads and saves the command center's objects; the only place that knows its tables."""
from sqlalchemy import and_, func, insert, or_, select, update

from dispatch.domain.model import (Dispatch, Incident, OrderChange, ProtectiveOrder, Unit,
                                   WorkItem)
from dispatch.models import (dispatches, incidents, protective_order_changes,
                             protective_orders, units, work_items)

_FLAGS = ("ongoing", "injury", "anti_gang", "off_duty")


def _lock(session, query, skip_locked=False):
    if session.bind.dialect.name == "postgresql":
        return query.with_for_update(skip_locked=skip_locked)
    return query  # SQLite: BEGIN IMMEDIATE already serialises writers


def _dispatch(row):
    return Dispatch(id=row["id"], incident_id=row["incident_id"], unit_id=row["unit_id"],
                    dispatched_at=row["dispatched_at"], dispatched_by=row["dispatched_by"],
                    acknowledged_at=row["acknowledged_at"],
                    acknowledged_by=row["acknowledged_by"], arrived_at=row["arrived_at"],
                    escalated_at=row["escalated_at"])


def _incident(row):
    return Incident(id=row["id"], officers=row["officers"], place=row["place"],
                    description=row["description"], category=row["category"],
                    flags={k: row[k] for k in _FLAGS}, reported_at=row["reported_at"],
                    reported_by=row["reported_by"], status=row["status"],
                    case_no=row["case_no"], closed_at=row["closed_at"])


def _dispatch_values(d):
    return dict(acknowledged_at=d.acknowledged_at, acknowledged_by=d.acknowledged_by,
                arrived_at=d.arrived_at, escalated_at=d.escalated_at)


class DispatchRepository:
    def __init__(self, session):
        self.session = session

    # ---- incidents ----------------------------------------------------------------------
    def find_by_request(self, request_id):
        if not request_id:
            return None
        return self.session.execute(select(incidents.c.id).where(
            incidents.c.request_id == request_id)).scalar_one_or_none()

    def add_incident(self, inc, request_id=None):
        self.session.execute(insert(incidents).values(
            id=inc.id, request_id=request_id, status=inc.status, category=inc.category,
            officers=inc.officers, place=inc.place, description=inc.description,
            reported_at=inc.reported_at, reported_by=inc.reported_by, case_no=inc.case_no,
            version=0, **{k: inc.flags[k] for k in _FLAGS}))

    def get_incident(self, incident_id, for_update=False):
        query = select(incidents).where(incidents.c.id == incident_id)
        row = self.session.execute(_lock(self.session, query) if for_update else query
                                   ).mappings().first()
        if row is None:
            return None
        inc = _incident(row)
        inc.dispatches = [_dispatch(r) for r in self.session.execute(
            select(dispatches).where(dispatches.c.incident_id == incident_id)
            .order_by(dispatches.c.dispatched_at, dispatches.c.id)).mappings()]
        return inc

    def get_incidents(self, ids):
        """The incidents of ``ids`` (in that order, unknown ones left out) with their
        dispatches: two queries however many, for the board and the list."""
        ids = list(ids)
        if not ids:
            return []
        rows = {r["id"]: r for r in self.session.execute(
            select(incidents).where(incidents.c.id.in_(ids))).mappings()}
        steps = {}
        for r in self.session.execute(
                select(dispatches).where(dispatches.c.incident_id.in_(ids))
                .order_by(dispatches.c.dispatched_at, dispatches.c.id)).mappings():
            steps.setdefault(r["incident_id"], []).append(_dispatch(r))
        found = []
        for incident_id in ids:
            if incident_id in rows:
                inc = _incident(rows[incident_id])
                inc.dispatches = steps.get(incident_id, [])
                found.append(inc)
        return found

    def case_nos(self, incident_ids):
        """{incident id: its case number or None}: what events about its dispatches carry."""
        return dict(self.session.execute(select(incidents.c.id, incidents.c.case_no).where(
            incidents.c.id.in_(list(incident_ids)))).all())

    def save_incident(self, inc):
        self.session.execute(update(incidents).where(incidents.c.id == inc.id).values(
            status=inc.status, case_no=inc.case_no, closed_at=inc.closed_at,
            version=incidents.c.version + 1))

    def list_incidents(self, status=None, offset=0, limit=20):
        """Ids, open and anti-gang first (Art. 34), newest first."""
        cond = incidents.c.status == status if status else True
        total = self.session.execute(select(func.count()).select_from(incidents)
                                     .where(cond)).scalar_one()
        ids = self.session.execute(
            select(incidents.c.id).where(cond)
            .order_by(incidents.c.status.desc(), incidents.c.anti_gang.desc(),
                      incidents.c.reported_at.desc(), incidents.c.id)
            .offset(offset).limit(limit)).scalars().all()
        return total, ids

    # ---- units --------------------------------------------------------------------------
    def unit_by_name(self, name):
        return self.session.execute(select(units.c.id).where(units.c.name == name)
                                    ).scalar_one_or_none()

    def add_unit(self, unit):
        self.session.execute(insert(units).values(id=unit.id, name=unit.name, kind=unit.kind,
                                                  status=unit.status))

    def units(self, ids=None, for_update=False):
        query = select(units).order_by(units.c.kind, units.c.name)
        if ids is not None:
            query = query.where(units.c.id.in_(list(ids)))
        if for_update:
            query = _lock(self.session, query)
        return {r["id"]: Unit(id=r["id"], name=r["name"], kind=r["kind"], status=r["status"])
                for r in self.session.execute(query).mappings()}

    def save_units(self, changed):
        for u in changed:
            self.session.execute(update(units).where(units.c.id == u.id).values(status=u.status))

    # ---- dispatches ---------------------------------------------------------------------
    def add_dispatches(self, made):
        for d in made:
            self.session.execute(insert(dispatches).values(
                id=d.id, incident_id=d.incident_id, unit_id=d.unit_id,
                dispatched_at=d.dispatched_at, dispatched_by=d.dispatched_by))

    def get_dispatch(self, dispatch_id, for_update=False):
        query = select(dispatches).where(dispatches.c.id == dispatch_id)
        row = self.session.execute(_lock(self.session, query) if for_update else query
                                   ).mappings().first()
        return None if row is None else _dispatch(row)

    def save_dispatch(self, d):
        self.session.execute(update(dispatches).where(dispatches.c.id == d.id)
                             .values(**_dispatch_values(d)))

    def claim_awaiting_ack(self, before, limit=200):
        """Dispatches unacknowledged since ``before`` and not escalated, locked so that
        several replicas never escalate the same one (SKIP LOCKED)."""
        query = (select(dispatches).where(and_(dispatches.c.acknowledged_at.is_(None),
                                               dispatches.c.escalated_at.is_(None),
                                               dispatches.c.dispatched_at <= before))
                 .order_by(dispatches.c.dispatched_at).limit(limit))
        return [_dispatch(r) for r in self.session.execute(
            _lock(self.session, query, skip_locked=True)).mappings()]

    # ---- protective orders (Art. 20) ----------------------------------------------------
    def find_order_by_request(self, request_id):
        if not request_id:
            return None
        return self.session.execute(select(protective_orders.c.id).where(
            protective_orders.c.request_id == request_id)).scalar_one_or_none()

    def add_order(self, o, request_id=None):
        self.session.execute(insert(protective_orders).values(
            id=o.id, incident_id=o.incident_id, case_no=o.case_no, persons=o.persons,
            measures=o.measures, address=o.address, valid_until=o.valid_until,
            issued_at=o.issued_at, issued_by=o.issued_by, request_id=request_id))

    def get_order(self, order_id, for_update=False):
        query = select(protective_orders).where(protective_orders.c.id == order_id)
        r = self.session.execute(_lock(self.session, query) if for_update else query
                                 ).mappings().first()
        return None if r is None else self._order(r)

    def _order(self, r):
        changes = [OrderChange(change=c["change"], at=c["changed_at"], by=c["changed_by"],
                               reason=c["reason"],
                               previous_valid_until=c["previous_valid_until"],
                               valid_until=c["valid_until"])
                   for c in self.session.execute(
                       select(protective_order_changes)
                       .where(protective_order_changes.c.order_id == r["id"])
                       .order_by(protective_order_changes.c.id)).mappings()]
        return ProtectiveOrder(id=r["id"], persons=r["persons"], measures=r["measures"],
                               address=r["address"], valid_until=r["valid_until"],
                               issued_at=r["issued_at"], issued_by=r["issued_by"],
                               case_no=r["case_no"], incident_id=r["incident_id"],
                               revoked_at=r["revoked_at"], changes=changes)

    def save_order(self, o, saved_changes):
        """The order's validity and revocation, and its changes after the first
        ``saved_changes`` (those loaded with it)."""
        self.session.execute(update(protective_orders).where(protective_orders.c.id == o.id)
                             .values(valid_until=o.valid_until, revoked_at=o.revoked_at))
        for c in o.changes[saved_changes:]:
            self.session.execute(insert(protective_order_changes).values(
                order_id=o.id, change=c.change, changed_at=c.at, changed_by=c.by,
                reason=c.reason, previous_valid_until=c.previous_valid_until,
                valid_until=c.valid_until))

    def orders_in_force(self, case_no, incident_id, now):
        """Ids of the unrevoked, unexpired orders for the case (or for its incident, issued
        before the incident learnt its case number)."""
        anchor = protective_orders.c.case_no == case_no
        if incident_id:
            anchor = or_(anchor, protective_orders.c.incident_id == incident_id)
        return self.session.execute(select(protective_orders.c.id).where(and_(
            anchor, protective_orders.c.revoked_at.is_(None),
            protective_orders.c.valid_until > now)).order_by(protective_orders.c.issued_at)
        ).scalars().all()

    # ---- work items (Art. 19, 20) -------------------------------------------------------
    def work_item(self, case_no, kind, for_update=False):
        query = select(work_items).where(and_(work_items.c.case_no == case_no,
                                              work_items.c.kind == kind))
        r = self.session.execute(_lock(self.session, query) if for_update else query
                                 ).mappings().first()
        if r is None:
            return None
        return WorkItem(id=r["id"], case_no=r["case_no"], kind=r["kind"], state=r["state"],
                        owner=r["owner"], summary=r["summary"], due=r["due"],
                        opened_at=r["opened_at"], closed_at=r["closed_at"],
                        closed_by=r["closed_by"], order_id=r["order_id"])

    def add_work_item(self, item):
        self.session.execute(insert(work_items).values(
            id=item.id, case_no=item.case_no, kind=item.kind, state=item.state,
            owner=item.owner, summary=item.summary, due=item.due, opened_at=item.opened_at,
            closed_at=item.closed_at, closed_by=item.closed_by, order_id=item.order_id))

    def save_work_item(self, item):
        self.session.execute(update(work_items).where(work_items.c.id == item.id).values(
            state=item.state, summary=item.summary, closed_at=item.closed_at,
            closed_by=item.closed_by, order_id=item.order_id))
