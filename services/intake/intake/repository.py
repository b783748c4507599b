"""Loads and saves cases; the only place that knows intake's tables."""
from collections import defaultdict
from datetime import timedelta

from sqlalchemy import and_, bindparam, delete, func, insert, or_, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from weiquan.errors import Conflict
from weiquan.kit.db import records
from weiquan.kit.rows_json import children_json, revive

from intake import filing
from intake.list_queries import (LISTED_COLUMNS, LIST_ORDER, page_columns, plain_page,
                                 tally)
from intake.domain.model import APPLICANT_HELD, Case, Clock, HistoryEntry, ListedCase
from intake.domain.records import Appeal, Conclusion, Decision, Escalation, Reexamination
from intake.domain.rules import case_number
from intake.models import (accountability, case_counters, cases, clocks, history,
                           parked_history, work_items)
from intake.records_json import from_json, incident_from_json, incident_to_json, to_json
from intake.work_repository import cases_with_work, item_from_values, items_of_case


def _clock(values):
    """A Clock of a dict of its row's columns that is the caller's own (kit.rows_json.revive
    makes one per row): the case number is dropped in place, not by a second copy."""
    values.pop("case_no", None)
    return Clock(**values)


def clock_from_row(c):
    return _clock(dict(c._mapping))


def clock_values(c):
    return dict(kind=c.kind, start_at=c.start_at, due_at=c.due_at, provisional=c.provisional,
                satisfied_at=c.satisfied_at, holder=c.holder, statutory=c.statutory,
                reminded_on=c.reminded_on, missed_at=c.missed_at, extended_from=c.extended_from)


def history_values(h):
    return dict(at=h.at, action=h.action, actor=h.actor, detail=h.detail)


def _new_case_row(case, year, request_id):
    """A new case's columns, besides its number (case_no, seq)."""
    return dict(request_id=request_id, year=year, status=case.status, category=case.category,
                channel=case.channel, applicant=dict(case.applicant), officer=dict(case.officer),
                officer_police_id=case.officer["police_id"], officer_unit=case.officer["unit"],
                incident=incident_to_json(case.incident), place=case.incident.get("place"),
                occurred_at=case.incident.get("occurred_at"), anti_gang=case.flags["anti_gang"],
                received_at=case.received_at, submitted_at=case.submitted_at,
                filed_by=case.filed_by, version=0, incident_id=case.incident_id)


# The hot writes as statements built once: a statement made per call with .values(...) is
# rebuilt and its cache key recomputed on every execution (a third of a case insert's CPU).
_BUMP_COUNTER = (update(case_counters).where(case_counters.c.year == bindparam("y"))
                 .values(last_seq=case_counters.c.last_seq + 1)
                 .returning(case_counters.c.last_seq))
_INSERT_CASE = insert(cases)
_INSERT_CLOCK = insert(clocks).returning(clocks.c.id)
_INSERT_HISTORY = insert(history)
# ... and the hot reads: a case with its clocks and timeline, a list page's clocks.
_GET_CASE = select(cases).where(cases.c.case_no == bindparam("case_no"))
# FOR NO KEY UPDATE: a sweep that has claimed this case's clocks still inserts its history (the
# foreign key takes KEY SHARE on the case); FOR UPDATE would deadlock with it (this change waits
# for the clock, the sweep for the case). PostgreSQL only: SQLite's BEGIN IMMEDIATE serialises.
_GET_CASE_LOCKED = _GET_CASE.with_for_update(key_share=True)
# a case to read (get_case): the case row with its clocks, timeline and work items in one
# statement on PostgreSQL (kit.rows_json), so one snapshot without a transaction around it
_READ_CASE = select(
    cases, children_json(clocks, cases.c.case_no, clocks.c.id).label("clocks_json"),
    children_json(history, cases.c.case_no, history.c.id).label("history_json"),
    children_json(work_items, cases.c.case_no, work_items.c.opened_at,
                  work_items.c.item_id).label("items_json"),
).where(cases.c.case_no == bindparam("case_no"))
_CASE_CLOCKS = select(clocks).where(clocks.c.case_no == bindparam("case_no")).order_by(clocks.c.id)
_CASE_HISTORY = (select(history).where(history.c.case_no == bindparam("case_no"))
                 .order_by(history.c.id))
_CLOCKS_OF_CASES = (select(clocks).where(clocks.c.case_no.in_(bindparam("nos", expanding=True)))
                    .order_by(clocks.c.id))
class CaseRepository:
    def __init__(self, session):
        self.session = session
        self._history_loaded = {}

    def next_case_no(self, year):
        """Gap-free per year: the counter moves in the caller's transaction, so a rollback
        gives the number back, and the row lock serialises concurrent submissions. SQLite's
        way (its writers are serialised anyway); PostgreSQL files in one statement (``file``)."""
        seq = self.session.execute(_BUMP_COUNTER, {"y": year}).scalar_one_or_none()
        if seq is None:  # first case of the year: create the counter (a racing twin is fine)
            dialect = self.session.bind.dialect.name
            ins = (pg_insert if dialect == "postgresql" else sqlite_insert)(case_counters)
            self.session.execute(ins.values(year=year, last_seq=0).on_conflict_do_nothing())
            seq = self.session.execute(_BUMP_COUNTER, {"y": year}).scalar_one()
        return case_number(year, seq), seq

    def find_by_request(self, request_id):
        if not request_id:
            return None
        return self.session.execute(select(cases.c.case_no).where(
            cases.c.request_id == request_id)).scalar_one_or_none()

    def add(self, case, year, seq, request_id=None):
        self.session.execute(_INSERT_CASE, dict(case_no=case.case_no, seq=seq,
                                                **_new_case_row(case, year, request_id)))
        self._history_loaded[case.case_no] = 0
        self._save_children(case)

    @property
    def files_in_one_statement(self):
        """PostgreSQL numbers and stores a new case in one statement (``file``)."""
        return self.session.bind.dialect.name == "postgresql"

    def file(self, case, year, request_id, outbox_rows):
        """Number and store a new case built with ``filing.stand_in(year)``, with its clocks,
        timeline and ``outbox_rows``, in one statement (filing.py): its own transaction,
        holding the year's counter only while it runs. Returns (case_no, seq). Call it first
        on its session: it switches the session's connection to autocommit."""
        self.session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        row = _new_case_row(case, year, request_id)
        event_columns = tuple(name for name in (outbox_rows[0] if outbox_rows else ())
                              if name != "body")
        statement = filing.statement(tuple(row), len(case.clocks), len(case.history),
                                     event_columns, len(outbox_rows))
        bound = filing.bound_values(year, row, [clock_values(c) for c in case.clocks],
                                    [history_values(h) for h in case.history], outbox_rows)
        numbered = self.session.execute(statement, bound).first()
        if numbered is None:  # the year's first case: its counter first (a racing twin is fine)
            self.session.execute(pg_insert(case_counters).values(year=year, last_seq=0)
                                 .on_conflict_do_nothing())
            numbered = self.session.execute(statement, bound).one()
        self._history_loaded[numbered.case_no] = len(case.history)
        return numbered.case_no, numbered.seq

    def get(self, case_no, for_update=False):
        locked = for_update and self.session.bind.dialect.name == "postgresql"
        row = self.session.execute(_GET_CASE_LOCKED if locked else _GET_CASE,
                                   {"case_no": case_no}).mappings().first()
        if row is None:
            return None
        key = {"case_no": case_no}
        case = self._assemble(row, self.session.execute(_CASE_CLOCKS, key),
                              self.session.execute(_CASE_HISTORY, key))
        case.work_items = items_of_case(self.session, case_no)  # one statement, read-only
        return case

    def read(self, case_no):
        """The case to show, as ``get`` loads it: on PostgreSQL in one statement, one snapshot,
        so with no transaction around it (no BEGIN and ROLLBACK round trips). Call it first
        on its session: it switches the session's connection to autocommit."""
        if self.session.bind.dialect.name != "postgresql":
            return self.get(case_no)
        self.session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        row = self.session.execute(_READ_CASE, {"case_no": case_no}).mappings().first()
        if row is None:
            return None
        case = self._to_case(row)
        case.clocks = [_clock(c) for c in revive(clocks, row["clocks_json"])]
        case.history = [HistoryEntry(h["at"], h["action"], h["actor"], h["detail"] or {})
                        for h in revive(history, row["history_json"])]
        self._history_loaded[case.case_no] = len(case.history)
        case.work_items = [item_from_values(i) for i in revive(work_items, row["items_json"])]
        return case

    def get_many(self, numbers):
        """The cases of a list page (ListedCase), in the order given, in two statements
        (cases, their clocks) rather than three per case, reading only the columns a list
        shows: no applicant, incident, records or history."""
        if not numbers:
            return []
        rows = {r.case_no: r for r in self.session.execute(
            select(*LISTED_COLUMNS).where(cases.c.case_no.in_(numbers)))}
        return self._listed([rows[n] for n in numbers if n in rows])

    def _listed(self, rows):
        """ListedCases of list rows, in their order, with their clocks: those the rows carry
        (``clocks_json``, PostgreSQL's pages) or read in one statement."""
        if not rows:
            return []
        rows = records(rows)
        if "clocks_json" in rows[0]._fields:
            clocks_of = {r.case_no: [_clock(c) for c in revive(clocks, r.clocks_json)]
                         for r in rows}
        else:
            clocks_of = defaultdict(list)
            for c in self.session.execute(_CLOCKS_OF_CASES, {"nos": [r.case_no for r in rows]}):
                clocks_of[c.case_no].append(clock_from_row(c))
        return [ListedCase(case_no=r.case_no, status=r.status, category=r.category,
                           channel=r.channel, received_at=r.received_at,
                           officer={"name": r.officer_name, "unit": r.officer_unit},
                           anti_gang=r.anti_gang,
                           escalations=[from_json(Escalation, e) for e in (r.escalations or [])],
                           clocks=clocks_of[r.case_no])
                for r in rows]

    def _assemble(self, row, clock_rows, history_rows):
        case = self._to_case(row)
        case.clocks = [clock_from_row(c) for c in clock_rows]
        case.history = [HistoryEntry(h.at, h.action, h.actor, h.detail or {})
                        for h in history_rows]
        self._history_loaded[case.case_no] = len(case.history)
        return case

    def save(self, case):
        done = self.session.execute(
            update(cases).where(and_(cases.c.case_no == case.case_no,
                                     cases.c.version == case.version))
            .values(status=case.status, decision=to_json(case.decision),
                    appeal=to_json(case.appeal), conclusion=to_json(case.conclusion),
                    reexamination=to_json(case.reexamination),
                    escalations=[to_json(e) for e in case.escalations],
                    handler=case.handler, version=case.version + 1)).rowcount
        if done != 1:
            raise Conflict("concurrent_update")
        case.version += 1
        self._save_children(case)

    def _save_children(self, case):
        for c in case.clocks:
            values = clock_values(c)
            if c.id is None:
                c.id = self.session.execute(_INSERT_CLOCK,
                                            dict(case_no=case.case_no, **values)).scalar_one()
            else:
                self.session.execute(update(clocks).where(clocks.c.id == c.id).values(**values))
            if c.missed_at is not None and c.satisfied_at is not None:
                # the Art. 36 record learns when the late duty was finally done
                self.session.execute(update(accountability).where(
                    accountability.c.case_no == case.case_no,
                    accountability.c.clock_kind == c.kind,
                    accountability.c.satisfied_at.is_(None)).values(satisfied_at=c.satisfied_at))
        start = self._history_loaded.get(case.case_no, 0)
        new = [dict(case_no=case.case_no, **history_values(h)) for h in case.history[start:]]
        if new:  # one statement for every new entry
            self.session.execute(_INSERT_HISTORY, new)
        self._history_loaded[case.case_no] = len(case.history)

    def _to_case(self, row):
        return Case(case_no=row["case_no"], status=row["status"], category=row["category"],
                    channel=row["channel"], applicant=row["applicant"], officer=row["officer"],
                    incident=incident_from_json(row["incident"]),
                    received_at=row["received_at"], submitted_at=row["submitted_at"],
                    filed_by=row["filed_by"],
                    decision=from_json(Decision, row["decision"]),
                    appeal=from_json(Appeal, row["appeal"]),
                    conclusion=from_json(Conclusion, row["conclusion"]),
                    reexamination=from_json(Reexamination, row["reexamination"]),
                    escalations=[from_json(Escalation, e) for e in (row["escalations"] or [])],
                    handler=row["handler"], version=row["version"],
                    incident_id=row["incident_id"])

    def _conditions(self, scope, status, category, overdue, due_by, now):
        """The WHERE of a list: the principal's scope (access.ListScope, None for every case)
        and the filters."""
        where = []
        if scope is not None:
            ors = [cases.c.filed_by == scope.username]
            if scope.incidents:
                ors.append(cases.c.incident_id.isnot(None))
            if scope.police_id:
                ors.append(cases.c.officer_police_id == scope.police_id)
            if scope.unit:
                ors.append(cases.c.officer_unit == scope.unit)
            if scope.departments:
                ors.append(cases.c.case_no.in_(cases_with_work(scope.departments)))
            where.append(or_(*ors))
        if status:
            where.append(cases.c.status == status)
        if category:
            where.append(cases.c.category == category)
        if overdue is not None:
            open_overdue = select(clocks.c.case_no).where(and_(
                clocks.c.satisfied_at.is_(None), clocks.c.due_at <= now - timedelta(seconds=1),
                clocks.c.kind.notin_(APPLICANT_HELD)))
            test = cases.c.case_no.in_(open_overdue)
            where.append(test if overdue else ~test)
        if due_by is not None:
            where.append(cases.c.case_no.in_(select(clocks.c.case_no).where(and_(
                clocks.c.satisfied_at.is_(None), clocks.c.due_at <= due_by,
                clocks.c.kind.notin_(APPLICANT_HELD)))))
        tallied = scope is None and not category and overdue is None and due_by is None
        return (and_(*where) if where else True), tallied

    def _total(self, cond, tallied, status):
        if tallied:
            return self._tallied(status)  # every case, or every case of one status
        return self.session.execute(select(func.count()).select_from(cases)
                                    .where(cond)).scalar_one()

    def search(self, scope, status=None, category=None, overdue=None, due_by=None, now=None,
               offset=0, limit=20):
        """Case numbers matching the filters, anti-gang first, newest first (Art. 34);
        ``scope`` is the principal's access.ListScope, None for every case."""
        cond, tallied = self._conditions(scope, status, category, overdue, due_by, now)
        numbers = self.session.execute(
            select(cases.c.case_no).where(cond).order_by(*LIST_ORDER)
            .offset(offset).limit(limit)).scalars().all()
        return self._total(cond, tallied, status), numbers

    def page(self, scope, status=None, category=None, overdue=None, due_by=None, now=None,
             offset=0, limit=20):
        """(total, ListedCases) of one list page, as `search` orders and counts them. On
        PostgreSQL the page's rows carry their clocks; a list of every case or every case of
        one status carries the tally's total too, and is then one statement, one snapshot,
        read with no transaction around it (no BEGIN and ROLLBACK round trips). Otherwise
        the count (and elsewhere the clocks) are statements of their own in one transaction.
        Call it first on its session."""
        cond, tallied = self._conditions(scope, status, category, overdue, due_by, now)
        with_clocks = self.session.bind.dialect.name == "postgresql"
        if with_clocks and tallied:
            self.session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        if scope is None and overdue is None and due_by is None:  # the office's usual lists
            rows = self.session.execute(plain_page(bool(status), bool(category), with_clocks), {
                "status": status, "category": category, "offset": offset, "limit": limit}).all()
        else:
            columns = page_columns(with_clocks)
            if tallied:
                columns.append(tally(status or None).scalar_subquery().label("tally_total"))
            rows = self.session.execute(select(*columns).where(cond).order_by(*LIST_ORDER)
                                        .offset(offset).limit(limit)).all()
        if rows and tallied:
            total = int(rows[0].tally_total)
        else:
            total = self._total(cond, tallied, status)
        return total, self._listed(rows)

    def _tallied(self, status=None):
        """How many cases (of ``status``), off the tally (``list_queries.tally``)."""
        return int(self.session.execute(tally(status or None)).scalar_one())

    # ---- live incidents (Art. 13): the case of an incident, and its dispatch steps ----------
    def lock_incident(self, incident_id):
        """Serialise opening an incident's case with parking its steps (PostgreSQL; SQLite's
        BEGIN IMMEDIATE already serialises writers), so no parked step is left behind."""
        if self.session.bind.dialect.name == "postgresql":
            self.session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:k))"),
                                 {"k": f"incident:{incident_id}"})

    def find_by_incident(self, incident_id):
        return self.session.execute(select(cases.c.case_no).where(
            cases.c.incident_id == incident_id)).scalar_one_or_none()

    def exists(self, case_no):
        return self.session.execute(select(cases.c.case_no).where(
            cases.c.case_no == case_no)).scalar_one_or_none() is not None

    def add_history(self, case_no, entry):
        """One timeline entry from another department, without touching the case row."""
        self.session.execute(_INSERT_HISTORY, dict(case_no=case_no, at=entry.at,
                                                   action=entry.action, actor=entry.actor,
                                                   detail=entry.detail))

    def park(self, incident_id, entry):
        self.session.execute(insert(parked_history).values(
            incident_id=incident_id, at=entry.at, action=entry.action, actor=entry.actor,
            detail=entry.detail))

    def unpark(self, incident_id):
        """The steps parked for the incident, oldest first; removed from the parking table."""
        rows = self.session.execute(select(parked_history).where(
            parked_history.c.incident_id == incident_id).order_by(parked_history.c.id)).all()
        if rows:
            self.session.execute(delete(parked_history).where(
                parked_history.c.id.in_([r.id for r in rows])))
        return [HistoryEntry(r.at, r.action, r.actor, r.detail or {}) for r in rows]
