"""The relay's pipelined publisher confirms against a fake channel: only rows the broker acked
are marked published; a nacked row, a row left without an answer (timeout) or a lost
connection stays pending. And the stored body is the wire body, for new and legacy rows."""
import json
import socket
import time
import uuid

import pytest
from kombu.serialization import dumps as kombu_dumps
from sqlalchemy import MetaData, select

from weiquan.kit import outbox as outbox_module
from weiquan.kit.db import make_engine, make_session_factory
from weiquan.kit.outbox import OutboxRelay, outbox_table, stage
from weiquan.kit.pipelined import Confirms, event_message, wire_body

pytestmark = pytest.mark.unit


class FakeBroker:
    """A confirm-mode channel and its connection: records publishes, and at the first
    drain_events answers with ``answers`` [(tag, multiple, ok)], then stays silent."""

    def __init__(self, relay, answers, lose_connection=False):
        self.relay, self.answers, self.lose = relay, list(answers), lose_connection
        self.published, self.declared, self.released = [], [], False

    # channel
    def exchange_declare(self, name, *args, **kwargs):
        self.declared.append(name)

    # frame batch
    def publish(self, message, exchange, routing_key):
        self.published.append((message, exchange, routing_key))

    def flush(self):
        pass

    # connection
    def drain_events(self, timeout):
        if self.answers:
            for tag, multiple, ok in self.answers:
                (self.relay._on_ack if ok else self.relay._on_nack)(tag, multiple)
            self.answers = []
            if self.lose:
                raise ConnectionResetError("broker went away")
            return
        time.sleep(min(timeout, 0.05))
        raise socket.timeout()

    def release(self):
        self.released = True


def three_staged(engine):
    """(session factory, outbox table) of an outbox made on ``engine`` with three events."""
    metadata = MetaData()
    table = outbox_table(metadata)
    metadata.create_all(engine)
    factory = make_session_factory(engine)
    with factory() as session, session.begin():
        for i in range(3):
            stage(session, table, "intake.events", "case_rejected",
                  {"event_id": str(uuid.uuid4()), "case_no": f"GX-WQ-2026-{i}", "unit": "城关派出所"})
    return factory, table


@pytest.fixture
def outbox(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'outbox.db'}")
    yield three_staged(engine)
    engine.dispose()


def relay_with(outbox, answers, **kwargs):
    factory, table = outbox
    lose = kwargs.pop("lose_connection", False)
    relay = OutboxRelay(factory, table, "memory://", "intake", **kwargs)
    broker = FakeBroker(relay, answers, lose)

    def channel_ready():
        relay._conn = relay._channel = broker
        return broker

    relay._channel_ready = channel_ready
    relay._frame_batch = lambda channel: broker
    return relay, broker


def published(outbox):
    factory, table = outbox
    with factory() as session:
        return [(r.published_at is not None, r.attempts) for r in
                session.execute(select(table).order_by(table.c.id))]


def test_every_ack_marks_every_row(outbox):
    relay, broker = relay_with(outbox, [(1, False, True), (3, True, True)])
    assert relay.relay() == 3
    assert published(outbox) == [(True, 1)] * 3
    assert len(broker.published) == 3 and broker.declared == ["intake.events"]


def test_a_nacked_row_stays_pending(outbox):
    relay, broker = relay_with(outbox, [(1, False, True), (2, False, False), (3, False, True)])
    assert relay.relay() == 2
    assert published(outbox) == [(True, 1), (False, 0), (True, 1)]
    relay2, _ = relay_with(outbox, [(1, False, True)])
    assert relay2.relay() == 1  # the next pass sends only the pending row
    assert published(outbox) == [(True, 1)] * 3


def test_a_multiple_nack_leaves_every_covered_row_pending(outbox):
    relay, _ = relay_with(outbox, [(1, False, True), (3, True, False)])
    assert relay.relay_all() == 1  # the pass stops: not everything was confirmed
    assert published(outbox) == [(True, 1), (False, 0), (False, 0)]


def test_rows_without_an_answer_stay_pending_after_the_timeout(outbox):
    relay, broker = relay_with(outbox, [(1, False, True)], confirm_timeout=0.2)
    with pytest.raises(TimeoutError):
        relay.relay()
    assert published(outbox) == [(True, 1), (False, 0), (False, 0)]
    assert broker.released and relay._conn is None  # a fresh connection next time


def test_a_lost_connection_keeps_the_unconfirmed_rows(outbox):
    relay, broker = relay_with(outbox, [(2, True, True)], lose_connection=True)
    with pytest.raises(ConnectionResetError):
        relay.relay()
    assert published(outbox) == [(True, 1), (True, 1), (False, 0)]
    assert broker.released and relay._conn is None


def test_answers_for_an_earlier_batch_are_ignored():
    confirms = Confirms(first_tag=11, count=3)
    confirms.answer(10, True, False)   # covers tags up to 10: none of this batch
    confirms.answer(5, False, False)
    assert confirms.open == 3
    confirms.answer(12, True, True)
    confirms.answer(13, False, False)
    assert confirms.open == 0 and confirms.state == [True, True, False]


def test_the_stored_body_is_what_kombu_sent():
    body = {"event_id": "e-1", "case_no": "GX-WQ-2026-1", "unit": "城关派出所",
            "flags": {"injury": True}, "amount": 1.5, "n": None}
    kombu_bytes = kombu_dumps(body, serializer="json")[2]
    kombu_bytes = kombu_bytes.encode() if isinstance(kombu_bytes, str) else kombu_bytes
    assert wire_body(json.dumps(body)) == kombu_bytes           # as stage() stores it
    legacy = json.dumps(body, ensure_ascii=False)                 # staged by an older version
    assert wire_body(legacy) == kombu_bytes


def test_the_message_carries_what_nameko_consumers_read():
    row = {"event_id": "e-1", "body": json.dumps({"event_id": "e-1"})}
    message = event_message(row)
    assert message.body == b'{"event_id": "e-1"}'
    assert message.properties == {
        "priority": 0, "content_type": "application/json", "content_encoding": "utf-8",
        "application_headers": {"event_id": "e-1"}, "delivery_mode": 2, "message_id": "e-1"}


def test_a_big_batch_yields_to_the_hub_under_eventlet(outbox, monkeypatch):
    factory, table = outbox
    with factory() as session, session.begin():
        for i in range(247):  # 250 rows with the fixture's three
            stage(session, table, "intake.events", "case_rejected",
                  {"event_id": str(uuid.uuid4()), "case_no": f"GX-WQ-2026-9{i}"})
    yields = []
    monkeypatch.setattr(outbox_module.patcher, "is_monkey_patched", lambda name: True)
    monkeypatch.setattr(outbox_module.eventlet, "sleep", lambda seconds: yields.append(seconds))
    relay, _ = relay_with(outbox, [(250, True, True)])
    assert relay.relay() == 250
    assert yields == [0, 0]  # after the 100th and the 200th publish
