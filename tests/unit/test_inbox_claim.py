"""inbox.claim: the first claim of an event by a handler wins, a repeat is refused without
breaking the transaction it runs in (INSERT ... ON CONFLICT DO NOTHING on SQLite and
PostgreSQL, a savepoint elsewhere)."""
import pytest
from sqlalchemy import MetaData, create_engine, func, select
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
