"""kit.upsert: what a consumer learns from an event is written in one statement (remember:
insert, or fill in the facts that are not None; insert_once: a row unless its unique key is
taken), typed both ways and taken from SQLAlchemy's compiled cache after the first time."""
from datetime import datetime, timezone

import pytest
from sqlalchemy import (Column, MetaData, String, Table, UniqueConstraint, create_engine, event,
                        func, select)
from sqlalchemy.orm import Session

from weiquan.kit.db import UtcDateTime
from weiquan.kit.upsert import insert_once, remember

pytestmark = pytest.mark.unit

metadata = MetaData()
cases = Table("cases", metadata, Column("case_no", String(32), primary_key=True),
              Column("unit", String(40)), Column("category", String(40)),
              Column("received_at", UtcDateTime()))
items = Table("items", metadata, Column("id", String(36), primary_key=True),
              Column("case_no", String(32), nullable=False),
              Column("kind", String(20), nullable=False),
              UniqueConstraint("case_no", "kind"))
AT = datetime(2026, 10, 8, 9, 30, tzinfo=timezone.utc)


@pytest.fixture
def session():
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    with Session(engine) as s:
        yield s
    engine.dispose()


def test_remember_inserts_then_fills_in_only_what_the_event_knows(session):
    with session.begin():
        first = remember(session, cases, "case_no", "C-1", unit="城关派出所", category=None,
                         received_at=AT)
        assert dict(first) == {"case_no": "C-1", "unit": "城关派出所", "category": None,
                               "received_at": AT}
        assert first["received_at"].tzinfo == timezone.utc   # typed on the way back
        later = remember(session, cases, "case_no", "C-1", unit=None, category="violent_attack")
        assert dict(later) == {"case_no": "C-1", "unit": "城关派出所",
                               "category": "violent_attack", "received_at": AT}
    assert session.execute(select(func.count()).select_from(cases)).scalar() == 1


def test_insert_once_refuses_a_taken_unique_key(session):
    with session.begin():
        assert insert_once(session, items, {"id": "i-1", "case_no": "C-1", "kind": "visit"})
        assert not insert_once(session, items, {"id": "i-2", "case_no": "C-1", "kind": "visit"})
        assert insert_once(session, items, {"id": "i-3", "case_no": "C-1", "kind": "green"})
    assert session.execute(select(items.c.id).order_by(items.c.id)).scalars().all() == [
        "i-1", "i-3"]


def test_both_come_from_the_compiled_cache(session):
    seen = []
    event.listen(session.get_bind(), "after_cursor_execute",
                 lambda conn, cur, stmt, params, context, many: seen.append(context.cache_hit))
    with session.begin():
        for i in range(3):
            remember(session, cases, "case_no", f"C-{i}", unit="u", category=None)
            insert_once(session, items, {"id": f"i-{i}", "case_no": f"C-{i}", "kind": "k"})
    hit = seen[0].__class__.CACHE_HIT
    assert seen[2:] == [hit] * 4, seen
