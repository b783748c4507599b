"""Transactional outbox: an event is stored with the change it announces, relayed after commit.

The relay publishes with publisher confirms and marks rows published only after the broker
confirmed them. A crash between commit and publish leaves the row pending, so the next relay
(at restart or on the periodic sweep) sends it; a crash between publish and marking sends it
twice, which consumers absorb with the inbox (idempotent on ``event_id``).
"""
import json
import logging
import os
import socket
from datetime import datetime, timezone

from kombu import Connection, Exchange, Queue
from sqlalchemy import (BigInteger, Column, Index, Integer, MetaData, String, Table,
                        Text, func, select, text, update)

from weiquan import settings
from weiquan.kit import metrics
from weiquan.kit.db import UtcDateTime

log = logging.getLogger(__name__)


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


def _fault(point):
    """Test-only crash points, so the fault tests can kill the process at an exact step."""
    if settings.current().fault == point:
        log.error("fault injection: exiting at %s", point)
        os._exit(137)


def stage(session, table, exchange, routing_key, body):
    """Add an event to the outbox inside the caller's transaction."""
    session.execute(table.insert().values(
        event_id=body["event_id"], exchange=exchange, routing_key=routing_key,
        body=json.dumps(body, ensure_ascii=False), created_at=datetime.now(timezone.utc), attempts=0))


class OutboxRelay:
    """Moves pending outbox rows to RabbitMQ. Safe to run in several replicas at once: on
    PostgreSQL each batch is claimed with FOR UPDATE SKIP LOCKED."""

    def __init__(self, session_factory, table, amqp_uri, service_name, declare_queues=(),
                 heartbeat=15):
        self.session_factory = session_factory
        self.table = table
        self.amqp_uri = amqp_uri
        self.service_name = service_name
        self.declare_queues = tuple(declare_queues)
        self.heartbeat = heartbeat
        self._conn = None
        self._producer = None

    def _producer_ready(self):
        if self._producer is None:
            conn = Connection(self.amqp_uri, transport_options={"confirm_publish": True},
                              heartbeat=self.heartbeat, connect_timeout=5)
            conn.ensure_connection(max_retries=3)
            self._declare(conn)
            self._conn, self._producer = conn, conn.Producer(serializer="json")
        return self._producer

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
                self._conn = self._producer = None

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

    def pending_count(self):
        with self.session_factory() as session:
            return session.execute(select(func.count()).select_from(self.table)
                                   .where(self.table.c.published_at.is_(None))).scalar_one()

    def relay(self, batch=200):
        """Publish up to ``batch`` pending rows; return how many were published."""
        if self.session_factory.kw["bind"].dialect.name != "postgresql":
            return self._relay_single_writer(batch)
        with self.session_factory() as session, session.begin():
            # Several replicas may relay at once: each claims its batch with SKIP LOCKED and
            # keeps the claim while publishing, so no row is sent by two relays.
            rows = session.execute(self._pending(batch).with_for_update(skip_locked=True)
                                   ).mappings().all()
            if rows:
                self._publish(rows)
                self._mark(session, rows)
        return len(rows)

    def _relay_single_writer(self, batch):
        """SQLite (development, one process): read, publish, then mark in a short write, so the
        database is not locked while the broker is slow."""
        with self.session_factory() as session:
            rows = session.execute(self._pending(batch)).mappings().all()
        if rows:
            self._publish(rows)
            with self.session_factory() as session, session.begin():
                self._mark(session, rows)
        return len(rows)

    def _pending(self, batch):
        t = self.table
        return select(t).where(t.c.published_at.is_(None)).order_by(t.c.id).limit(batch)

    def _publish(self, rows):
        _fault("crash_after_commit")
        try:
            producer = self._producer_ready()
            for row in rows:
                exchange = Exchange(row["exchange"], type="topic", durable=True, delivery_mode=2)
                producer.publish(
                    json.loads(row["body"]), exchange=exchange, declare=[exchange],
                    routing_key=row["routing_key"], delivery_mode=2,
                    headers={"event_id": row["event_id"]}, message_id=row["event_id"])
                metrics.EVENTS_PUBLISHED.labels(self.service_name, row["routing_key"]).inc()
        except Exception:
            self.close()  # reconnect next time; rows stay pending
            raise
        _fault("crash_after_publish")

    def _mark(self, session, rows):
        t = self.table
        session.execute(update(t).where(t.c.id.in_([r["id"] for r in rows]))
                        .values(published_at=datetime.now(timezone.utc), attempts=t.c.attempts + 1))

    def relay_all(self, batch=200):
        total = 0
        while True:
            n = self.relay(batch)
            total += n
            if n < batch:  # drained as of this read; a later commit kicks the loop again
                return total
