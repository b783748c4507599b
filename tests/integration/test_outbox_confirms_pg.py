"""The relay's publisher-confirm cases (tests/unit/test_outbox_confirms.py) on PostgreSQL,
where a pass claims its batch with one UPDATE that marks the rows, and unmarks before its
commit the rows the broker did not ack: the same outcome as SQLite's mark-after-publish."""
import pytest
from sqlalchemy import select

from weiquan.kit.db import make_engine

# the same tests, collected here with this module's PostgreSQL ``outbox`` fixture
from tests.unit.test_outbox_confirms import (  # noqa: F401
    test_a_lost_connection_keeps_the_unconfirmed_rows,
    test_a_multiple_nack_leaves_every_covered_row_pending, test_a_nacked_row_stays_pending,
    test_every_ack_marks_every_row, test_rows_without_an_answer_stay_pending_after_the_timeout)
from tests.unit.test_outbox_confirms import published, relay_with, three_staged

pytestmark = pytest.mark.integration


@pytest.fixture
def outbox(pg):
    engine = make_engine(pg.create("outbox_confirms"), pool_size=2)
    yield three_staged(engine)
    engine.dispose()


def test_a_claimed_batch_is_invisible_to_a_second_relay_until_it_commits(outbox):
    """While the first pass waits for the broker, its rows are locked: a second relay's pass
    (another replica) claims nothing, and sees them published once the first commits."""
    factory, table = outbox
    first, broker = relay_with(outbox, [(1, False, True), (3, True, True)])
    second, _ = relay_with(outbox, [])
    seen = {}
    real_drain = broker.drain_events

    def drain_while_the_second_tries(timeout):
        seen["second claimed"] = second.relay()
        return real_drain(timeout)

    broker.drain_events = drain_while_the_second_tries
    assert first.relay() == 3
    assert seen["second claimed"] == 0
    assert published(outbox) == [(True, 1)] * 3
    with factory() as session:
        assert session.execute(select(table.c.id).where(table.c.published_at.is_(None))
                               ).all() == []
