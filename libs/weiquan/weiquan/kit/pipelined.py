"""The wire side of the outbox relay's pipelined publishing: an outbox row as the AMQP message
kombu's publish sent, the frames of a whole batch written in a few large writes, and the
broker's confirms of that batch. No database here (kit.outbox claims and marks the rows)."""
import json

import amqp
from amqp import spec
from amqp.method_framing import frame_writer
from amqp.serialization import dumps as amqp_dumps


def wire_body(stored):
    """The message body for a stored event: the stored text itself. A row staged before bodies
    were stored as ASCII JSON (UTF-8 text) is re-encoded the way kombu's serializer did, so
    consumers get the same bytes whichever version staged it."""
    if stored.isascii():
        return stored.encode()
    return json.dumps(json.loads(stored)).encode()


def event_message(row):
    """The AMQP message of an outbox row, property for property what kombu's
    ``Producer(serializer="json").publish(..., delivery_mode=2, headers={"event_id": ..},
    message_id=..)`` sent, which nameko's event handlers decode."""
    return amqp.Message(wire_body(row["body"]), priority=0, content_type="application/json",
                        content_encoding="utf-8", application_headers={"event_id": row["event_id"]},
                        delivery_mode=2, message_id=row["event_id"])


class Confirms:
    """The broker's answers to one pipelined batch on a confirm-mode channel. RabbitMQ numbers
    the channel's publishes from 1 (delivery tags) and answers each with basic.ack or
    basic.nack, sometimes for every tag up to one at once (``multiple``)."""

    def __init__(self, first_tag, count):
        self.first = first_tag
        self.state = [None] * count   # None: no answer yet, True: acked, False: nacked
        self.open = count
        self._floor = 0               # every index below it has its answer

    def answer(self, tag, multiple, ok):
        i = tag - self.first
        if multiple:
            top = min(i, len(self.state) - 1)
            for j in range(self._floor, top + 1):
                self._settle(j, ok)
            self._floor = max(self._floor, top + 1)
        elif 0 <= i < len(self.state):
            self._settle(i, ok)

    def _settle(self, i, ok):
        if self.state[i] is None:
            self.state[i] = ok
            self.open -= 1

    def split(self, rows):
        """(acked rows, rows nacked or without an answer)."""
        acked = [row for row, ok in zip(rows, self.state) if ok]
        return acked, [row for row, ok in zip(rows, self.state) if not ok]


class FrameBatch:
    """The frames of many publishes, written to the socket in a few large writes. py-amqp's
    ``basic_publish`` makes one ``sendall`` per message, which was the largest cost of a
    pipelined batch; this uses py-amqp's own frame writer into a buffer, so the bytes on the
    wire are the frames ``basic_publish`` would have sent, only fewer writes carry them."""

    FLUSH_AT = 256 * 1024

    def __init__(self, channel):
        self.channel = channel
        self.transport = channel.connection.transport
        self.buf = bytearray()
        self._write_frame = frame_writer(channel.connection, self)
        self._args = {}

    def write(self, data):
        """The frame writer's sink."""
        self.buf += data

    def publish(self, message, exchange, routing_key):
        args = self._args.get((exchange, routing_key))
        if args is None:  # basic.publish(ticket, exchange, routing_key, mandatory, immediate)
            args = self._args[exchange, routing_key] = amqp_dumps(
                "Bssbb", (0, exchange, routing_key, False, False))
        self._write_frame(1, self.channel.channel_id, spec.Basic.Publish, args, message)
        if len(self.buf) >= self.FLUSH_AT:
            self.flush()

    def flush(self):
        if self.buf:
            self.transport.write(bytes(self.buf))
            self.buf.clear()
