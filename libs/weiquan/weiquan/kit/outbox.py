"""Transactional outbox: an event is stored with the change it announces, relayed after commit.

The relay publishes a batch pipelined on a confirm-mode channel (every row sent, then every
broker answer awaited) and marks rows published only after the broker acked them; the stored
body is the message body as is (no decode and encode per event). A crash between commit and
publish leaves the row pending, so the next relay (at restart or on the periodic sweep) sends
it; a crash between publish and marking sends it twice, which consumers absorb with the inbox
(idempotent on ``event_id``).
"""
import json
import logging
import os
import socket
import time
from collections import Counter
from datetime import datetime, timezone

import eventlet
from eventlet import patcher
from kombu import Connection, Exchange, Queue
from sqlalchemy import (BigInteger, Column, Index, Integer, MetaData, String, Table,
                        Text, bindparam, func, select, text, update)

from weiquan import settings
from weiquan.kit import metrics
from weiquan.kit.db import UtcDateTime
from weiquan.kit.pipelined import Confirms, FrameBatch, event_message

log = logging.getLogger(__name__)

BATCH = 1000             # rows per claim: one UPDATE claiming them, one pipelined publish
CONFIRM_TIMEOUT = 30.0   # seconds a batch may wait for the broker's answers
YIELD_EVERY = 100        # publishes between two yields to the eventlet hub


def outbox_table(metadata: MetaData) -> Table:
    return Table(
        "outbox", metadata,
        Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
        Column("event_id", String(36), nullable=False, unique=True),
        Column("exchange", String(100), nullable=False),
        Column("routing_key", String(100), nullable=False),
        Column("body", Text, nullable=False),
        Column("created_at", UtcDateTime(), nullable=False),
        Column("published_at", UtcDateTime()),
        Column("attempts", Integer, nullable=False, default=0),
        Index("ix_outbox_pending", "id", postgresql_where=text("published_at IS NULL")),
    )


def event_exchange(source_service):
    """The same exchange nameko's event_handler binds to (``<service>.events``, topic, durable)."""
    return Exchange(f"{source_service}.events", type="topic", durable=True, delivery_mode=2)


def _let_others_run():
    """In a service (eventlet, monkey-patched) a batch of 1,000 publishes is a few hundred
    milliseconds of CPU that rarely blocks on the socket: yield to the hub now and then so
    requests are served meanwhile. A plain thread (tests, benchmarks) has nothing to yield to."""
    if patcher.is_monkey_patched("socket"):
        eventlet.sleep(0)


def _fault(point):
    """Test-only crash points, so the fault tests can kill the process at an exact step."""
    if settings.current().fault == point:
        log.error("fault injection: exiting at %s", point)
        os._exit(137)


_INSERTS = {}  # outbox table -> its insert statement


def stage(session, table, exchange, routing_key, body):
    """Add an event to the outbox inside the caller's transaction. The body is stored as the
    exact JSON the broker will carry (``json.dumps`` defaults: ASCII, non-ASCII as ``\\uXXXX``,
    which is what kombu's json serializer sent), so the relay publishes the stored text as is."""
    statement = _INSERTS.get(table)
    if statement is None:  # built once per table: a per-call .values() recomputes its cache key
        statement = _INSERTS[table] = table.insert()
    session.execute(statement, outbox_row(exchange, routing_key, body))


def outbox_row(exchange, routing_key, body):
    """The outbox row's values for an event (``stage`` inserts it; a caller inserting its
    change in one statement inserts it there)."""
    return dict(event_id=body["event_id"], exchange=exchange, routing_key=routing_key,
                body=json.dumps(body), created_at=datetime.now(timezone.utc), attempts=0)


class OutboxRelay:
    """Moves pending outbox rows to RabbitMQ. Safe to run in several replicas at once: on
    PostgreSQL each batch is claimed with FOR UPDATE SKIP LOCKED.

    A batch is published pipelined: every row is sent on one confirm-mode channel without
    waiting, then the relay waits until the broker answered each one. Only acked rows are
    marked published when the pass commits (on PostgreSQL the claim marks the batch and the
    rows without an ack are unmarked before the commit); a nacked row, one left without an
    answer after ``confirm_timeout`` seconds, or a lost connection leaves its row pending for
    the next pass (the connection is then closed and made again)."""

    def __init__(self, session_factory, table, amqp_uri, service_name, declare_queues=(),
                 heartbeat=15, confirm_timeout=CONFIRM_TIMEOUT):
        self.session_factory = session_factory
        self.table = table
        self.amqp_uri = amqp_uri
        self.service_name = service_name
        self.declare_queues = tuple(declare_queues)
        self.heartbeat = heartbeat
        self.confirm_timeout = confirm_timeout
        self._conn = None
        self._channel = None
        self._sent = 0            # publishes on the channel so far (the last delivery tag)
        self._declared = set()    # exchanges declared on this connection
        self._confirms = None     # the batch waiting for its answers
        self._claims = {}         # batch size -> its claiming statement (PostgreSQL)

    def _channel_ready(self):
        if self._channel is None:
            conn = Connection(self.amqp_uri, heartbeat=self.heartbeat, connect_timeout=5)
            conn.ensure_connection(max_retries=3)
            self._conn = conn
            self._declare(conn)
            channel = conn.default_channel
            channel.confirm_select()
            channel.events["basic_ack"].add(self._on_ack)
            channel.events["basic_nack"].add(self._on_nack)
            self._channel, self._sent, self._declared = channel, 0, set()
        return self._channel

    def _on_ack(self, tag, multiple):
        if self._confirms is not None:
            self._confirms.answer(tag, multiple, True)

    def _on_nack(self, tag, multiple):
        if self._confirms is not None:
            self._confirms.answer(tag, multiple, False)

    def keep_alive(self):
        """An idle publisher must still keep the broker's heartbeat: read what the broker sent
        (its heartbeats) and send ours when due. Without this the broker drops the connection
        after two silent intervals ("missed heartbeats from client") and the next publish
        fails. A dead connection is closed here and made again at the next publish."""
        if self._conn is None:
            return
        try:
            try:
                self._conn.drain_events(timeout=0.01)
            except socket.timeout:
                pass  # nothing from the broker in this instant
            self._conn.heartbeat_check()
        except Exception:
            log.warning("outbox relay: broker connection lost while idle; reconnecting at the "
                        "next publish", exc_info=True)
            self.close()

    def close(self):
        if self._conn is not None:
            try:
                self._conn.release()
            finally:
                self._conn = self._channel = None
                self._declared = set()

    def _declare(self, conn):
        """Declare known consumer queues up front: events published before a consumer's first
        start would otherwise be dropped by the broker."""
        from weiquan.kit.consumer import consumer_queue_name, declare_dead_letter, queue_arguments
        channel = conn.default_channel
        if self.declare_queues:
            declare_dead_letter(channel)
        for source, event_type, service, method in self.declare_queues:
            exchange = Exchange(f"{source}.events", type="topic", durable=True, delivery_mode=2)
            Queue(consumer_queue_name(source, event_type, service, method), exchange=exchange,
                  routing_key=event_type, durable=True,
                  queue_arguments=queue_arguments())(channel).declare()

    def _declare_exchange(self, channel, name):
        """Once per connection: the exchange nameko's event handlers bind to (topic, durable)."""
        if name not in self._declared:
            channel.exchange_declare(name, "topic", durable=True, auto_delete=False)
            self._declared.add(name)

    def pending_count(self):
        return self.pending_stats()[0]

    def pending_stats(self):
        """(pending rows, created_at of the oldest of them or None): the outbox gauges' one
        query, run every few seconds by the relay loop."""
        t = self.table
        with self.session_factory() as session:
            count, oldest = session.execute(select(func.count(), func.min(t.c.created_at))
                                            .where(t.c.published_at.is_(None))).one()
        return count, oldest

    def relay(self, batch=BATCH):
        """Publish up to ``batch`` pending rows; return how many the broker confirmed. A lost
        connection or a confirm timeout is raised after the confirmed rows were marked."""
        if self.session_factory.kw["bind"].dialect.name != "postgresql":
            return self._relay_single_writer(batch)
        with self.session_factory() as session, session.begin():
            # Several replicas may relay at once: each claims its batch with SKIP LOCKED and
            # keeps the claim while publishing, so no row is sent by two relays. The claim
            # marks the rows too, uncommitted until the broker answered: a crash meanwhile
            # rolls the marks back, and rows the broker did not confirm are unmarked before
            # the commit (three round trips a pass, not four).
            rows = sorted(session.execute(self._claim(batch), {
                "claimed_at": datetime.now(timezone.utc)}).mappings().all(),
                key=lambda row: row["id"])
            acked, error = self._publish(rows) if rows else ([], None)
            if len(acked) < len(rows):
                confirmed = {row["id"] for row in acked}
                self._unmark(session, [row for row in rows if row["id"] not in confirmed])
        if error is not None:
            raise error
        return len(acked)

    def _claim(self, batch):
        """The pending rows of a batch, locked and marked published at ``claimed_at``,
        returned; built once per batch size."""
        claim = self._claims.get(batch)
        if claim is None:
            t = self.table
            batch_ids = (select(t.c.id).where(t.c.published_at.is_(None)).order_by(t.c.id)
                         .limit(batch).with_for_update(skip_locked=True))
            claim = self._claims[batch] = (
                update(t).where(t.c.id.in_(batch_ids))
                .values(published_at=bindparam("claimed_at"), attempts=t.c.attempts + 1)
                .returning(t.c.id, t.c.event_id, t.c.exchange, t.c.routing_key, t.c.body))
        return claim

    def _unmark(self, session, rows):
        t = self.table
        session.execute(update(t).where(t.c.id.in_([r["id"] for r in rows]))
                        .values(published_at=None, attempts=t.c.attempts - 1))

    def _relay_single_writer(self, batch):
        """SQLite (development, one process): read, publish, then mark in a short write, so the
        database is not locked while the broker is slow."""
        with self.session_factory() as session:
            rows = session.execute(self._pending(batch)).mappings().all()
        acked, error = self._publish(rows) if rows else ([], None)
        if acked:
            with self.session_factory() as session, session.begin():
                self._mark(session, acked)
        if error is not None:
            raise error
        return len(acked)

    def _pending(self, batch):
        t = self.table
        return (select(t.c.id, t.c.event_id, t.c.exchange, t.c.routing_key, t.c.body)
                .where(t.c.published_at.is_(None)).order_by(t.c.id).limit(batch))

    def _publish(self, rows):
        """Send every row, then wait for the broker's answers. Returns (acked rows, the error
        that cut the wait short or None); the other rows stay pending."""
        _fault("crash_after_commit")
        confirms, error = None, None
        try:
            channel = self._channel_ready()
            confirms = self._confirms = Confirms(self._sent + 1, len(rows))
            frames = self._frame_batch(channel)
            for i, row in enumerate(rows, 1):
                if i % YIELD_EVERY == 0:
                    frames.flush()
                    _let_others_run()
                if row["exchange"] not in self._declared:
                    frames.flush()  # a declare waits for its answer: send what is buffered
                    self._declare_exchange(channel, row["exchange"])
                self._sent += 1  # counted before sending: a failed send still took its tag
                frames.publish(event_message(row), row["exchange"], row["routing_key"])
            frames.flush()
            self._await(confirms)
        except Exception as exc:
            error = exc
            self.close()  # reconnect next time; unconfirmed rows stay pending
        finally:
            self._confirms = None
        acked, rest = confirms.split(rows) if confirms else ([], rows)
        if rest:
            log.warning("outbox relay: %d of %d events not confirmed by the broker (%s); they "
                        "stay pending", len(rest), len(rows), error or "nacked")
        if error is None:
            _fault("crash_after_publish")
        for routing_key, count in Counter(row["routing_key"] for row in acked).items():
            metrics.EVENTS_PUBLISHED.labels(self.service_name, routing_key).inc(count)
        return acked, error

    def _frame_batch(self, channel):
        return FrameBatch(channel)

    def _await(self, confirms):
        deadline = time.monotonic() + self.confirm_timeout
        while confirms.open:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{confirms.open} publisher confirms not received within "
                                   f"{self.confirm_timeout} s")
            try:
                self._conn.drain_events(timeout=left)
            except socket.timeout:
                pass

    def _mark(self, session, rows):
        t = self.table
        session.execute(update(t).where(t.c.id.in_([r["id"] for r in rows]))
                        .values(published_at=datetime.now(timezone.utc), attempts=t.c.attempts + 1))

    def relay_all(self, batch=BATCH):
        total = 0
        while True:
            n = self.relay(batch)
            total += n
            if n < batch:  # drained as of this read (or some left unconfirmed): a later
                return total  # commit or the periodic pass kicks the loop again
