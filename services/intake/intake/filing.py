"""A new case stored in one statement on PostgreSQL: the year's counter bumped, the case, its
clocks, its first timeline entries and the events announcing it inserted, all at once.

Why: case numbers are gap-free per year, so the counter row stays locked from the bump to the
commit. Bumped first in a transaction of its own statements, it stayed locked for five round
trips, each a turn of a busy eventlet hub: under 16 concurrent submissions twelve of them
waited on that lock on average (pg_stat_activity), and the lock, not the CPU, made the tail.
One statement in autocommit mode is its own transaction: the lock is held while PostgreSQL
executes it, and a failure (a repeated request_id, say) leaves nothing, the number included.

The case is built before its number exists, with ``case_number(year, 0)`` (never issued:
numbers start at 1) standing in for it; the statement numbers the rows, and writes the
number into each event body's ``case_no`` member."""
import json
from functools import lru_cache

from sqlalchemy import Text, bindparam, cast, func, insert, select, union_all, update

from intake.domain.rules import case_number
from intake.models import case_counters, cases, clocks, history, outbox

SEQ_DIGITS = 6  # case_number's zero-padded width


def stand_in(year):
    """The number a case is built with before the statement numbers it."""
    return case_number(year, 0)


def _number(prefix, seq):
    """case_number(year, seq) in SQL, from its prefix (``GX-WQ-<year>-``): the sequence
    zero-padded to six digits, or all its digits past 999,999 as Python's ``06d`` gives."""
    digits = cast(seq, Text)
    return prefix + func.lpad(digits, func.greatest(SEQ_DIGITS, func.length(digits)), "0")


def _typed(name, column):
    """A bound value cast to its column's type: in INSERT ... SELECT, PostgreSQL would read
    an untyped NULL or JSON text as text."""
    return cast(bindparam(name, type_=column.type), column.type)


_CLOCK_COLUMNS = [c for c in clocks.columns if c.name not in ("id", "case_no")]
_HISTORY_COLUMNS = [c for c in history.columns if c.name not in ("id", "case_no")]


def _rows(table, columns, prefix, n, source):
    """INSERT INTO table SELECT source.case_no, <n rows of bound values>."""
    selects = [select(source.c.case_no, *(_typed(f"{prefix}{i}_{c.name}", c) for c in columns))
               for i in range(n)]
    query = selects[0] if n == 1 else union_all(*selects)
    return insert(table).from_select(["case_no", *(c.name for c in columns)], query)


def _announce(names, n, source):
    """INSERT INTO outbox the n events (``names``: the outbox row's columns besides the
    body), each body's case_no member the new number."""
    columns = [outbox.c[name] for name in names]
    selects = [select(*(_typed(f"event{i}_{c.name}", c) for c in columns),
                      func.replace(bindparam(f"event{i}_body", type_=Text),
                                   bindparam("stand_in_member", type_=Text),
                                   '"case_no": "' + source.c.case_no + '"'))
               for i in range(n)]
    query = selects[0] if n == 1 else union_all(*selects)
    return insert(outbox).from_select([*(c.name for c in columns), "body"], query)


@lru_cache(maxsize=64)
def statement(case_columns, n_clocks, n_history, event_columns, n_events):
    """The filing statement for a case of this shape (``case_columns``: the names of the
    case's columns besides case_no and seq; ``event_columns``: the outbox row's besides the
    body, kit.outbox.outbox_row's); built once per shape, bound values only, so
    SQLAlchemy's compiled cache serves it. Returns the new (case_no, seq), or no row when
    the year has no counter yet."""
    numbered = (update(case_counters).where(case_counters.c.year == bindparam("counter_year"))
                .values(last_seq=case_counters.c.last_seq + 1)
                .returning(case_counters.c.last_seq.label("seq"),
                           _number(bindparam("prefix", type_=Text),
                                   case_counters.c.last_seq).label("case_no"))
                .cte("numbered"))
    filed = (insert(cases).from_select(
        ["case_no", "seq", *case_columns],
        select(numbered.c.case_no, numbered.c.seq,
               *(_typed(f"case_{name}", cases.c[name]) for name in case_columns)))
             .returning(cases.c.case_no).cte("filed"))
    ctes = [filed]
    if n_clocks:
        ctes.append(_rows(clocks, _CLOCK_COLUMNS, "clock", n_clocks, filed).cte("clocked"))
    if n_history:
        ctes.append(_rows(history, _HISTORY_COLUMNS, "entry", n_history, filed)
                    .cte("recorded"))
    if n_events:
        ctes.append(_announce(event_columns, n_events, filed).cte("announced"))
    return select(numbered.c.case_no, numbered.c.seq).add_cte(*ctes)


def bound_values(year, case_row, clock_rows, history_rows, outbox_rows):
    """The values ``statement`` binds: the case's columns (without case_no and seq), its
    clocks' and history entries' columns (without id and case_no), and its outbox rows
    (kit.outbox.outbox_row, bodies naming ``stand_in(year)``)."""
    bound = {"counter_year": year, "prefix": stand_in(year)[:-SEQ_DIGITS],
             "stand_in_member": json.dumps({"case_no": stand_in(year)})[1:-1]}
    bound.update({f"case_{name}": value for name, value in case_row.items()})
    for prefix, rows in (("clock", clock_rows), ("entry", history_rows),
                         ("event", outbox_rows)):
        for i, row in enumerate(rows):
            bound.update({f"{prefix}{i}_{name}": value for name, value in row.items()})
    return bound
