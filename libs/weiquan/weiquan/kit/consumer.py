"""Event handler with a dead-letter path: a poison message is retried a few times, then parked.

nameko acks a failed message by default (losing it) and ``requeue_on_error`` alone loops forever.
Here the queue is a quorum queue with ``x-delivery-limit``: failures are requeued until the
limit, then RabbitMQ dead-letters the message to ``weiquan.dead-letter`` for an operator.
"""
from kombu import Exchange, Queue
from nameko.events import EventHandler, SERVICE_POOL
from nameko.standalone.events import get_event_exchange

from weiquan.kit import correlation, metrics

DEAD_LETTER_EXCHANGE = "weiquan.dead-letter"
DEAD_LETTER_QUEUE = "weiquan.dead-letter"
DELIVERY_LIMIT = 5


def consumer_queue_name(source_service, event_type, service_name, method_name):
    return f"evt-{source_service}-{event_type}--{service_name}.{method_name}"


def queue_arguments():
    return {"x-queue-type": "quorum", "x-delivery-limit": DELIVERY_LIMIT,
            "x-dead-letter-exchange": DEAD_LETTER_EXCHANGE}


def declare_dead_letter(channel):
    exchange = Exchange(DEAD_LETTER_EXCHANGE, type="fanout", durable=True)
    exchange(channel).declare()
    Queue(DEAD_LETTER_QUEUE, exchange=exchange, durable=True)(channel).declare()


class ReliableEventHandler(EventHandler):
    def __init__(self, source_service, event_type, **kwargs):
        kwargs.setdefault("handler_type", SERVICE_POOL)
        kwargs["reliable_delivery"] = True
        kwargs["requeue_on_error"] = True
        super().__init__(source_service, event_type, **kwargs)

    def setup(self):
        super().setup()
        exchange = get_event_exchange(self.source_service, self.container.config)
        self.queue = Queue(
            consumer_queue_name(self.source_service, self.event_type,
                                self.container.service_name, self.method_name),
            exchange=exchange, routing_key=self.event_type, durable=True,
            queue_arguments=queue_arguments())
        # the counters' series exist at 0 from the start: an alert's increase() sees the first
        # failure after a restart as a rise, not as a series appearing already at 1
        service = self.container.service_name
        for result in ("ok", "error"):
            metrics.EVENTS_CONSUMED.labels(service, self.event_type, result)
        metrics.EVENTS_FAILED.labels(service, self.event_type)

    def unpack_message_headers(self, message):
        """nameko's context data plus the event's correlation id: the handling, and the events
        it emits, carry the id of the work that emitted this event (kit.correlation)."""
        return correlation.with_event_id(super().unpack_message_headers(message),
                                         message.payload)

    def handle_result(self, message, worker_ctx, result=None, exc_info=None):
        metrics.EVENTS_CONSUMED.labels(self.container.service_name, self.event_type,
                                       "error" if exc_info else "ok").inc()
        if exc_info:
            metrics.EVENTS_FAILED.labels(self.container.service_name, self.event_type).inc()
        return super().handle_result(message, worker_ctx, result, exc_info)

    def start(self):
        from kombu import Connection
        with Connection(self.container.config["AMQP_URI"]) as conn:
            declare_dead_letter(conn.default_channel)
        super().start()


reliable_event_handler = ReliableEventHandler.decorator
