"""The outbox relay against the real PostgreSQL and RabbitMQ: consumer queues declared up front
keep events published before the consumer ever ran, and replicas relaying at once never
publish a row twice."""
import threading
import time
import uuid
from datetime import datetime, timezone

import pytest
from kombu import Connection, Exchange, Queue
from sqlalchemy import MetaData, func, select

from weiquan.contracts.events import build_event
from weiquan.kit.consumer import consumer_queue_name, queue_arguments
from weiquan.kit.db import make_engine, make_session_factory
from weiquan.kit.outbox import OutboxRelay, outbox_table, stage

from tests.support.infra import amqp_uri

pytestmark = pytest.mark.integration
ACTOR = {"username": "committee_office", "roles": ["committee_office"]}


@pytest.fixture
def outbox_db(pg):
    metadata = MetaData()
    table = outbox_table(metadata)
    engine = make_engine(pg.create("relay"))
    metadata.create_all(engine)
    yield make_session_factory(engine), table
    engine.dispose()


def _stage_rejections(factory, table, n, source_case="GX-WQ-2026-9"):
    with factory() as session, session.begin():
        for i in range(n):
            body = build_event("intake", "case_rejected", f"{source_case}{i:05d}", ACTOR,
                               {"category": "other",
                                "decided_at": datetime.now(timezone.utc).isoformat()})
            stage(session, table, "intake.events", "case_rejected", body)


def test_queue_declared_up_front_keeps_early_events(outbox_db):
    factory, table = outbox_db
    service = f"later{uuid.uuid4().hex[:6]}"
    subscription = ("intake", "case_rejected", service, "on_case_rejected")
    _stage_rejections(factory, table, 3)
    relay = OutboxRelay(factory, table, amqp_uri(), "intake", declare_queues=[subscription])
    assert relay.relay_all() == 3
    relay.close()
    with Connection(amqp_uri()) as conn:
        # the consumer service never started, yet its queue holds the events
        queue = Queue(consumer_queue_name(*subscription), durable=True,
                      queue_arguments=queue_arguments())(conn.default_channel)
        bodies = []
        for _ in range(3):
            message = queue.get(no_ack=True)
            assert message is not None, "event lost: queue was not declared before publishing"
            bodies.append(message.payload)
        queue.delete()
    assert [b["event_type"] for b in bodies] == ["case_rejected"] * 3


def test_concurrent_relays_publish_each_row_once(outbox_db):
    factory, table = outbox_db
    with Connection(amqp_uri()) as conn:
        tap = Queue(f"test-relay-{uuid.uuid4().hex[:6]}", exchange=Exchange(
            "intake.events", type="topic", durable=True), routing_key="case_rejected",
            exclusive=True)
        tap(conn.default_channel).declare()
        _stage_rejections(factory, table, 300, source_case="GX-WQ-2026-8")
        relays = [OutboxRelay(factory, table, amqp_uri(), "intake") for _ in range(4)]
        threads = [threading.Thread(target=r.relay_all) for r in relays]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        for r in relays:
            r.close()
        ids = []
        while True:
            message = tap(conn.default_channel).get(no_ack=True)
            if message is None:
                break
            ids.append(message.payload["event_id"])
    assert len(ids) == 300 and len(set(ids)) == 300
    with factory() as session:
        pending = session.execute(select(func.count()).select_from(table)
                                  .where(table.c.published_at.is_(None))).scalar_one()
    assert pending == 0


def _idle(relay, seconds, keep_alive):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if keep_alive:
            relay.keep_alive()
        time.sleep(0.5)


def test_an_idle_relay_keeps_its_broker_connection(outbox_db):
    """The relay's loop calls keep_alive about once a second: an idle publisher answers the
    broker's heartbeats and keeps its connection; without it the broker drops the connection
    after two silent intervals and the next publish fails (the rows stay pending)."""
    factory, table = outbox_db
    relay = OutboxRelay(factory, table, amqp_uri(), "intake", heartbeat=2)
    _stage_rejections(factory, table, 1)
    assert relay.relay_all() == 1
    conn = relay._conn
    _idle(relay, 7, keep_alive=True)
    _stage_rejections(factory, table, 1, "GX-WQ-2026-8")
    assert relay.relay_all() == 1 and relay._conn is conn  # the same connection, still up
    relay.close()

    silent = OutboxRelay(factory, table, amqp_uri(), "intake", heartbeat=2)
    _stage_rejections(factory, table, 1, "GX-WQ-2026-7")
    assert silent.relay_all() == 1
    _idle(silent, 7, keep_alive=False)
    _stage_rejections(factory, table, 1, "GX-WQ-2026-6")
    with pytest.raises(Exception):
        silent.relay_all()  # the broker dropped the silent connection
    assert silent._conn is None  # closed: the next tick connects again
    assert silent.relay_all() == 1
    silent.close()
