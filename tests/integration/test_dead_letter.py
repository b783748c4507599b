"""A message that always fails its handler is retried a bounded number of times and then parked
in the dead-letter queue: never lost silently, never looping forever."""
import json
import time
import uuid

import pytest
from kombu import Connection, Exchange, Queue

from weiquan.kit.consumer import DEAD_LETTER_QUEUE

from tests.support.infra import amqp_uri

pytestmark = pytest.mark.integration
PROBE_QUEUE = "evt-intake-application_submitted--probe"


def _death_queue(message):
    deaths = message.headers.get("x-death") or []
    return deaths[0]["queue"] if deaths else ""


def test_poison_message_is_dead_lettered(system):
    marker = str(uuid.uuid4())
    with Connection(amqp_uri()) as conn:
        channel = conn.default_channel
        dlq = Queue(DEAD_LETTER_QUEUE, durable=True)(channel)
        producer = conn.Producer(serializer="json")
        exchange = Exchange("intake.events", type="topic", durable=True, delivery_mode=2)
        producer.publish({"event_id": marker, "event_type": "application_submitted",
                          "poison": True}, exchange=exchange, declare=[exchange],
                         routing_key="application_submitted", delivery_mode=2)
        found = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and found is None:
            message = dlq.get(no_ack=False)
            if message is None:
                time.sleep(0.2)
                continue
            body = json.loads(message.body)
            if body.get("event_id") != marker:
                message.reject(requeue=True)
                continue
            # every queue subscribed to the event got a copy (the probe's, and the
            # departments'): each is parked on its own, in whatever order they fail
            message.ack()
            if _death_queue(message).startswith(PROBE_QUEUE):
                found = message
    assert found is not None, "poison message not dead-lettered"
    deaths = found.headers.get("x-death") or []
    assert deaths and deaths[0]["queue"].startswith(PROBE_QUEUE)
    assert deaths[0]["reason"] == "delivery_limit", deaths[0]
