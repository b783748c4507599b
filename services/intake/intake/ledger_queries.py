"""The Art. 35 ledger's SQL: statistics aggregated by the database (GROUP BY, one statement)
and the rows of the exports. Definitions (docs/architecture.md "Ledger"):

- in range: the Asia/Shanghai date of received_at is within [from, to];
- open: status not in LEDGER_CLOSED_STATUSES (concluded, closed, rejected);
- overdue: the case has a clock the committee holds (holder set, not the applicant's
  window), still open and past due at ``now`` (as CaseRepository.search's overdue filter);
- concluded: a written conclusion (Art. 16) is recorded, whatever happened after it;
- outcome: the conclusion's outcome; without one, ``refused`` for a rejected case or one
  closed with its refusal upheld, ``pending`` otherwise.

Asia/Shanghai has kept UTC+8 without daylight saving since 1991, so the ``month`` key is the
UTC time plus eight hours on SQLite; PostgreSQL converts with the zone itself."""
from datetime import datetime, timedelta

from sqlalchemy import and_, case, distinct, func, literal, select

from weiquan.config import TZ
from weiquan.contracts.codes import LEDGER_CLOSED_STATUSES

from intake.domain.model import APPLICANT_HELD
from intake.models import cases, clocks


def utc_bounds(first, last):
    """[start, end) of the received_at instants whose Shanghai date is in [first, last]."""
    start = datetime.combine(first, datetime.min.time(), TZ)
    return start, datetime.combine(last + timedelta(days=1), datetime.min.time(), TZ)


def shanghai_month(dialect):
    """YYYY-MM of received_at in Asia/Shanghai, in the dialect's SQL."""
    if dialect == "postgresql":
        local = func.timezone("Asia/Shanghai", func.timezone("UTC", cases.c.received_at))
        return func.to_char(local, "YYYY-MM")
    return func.strftime("%Y-%m", cases.c.received_at, "+8 hours")


def _conclusion_outcome():
    return cases.c.conclusion["outcome"].as_string()


def outcome_key():
    return case((_conclusion_outcome().isnot(None), _conclusion_outcome()),
                (cases.c.status.in_(("rejected", "closed")), literal("refused")),
                else_=literal("pending"))


def group_key(by, dialect):
    return {"category": lambda: cases.c.category, "month": lambda: shanghai_month(dialect),
            "unit": lambda: cases.c.officer_unit, "channel": lambda: cases.c.channel,
            "outcome": outcome_key, "place": lambda: cases.c.place}[by]()


def _overdue_cases(now):
    """Case numbers holding an open committee-held clock past due (partial index
    ix_clocks_open_due on PostgreSQL)."""
    return (select(distinct(clocks.c.case_no).label("case_no"))
            .where(clocks.c.satisfied_at.is_(None), clocks.c.holder.isnot(None),
                   clocks.c.kind.notin_(APPLICANT_HELD),
                   clocks.c.due_at <= now - timedelta(seconds=1))
            .subquery("overdue_cases"))


def _in_range(first, last, now):
    """(cases outer-joined with the overdue ones, the date-range condition, that subquery)."""
    overdue = _overdue_cases(now)
    start, end = utc_bounds(first, last)
    return (cases.outerjoin(overdue, overdue.c.case_no == cases.c.case_no),
            and_(cases.c.received_at >= start, cases.c.received_at < end), overdue)


def _flag(condition):
    return func.sum(case((condition, 1), else_=0))


def stats_statement(by, first, last, now, dialect):
    """One GROUP BY statement: key, total, open, overdue, concluded per group."""
    key = group_key(by, dialect).label("key")
    joined, in_range, overdue = _in_range(first, last, now)
    total = func.count().label("total")
    query = (select(key, total,
                    _flag(cases.c.status.notin_(LEDGER_CLOSED_STATUSES)).label("open"),
                    _flag(overdue.c.case_no.isnot(None)).label("overdue"),
                    _flag(_conclusion_outcome().isnot(None)).label("concluded"))
             .select_from(joined).where(in_range).group_by(key))
    if by == "month":
        return query.order_by(key)
    return query.order_by(total.desc(), key)


def stats(session, by, first, last, now):
    """[{key, total, open, overdue, concluded}] of the cases received in [first, last]."""
    statement = stats_statement(by, first, last, now, session.bind.dialect.name)
    return [{"key": r.key, "total": r.total, "open": int(r.open or 0),
             "overdue": int(r.overdue or 0), "concluded": int(r.concluded or 0)}
            for r in session.execute(statement)]


def rows_statement(first, last, now):
    joined, in_range, overdue = _in_range(first, last, now)
    query = select(
        cases.c.case_no, cases.c.received_at, cases.c.category,
        cases.c.channel, cases.c.officer_unit, cases.c.place, cases.c.status,
        outcome_key().label("outcome"),
        cases.c.decision["decided_at"].as_string().label("decided_at"),
        cases.c.conclusion["concluded_at"].as_string().label("concluded_at"),
        overdue.c.case_no.isnot(None).label("overdue"))
    return (query.select_from(joined).where(in_range)
            .order_by(cases.c.received_at, cases.c.case_no))


def _day(iso):
    return None if iso is None else datetime.fromisoformat(iso).astimezone(TZ).date()


def rows(session, first, last, now):
    """The cases received in [first, last], oldest first, as the exports list them."""
    return [{"case_no": r.case_no, "received_on": r.received_at.astimezone(TZ).date(),
             "category": r.category, "channel": r.channel, "officer_unit": r.officer_unit,
             "place": r.place, "status": r.status, "outcome": r.outcome,
             "decided_on": _day(r.decided_at), "concluded_on": _day(r.concluded_at),
             "overdue": bool(r.overdue)}
            for r in session.execute(rows_statement(first, last, now))]
