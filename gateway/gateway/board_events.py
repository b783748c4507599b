"""Hears every dispatch event in this gateway process and tells the board feed the board changed.

A consumer of its own (not a nameko entrypoint: the gateway's entrypoints are its HTTP routes)
on an exclusive, auto-delete queue per gateway process, bound to ``dispatch.events`` with ``#``.
It is no domain consumer: nothing is applied, so no inbox and no acknowledgement; an event lost
while the queue is away only delays a board until the streams' fallback fetch, and a reconnect
wakes the boards at once in case something happened meanwhile."""
import logging
import socket
import uuid

import eventlet
from kombu import Connection, Queue
from nameko.extensions import DependencyProvider

from weiquan.kit.outbox import event_exchange

from gateway.board_feed import FEED

log = logging.getLogger(__name__)
SOURCE = "dispatch"
HEARTBEAT = 15   # seconds; the loop drains at least this often, so the broker keeps us
RETRY = 2.0      # seconds before connecting again after the broker went away


class BoardEvents(DependencyProvider):
    def __init__(self, feed=FEED):
        self.feed = feed

    def setup(self):
        self.amqp_uri = self.container.config["AMQP_URI"]
        self.queue_name = f"gateway-board-{uuid.uuid4().hex}"
        self._running = False

    def start(self):
        self._running = True
        self.container.spawn_managed_thread(self._listen)

    def stop(self):
        self._running = False

    def kill(self):
        self._running = False

    def get_dependency(self, worker_ctx):
        return self.feed

    def _listen(self):
        while self._running:
            try:
                self._consume()
            except Exception:  # broker away: try again; the fallback fetch covers the gap
                log.warning("board events: broker connection lost; reconnecting",
                            exc_info=True)
                eventlet.sleep(RETRY)

    def _consume(self):
        queue = Queue(self.queue_name, exchange=event_exchange(SOURCE), routing_key="#",
                      durable=False, exclusive=True, auto_delete=True)
        with Connection(self.amqp_uri, heartbeat=HEARTBEAT, connect_timeout=5) as conn:
            with conn.Consumer(queue, callbacks=[self._on_event], no_ack=True,
                               accept=["json"]):
                self.feed.changed()  # anything missed while we were away shows now
                while self._running:
                    try:
                        conn.drain_events(timeout=1)
                    except socket.timeout:
                        pass
                    conn.heartbeat_check()

    def _on_event(self, body, message):
        self.feed.event(body)
