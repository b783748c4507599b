"""The pipelined relay against the real PostgreSQL and RabbitMQ: a backlog larger than a batch
arrives exactly once with every row marked, and each message is byte for byte (body and
properties) what the former per-message kombu publish sent, so consumers see no change."""
import json
import uuid
from datetime import datetime, timezone

import pytest
from kombu import Connection, Exchange, Queue
from sqlalchemy import MetaData, select

from weiquan.contracts.events import build_event
from weiquan.kit.db import make_engine, make_session_factory
from weiquan.kit.outbox import BATCH, OutboxRelay, outbox_table, stage

from tests.support.infra import amqp_uri

pytestmark = pytest.mark.integration
ACTOR = {"username": "officer_360721001", "roles": ["officer"]}


@pytest.fixture
def outbox_db(pg):
    metadata = MetaData()
    table = outbox_table(metadata)
    engine = make_engine(pg.create("pipelined"))
    metadata.create_all(engine)
    yield make_session_factory(engine), table
    engine.dispose()


@pytest.fixture
def tap():
    """A private exchange (so no other test's consumer sees these events) and a queue bound
    to it with every routing key; yields (exchange name, raw py-amqp channel, queue name)."""
    name = f"pipelined{uuid.uuid4().hex[:8]}"
    with Connection(amqp_uri()) as conn:
        channel = conn.default_channel
        channel.auto_decode = False  # bodies as the bytes on the wire
        channel.exchange_declare(f"{name}.events", "topic", durable=True, auto_delete=False)
        channel.queue_declare(name, durable=False, auto_delete=False)
        channel.queue_bind(name, f"{name}.events", "#")
        yield f"{name}.events", channel, name
        channel.queue_delete(name)
        channel.exchange_delete(f"{name}.events")


def submitted(i):
    return build_event("intake", "application_submitted", f"GX-WQ-2026-{i:06d}", ACTOR, {
        "category": "violent_attack", "channel": "app", "applicant_type": "officer",
        "police_id": f"36{i:07d}", "officer_unit": "江西省赣州市公安局章贡分局城关派出所",
        "personnel_type": "regular", "received_at": datetime.now(timezone.utc).isoformat(),
        "decision_due": {"due": datetime.now(timezone.utc).isoformat(), "provisional": True},
        "flags": {"ongoing": False, "off_duty": False, "anti_gang": False, "injury": True},
        "incident_id": None})


def drain(channel, queue):
    messages = []
    while (message := channel.basic_get(queue, no_ack=True)) is not None:
        messages.append(message)
    return messages


def test_a_backlog_beyond_one_batch_arrives_exactly_once(outbox_db, tap):
    factory, table = outbox_db
    exchange, channel, queue = tap
    n = BATCH * 2 + 37
    with factory() as session, session.begin():
        for i in range(n):
            stage(session, table, exchange, "application_submitted", submitted(i))
    relay = OutboxRelay(factory, table, amqp_uri(), "intake")
    try:
        assert relay.relay_all() == n
    finally:
        relay.close()
    ids = [m.properties["message_id"] for m in drain(channel, queue)]
    assert len(ids) == n and len(set(ids)) == n
    with factory() as session:
        rows = session.execute(select(table.c.event_id, table.c.published_at,
                                      table.c.attempts)).all()
    assert sorted(ids) == sorted(r.event_id for r in rows)
    assert all(r.published_at is not None and r.attempts == 1 for r in rows)


def test_messages_are_what_the_per_message_kombu_publish_sent(outbox_db, tap):
    factory, table = outbox_db
    exchange, channel, queue = tap
    new, legacy = submitted(1), submitted(2)
    with factory() as session, session.begin():
        stage(session, table, exchange, "application_submitted", new)
        # a row staged by the former stage() (UTF-8 JSON text), still pending after an upgrade
        session.execute(table.insert().values(
            event_id=legacy["event_id"], exchange=exchange, routing_key="application_submitted",
            body=json.dumps(legacy, ensure_ascii=False), created_at=datetime.now(timezone.utc),
            attempts=0))
    relay = OutboxRelay(factory, table, amqp_uri(), "intake")
    try:
        assert relay.relay_all() == 2
    finally:
        relay.close()
    relayed = drain(channel, queue)
    # the former relay: kombu's json serializer over the decoded body, one confirm per publish
    with Connection(amqp_uri(), transport_options={"confirm_publish": True}) as conn:
        producer = conn.Producer(serializer="json")
        target = Exchange(exchange, type="topic", durable=True, delivery_mode=2)
        for body in (new, legacy):
            producer.publish(json.loads(json.dumps(body)), exchange=target, declare=[target],
                             routing_key="application_submitted", delivery_mode=2,
                             headers={"event_id": body["event_id"]}, message_id=body["event_id"])
    former = drain(channel, queue)
    assert len(relayed) == len(former) == 2
    for got, expected in zip(relayed, former):
        assert got.body == expected.body
        assert got.properties == expected.properties
    assert b"\\u6c5f" in relayed[0].body  # 江 as kombu wrote it, not raw UTF-8
    # and a kombu consumer (what nameko's event handlers use) decodes the same payload
    with Connection(amqp_uri()) as conn:
        kq = Queue(queue, exchange=Exchange(exchange, type="topic", durable=True),
                   routing_key="#", durable=False)(conn.default_channel)
        relay = OutboxRelay(factory, table, amqp_uri(), "intake")
        with factory() as session, session.begin():
            session.execute(table.update().values(published_at=None))
        try:
            assert relay.relay_all() == 2
        finally:
            relay.close()
        payloads = [kq.get(no_ack=True).payload for _ in range(2)]
    assert payloads == [new, legacy]
