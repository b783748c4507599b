"""The ledger's patterns (Art. 35) in SQL, counted by the database (one GROUP BY statement
each, never a loop over cases):

- hot spots: cases received in [from, to] (the ledger's range) counted by (place, hour,
  category), the largest first. The hour is the Asia/Shanghai hour of the incident's
  occurrence (cases.occurred_at, copied from incident.occurred_at, which every filed case
  carries), or of received_at for a row without one;
- trends: per category, cases received per Asia/Shanghai month of [from, to], and in the
  previous period of equal length (one bucket), in one statement over both periods.

Both read only columns of ix_cases_received_hotspot (received_at, category, place,
occurred_at). Asia/Shanghai has no daylight saving, so SQLite's hour and month are the UTC
time plus eight hours; PostgreSQL converts with the zone itself."""
from sqlalchemy import Integer, case, cast, func, literal, select

from intake.ledger_queries import shanghai_month, utc_bounds
from intake.models import cases

PREVIOUS = "previous"   # the trend bucket of the cases of the previous period


def shanghai_hour(dialect):
    """0-23: the Asia/Shanghai hour of the occurrence, else of the receipt (both naive UTC)."""
    moment = func.coalesce(cases.c.occurred_at, cases.c.received_at)
    if dialect == "postgresql":
        local = func.timezone("Asia/Shanghai", func.timezone("UTC", moment))
        return cast(func.extract("hour", local), Integer)
    return cast(func.strftime("%H", moment, "+8 hours"), Integer)


def _received_in(start, end):
    return (cases.c.received_at >= start) & (cases.c.received_at < end)


def hotspots_statement(first, last, top, dialect):
    """(place, hour, category, total) of the ``top`` largest combinations; ties by place
    (no place last, on both backends), hour, category: the same data, the same list."""
    hour = shanghai_hour(dialect).label("hour")
    total = func.count().label("total")
    start, end = utc_bounds(first, last)
    return (select(cases.c.place, hour, cases.c.category, total)
            .where(_received_in(start, end))
            .group_by(cases.c.place, hour, cases.c.category)
            .order_by(total.desc(), cases.c.place.is_(None), cases.c.place, hour,
                      cases.c.category)
            .limit(top))


def hotspots(session, first, last, top):
    statement = hotspots_statement(first, last, top, session.bind.dialect.name)
    return [{"place": r.place, "hour": int(r.hour), "category": r.category,
             "total": r.total} for r in session.execute(statement)]


def trends_statement(first, last, previous_first, dialect):
    """(category, bucket, total): bucket is YYYY-MM for [first, last], PREVIOUS for
    [previous_first, first)."""
    start, end = utc_bounds(first, last)
    prev_start, _ = utc_bounds(previous_first, previous_first)
    bucket = case((cases.c.received_at >= start, shanghai_month(dialect)),
                  else_=literal(PREVIOUS)).label("bucket")
    return (select(cases.c.category, bucket, func.count().label("total"))
            .where(_received_in(prev_start, end))
            .group_by(cases.c.category, bucket))


def trend_counts(session, first, last, previous_first):
    """{category: {bucket: total}} of both periods."""
    counts = {}
    statement = trends_statement(first, last, previous_first, session.bind.dialect.name)
    for r in session.execute(statement):
        counts.setdefault(r.category, {})[r.bucket] = r.total
    return counts
