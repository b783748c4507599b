"""The clock sweeps: reminders the working day before a deadline, accountability when one is
missed (Art. 36), and recomputation when official calendar data arrives.

Every step claims its rows with FOR UPDATE SKIP LOCKED (PostgreSQL) inside one transaction
that also writes the outcome and stages the event, so several intake replicas sweeping at once
never act twice on the same clock. On SQLite (development, one process) BEGIN IMMEDIATE
serialises the sweeps instead."""
import logging
import time
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import and_, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from weiquan.config import TZ
from weiquan.contracts.events import build_event
from weiquan.kit import metrics
from weiquan.kit.outbox import stage

from intake.domain.clock_rules import (compute_due, in_working_hours, late_seconds,
                                       next_working_day_window)
from intake.domain.model import DIRECTOR
from intake.models import accountability, cases, clocks, history, notifications

log = logging.getLogger(__name__)
SYSTEM = {"username": "system", "roles": ["committee_office"]}
# Rows per transaction. Each batch runs without yielding (on SQLite it holds the one
# connection, and its CPU work holds the eventlet hub): 100 misses take about 0.3 s on SQLite.
BATCH = 100


def _let_others_run():
    """Between batches: under eventlet's monkey patching a zero sleep yields to the requests
    waiting behind the sweep; unpatched (tests, benchmarks) it costs nothing."""
    time.sleep(0)


@dataclass
class SweepResult:
    missed: int = 0
    digests: int = 0
    reminded: int = 0
    recomputed: int = 0
    notes: list = field(default_factory=list)


def _insert(session, table):
    return (pg_insert if session.bind.dialect.name == "postgresql" else sqlite_insert)(table)


class _NothingToSend(Exception):
    pass


def _claim(session, query, skip_locked=True):
    if session.bind.dialect.name == "postgresql":
        query = query.with_for_update(of=clocks, skip_locked=skip_locked)
    return session.execute(query).mappings().all()


def _emit(session, outbox, event_type, case_no, payload, now):
    body = build_event("intake", event_type, case_no, SYSTEM, payload, now)
    stage(session, outbox, "intake.events", event_type, body)
    return body


def _iso(dt):
    return dt.astimezone(TZ).isoformat()


class Sweeper:
    def __init__(self, session_factory, outbox, on_commit=None):
        self.session_factory = session_factory
        self.outbox = outbox
        self.on_commit = on_commit or (lambda: None)

    def sweep(self, now, calendar):
        result = SweepResult()
        result.missed = self.record_missed(now)
        result.digests, result.reminded = self.send_reminders(now, calendar)
        return result

    # ---- missed deadlines (Art. 36) ------------------------------------------------------
    def record_missed(self, now):
        total = 0
        while True:
            with self.session_factory() as session, session.begin():
                rows = _claim(session, select(clocks, cases.c.anti_gang)
                              .join(cases, cases.c.case_no == clocks.c.case_no)
                              .where(clocks.c.satisfied_at.is_(None),
                                     clocks.c.holder.isnot(None),
                                     clocks.c.missed_at.is_(None),
                                     clocks.c.due_at <= now - timedelta(seconds=1))
                              .order_by(clocks.c.due_at).limit(BATCH))
                for row in rows:
                    self._record_one_miss(session, row, now)
                if rows:
                    self.on_commit()
            total += len(rows)
            if len(rows) < BATCH:
                return total
            _let_others_run()

    def _record_one_miss(self, session, row, now):
        session.execute(update(clocks).where(clocks.c.id == row["id"]).values(missed_at=now))
        inserted = session.execute(
            _insert(session, accountability).values(
                case_no=row["case_no"], clock_kind=row["kind"], holder=row["holder"],
                statutory=row["statutory"], due_at=row["due_at"], detected_at=now)
            .on_conflict_do_nothing(index_elements=["case_no", "clock_kind", "due_at"])
            .returning(accountability.c.id)).scalar_one_or_none()
        if inserted is None:
            return  # already on record (e.g. the same due date missed before a re-open)
        late = late_seconds(row["due_at"], now)
        detail = {"clock_kind": row["kind"], "holder": row["holder"],
                  "statutory": row["statutory"], "due": _iso(row["due_at"]),
                  "late_seconds": late}
        session.execute(history.insert().values(case_no=row["case_no"], at=now,
                                                action="deadline_missed", actor="system",
                                                detail=detail))
        session.execute(notifications.insert().values(
            recipient=DIRECTOR, kind="deadline_missed", day=now.astimezone(TZ).date(),
            items=[{"case_no": row["case_no"], **detail}], created_at=now))
        _emit(session, self.outbox, "deadline_missed", row["case_no"],
              {"clock_kind": row["kind"], "holder": row["holder"],
               "statutory": row["statutory"], "due": _iso(row["due_at"]),
               "detected_at": _iso(now), "late_seconds": late}, now)
        metrics.DEADLINES_MISSED.labels(row["kind"], str(row["statutory"]).lower()).inc()

    # ---- reminders: one digest per person per working day ----------------------------------
    def send_reminders(self, now, calendar):
        if not in_working_hours(now, calendar):
            return 0, 0
        _, start, end = next_working_day_window(now, calendar)
        today = now.astimezone(TZ).date()
        due_soon = and_(clocks.c.satisfied_at.is_(None), clocks.c.holder.isnot(None),
                        clocks.c.reminded_on.is_(None), clocks.c.due_at >= start,
                        clocks.c.due_at <= end)
        with self.session_factory() as session:
            holders = session.execute(select(clocks.c.holder).where(due_soon).distinct()
                                      ).scalars().all()
        digests = reminded = 0
        for holder in holders:
            _let_others_run()
            made, count = self._digest_for(holder, today, due_soon, now)
            digests += made
            reminded += count
        return digests, reminded

    def _digest_for(self, holder, today, due_soon, now):
        """The first replica to insert (holder, today) sends the digest with every clock due;
        one that loses the insert (it waits for the winner's commit) only files clocks that
        appeared later into the same digest, so nobody gets two digests a day."""
        try:
            return self._digest_in_transaction(holder, today, due_soon, now)
        except _NothingToSend:
            return 0, 0

    def _digest_in_transaction(self, holder, today, due_soon, now):
        with self.session_factory() as session, session.begin():
            digest_id = session.execute(
                _insert(session, notifications).values(
                    recipient=holder, kind="reminder_digest", day=today, items=[],
                    created_at=now)
                .on_conflict_do_nothing(index_elements=["recipient", "day"],
                                        index_where=notifications.c.kind == "reminder_digest")
                .returning(notifications.c.id)).scalar_one_or_none()
            # No SKIP LOCKED here: the digest takes all of the holder's clocks, waiting for a
            # concurrent sweep to finish rather than splitting them between two digests.
            rows = _claim(session, select(clocks, cases.c.anti_gang)
                          .join(cases, cases.c.case_no == clocks.c.case_no)
                          .where(due_soon, clocks.c.holder == holder)
                          .order_by(cases.c.anti_gang.desc(), clocks.c.due_at), skip_locked=False)
            if not rows:
                raise _NothingToSend()  # roll back: no empty digest
            items = [{"case_no": r["case_no"], "clock_kind": r["kind"], "due": _iso(r["due_at"]),
                      "anti_gang": r["anti_gang"]} for r in rows]
            session.execute(update(clocks).where(clocks.c.id.in_([r["id"] for r in rows]))
                            .values(reminded_on=today))
            if digest_id is not None:
                session.execute(update(notifications).where(notifications.c.id == digest_id)
                                .values(items=items))
                _emit(session, self.outbox, "reminder_digest", None,
                      {"recipient": holder, "day": today.isoformat(), "items": items}, now)
                self.on_commit()
                return 1, len(rows)
            existing = session.execute(select(notifications).where(
                notifications.c.recipient == holder, notifications.c.day == today,
                notifications.c.kind == "reminder_digest").with_for_update()).mappings().one()
            session.execute(update(notifications).where(notifications.c.id == existing["id"])
                            .values(items=list(existing["items"]) + items))
            return 0, len(rows)

    # ---- calendar data arrived: recompute provisional deadlines ----------------------------
    def recompute_provisional(self, now, calendar, reason):
        total, after_id = 0, 0
        while True:
            with self.session_factory() as session, session.begin():
                rows = _claim(session, select(clocks).where(
                    clocks.c.provisional, clocks.c.satisfied_at.is_(None),
                    clocks.c.extended_from.is_(None), clocks.c.id > after_id)
                    .order_by(clocks.c.id).limit(BATCH))
                for row in rows:
                    total += self._recompute_one(session, row, now, calendar, reason)
                if rows:
                    after_id = rows[-1]["id"]
                    self.on_commit()
            if len(rows) < BATCH:
                return total
            _let_others_run()

    def _recompute_one(self, session, row, now, calendar, reason):
        due = compute_due(row["kind"], row["start_at"], calendar)
        if due.due == row["due_at"] and due.provisional == row["provisional"]:
            return 0
        moved = due.due != row["due_at"]
        values = {"due_at": due.due, "provisional": due.provisional}
        if moved:
            values["reminded_on"] = None  # the reminder belongs to the new date
        session.execute(update(clocks).where(clocks.c.id == row["id"]).values(**values))
        detail = {"clock_kind": row["kind"], "old_due": _iso(row["due_at"]),
                  "new_due": _iso(due.due), "provisional": due.provisional, "reason": reason}
        session.execute(history.insert().values(case_no=row["case_no"], at=now,
                                                action="deadline_recomputed", actor="system",
                                                detail=detail))
        if moved and row["holder"]:
            session.execute(notifications.insert().values(
                recipient=row["holder"], kind="deadline_moved", day=now.astimezone(TZ).date(),
                items=[{"case_no": row["case_no"], **detail}], created_at=now))
        _emit(session, self.outbox, "deadline_recomputed", row["case_no"],
              {"holder": row["holder"], **detail}, now)
        return 1

    # ---- gauges (a full count: run every few minutes, not in the sweep) ---------------------
    def refresh_gauges(self, now, calendar):
        _, _, end = next_working_day_window(now, calendar)
        with self.session_factory() as session:
            open_q = select(clocks.c.kind, func.count()).where(
                clocks.c.satisfied_at.is_(None), clocks.c.holder.isnot(None)).group_by(clocks.c.kind)
            counts = dict(session.execute(open_q).all())
            soon = session.execute(select(func.count()).select_from(clocks).where(
                clocks.c.satisfied_at.is_(None), clocks.c.holder.isnot(None),
                clocks.c.due_at <= end)).scalar_one()
            provisional = session.execute(select(func.count()).select_from(clocks).where(
                clocks.c.provisional, clocks.c.satisfied_at.is_(None))).scalar_one()
        for kind in set(counts) | {"acceptance_decision", "written_reply"}:
            metrics.OPEN_CLOCKS.labels(kind).set(counts.get(kind, 0))
        metrics.CLOCKS_DUE_SOON.set(soon)
        metrics.PROVISIONAL_CLOCKS.set(provisional)
        metrics.CALENDAR_LAST_OFFICIAL_YEAR.set(calendar.last_official_year())
