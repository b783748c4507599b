"""inbox.claim: the first claim of an event by a handler wins, a repeat is refused without
breaking the transaction it runs in (INSERT ... ON CONFLICT DO NOTHING on SQLite and
PostgreSQL, a savepoint elsewhere)."""
from datetime import timezone

import pytest
from sqlalchemy import MetaData, create_engine, event, func, select
from sqlalchemy.orm import Session

from weiquan.kit.inbox import claim, inbox_table

pytestmark = pytest.mark.unit


@pytest.fixture
def session():
    metadata = MetaData()
    table = inbox_table(metadata)
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    with Session(engine) as s:
        s.inbox = table
        yield s
    engine.dispose()


def test_a_repeated_claim_is_refused_and_the_transaction_goes_on(session):
    with session.begin():
        assert claim(session, session.inbox, "e-1", "svc.handler") is True
        assert claim(session, session.inbox, "e-1", "svc.handler") is False
        assert claim(session, session.inbox, "e-1", "svc.other") is True   # another handler
    count = session.execute(select(func.count()).select_from(session.inbox)).scalar()
    assert count == 2


def test_a_claim_rolled_back_with_its_effects_can_be_made_again(session):
    with pytest.raises(RuntimeError), session.begin():
        assert claim(session, session.inbox, "e-2", "svc.handler") is True
        raise RuntimeError("the handler failed")
    with session.begin():
        assert claim(session, session.inbox, "e-2", "svc.handler") is True


def test_the_claim_is_compiled_once_and_stores_an_aware_time(session):
    """Every event a consumer applies makes a claim: its statement must come from SQLAlchemy's
    compiled cache, not be compiled again each time (the dialects' insert constructs have no
    cache key, which cost a third of a claim)."""
    seen = []
    event.listen(session.get_bind(), "after_cursor_execute",
                 lambda conn, cur, stmt, params, context, many: seen.append(context.cache_hit))
    for i in range(3):
        with session.begin():
            assert claim(session, session.inbox, f"e-{i}", "svc.handler") is True
    hit = seen[0].__class__.CACHE_HIT
    assert seen[1:] == [hit, hit], seen
    stored = session.execute(select(session.inbox.c.received_at)).scalars().all()
    assert len(stored) == 3 and all(at.tzinfo == timezone.utc for at in stored)
