"""kit.rpc.asks and kit.rpc_entry on the real broker: requests and answers cross it transient
(nothing of a call is written to the broker's disk), publisher confirms still refuse a request
no queue takes at once, and the answer arrives as before."""
import time
import uuid

import pytest
from kombu import Connection, Exchange, Queue
from nameko.containers import ServiceContainer
from nameko.testing.services import dummy, entrypoint_hook

from tests.support.infra import amqp_uri
from weiquan.kit.rpc import ServiceUnavailable, answers, asks, call
from weiquan.kit.rpc_entry import rpc

pytestmark = pytest.mark.inprocess
NOBODY = f"rpc_asks_nobody_{uuid.uuid4().hex[:6]}"  # no service of this name ever ran


class Answerer:
    name = "rpc_asks_answerer"

    @rpc
    @answers
    def echo(self, value):
        return {"echo": value}


class Asker:
    name = "rpc_asks_asker"
    answerer = asks("rpc_asks_answerer")
    nobody = asks(NOBODY)

    @dummy
    def ask(self, value):
        return call(self.answerer.echo, value, timeout=5, service="answerer")

    @dummy
    def ask_nobody(self):
        return call(self.nobody.echo, 1, timeout=5, service="nobody")


@pytest.fixture
def containers():
    config = {"AMQP_URI": amqp_uri()}
    made = [ServiceContainer(cls, config) for cls in (Answerer, Asker)]
    for container in made:
        container.start()
    yield made
    for container in made:
        container.stop()


@pytest.fixture
def spy():
    """A queue that takes a copy of every message on the RPC exchange: requests and answers."""
    with Connection(amqp_uri()) as conn:
        queue = Queue(f"rpc_asks_spy_{uuid.uuid4().hex[:6]}",
                      exchange=Exchange("nameko-rpc", type="topic", durable=True),
                      routing_key="#", auto_delete=True)(conn.default_channel)
        queue.declare()
        yield queue
        queue.delete()


def copies(queue):
    got = []
    while (message := queue.get(no_ack=True)) is not None:
        got.append(message)
    return got


def test_a_call_crosses_the_broker_transient_and_is_answered(containers, spy):
    with entrypoint_hook(containers[1], "ask") as ask:
        assert ask("城关派出所") == {"echo": "城关派出所"}
    seen = copies(spy)
    requests = [m for m in seen if m.delivery_info["routing_key"] == "rpc_asks_answerer.echo"]
    assert len(requests) == 1
    correlation = requests[0].properties["correlation_id"]
    replies = [m for m in seen if m.properties.get("correlation_id") == correlation
               and m is not requests[0]]
    assert len(replies) == 1
    assert requests[0].properties["delivery_mode"] == 1  # transient: nameko's default is 2
    assert replies[0].properties["delivery_mode"] == 1


def test_a_request_no_queue_takes_is_refused_at_once_not_at_the_timeout(containers):
    started = time.monotonic()
    with entrypoint_hook(containers[1], "ask_nobody") as ask_nobody:
        with pytest.raises(ServiceUnavailable) as refused:
            ask_nobody()
    assert refused.value.code == "service_unavailable"
    assert time.monotonic() - started < 3  # the call's timeout is 5 s
