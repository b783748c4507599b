"""kit.producer_keys: nameko's publishers keep the connection that keys kombu's producer pool
instead of building one per message, and publish as before: to the same pool, with publisher
confirms where asked, an unroutable mandatory message still refused (real RabbitMQ)."""
import uuid

import nameko.amqp.publish
import pytest
from kombu import Connection, Exchange, Queue
from kombu.pools import producers
from nameko.amqp.publish import Publisher, UndeliverableMessage
from nameko.constants import DEFAULT_TRANSPORT_OPTIONS

from weiquan.kit import producer_keys
from tests.support.infra import amqp_uri

pytestmark = pytest.mark.integration


@pytest.fixture
def installed():
    producer_keys.install()
    yield
    producer_keys.uninstall()


def nameko_key(uri, confirms):
    """The connection nameko 2.14's own get_producer builds to look its pool up."""
    options = DEFAULT_TRANSPORT_OPTIONS.copy()
    options["confirm_publish"] = confirms
    return Connection(uri, transport_options=options, ssl=None, login_method=None)


def test_one_key_per_set_of_parameters_finding_the_pool_nameko_finds():
    uri = amqp_uri()
    confirmed = producer_keys.pool_key(uri, True)
    assert producer_keys.pool_key(uri, True) is confirmed
    unconfirmed = producer_keys.pool_key(uri, False)
    assert unconfirmed is not confirmed
    assert producers[confirmed] is producers[nameko_key(uri, True)]
    assert producers[unconfirmed] is producers[nameko_key(uri, False)]
    assert producers[confirmed] is not producers[unconfirmed]
    assert producer_keys.pool_key(uri, True, transport_options={"max_retries": 1}) \
        is not confirmed


def test_published_messages_arrive_and_unroutable_ones_are_still_refused(installed,
                                                                      monkeypatch):
    uri = amqp_uri()
    built = []
    monkeypatch.setattr(nameko.amqp.publish, "Connection",
                        lambda *a, **k: built.append(a) or Connection(*a, **k))
    exchange = Exchange(f"producer_keys_{uuid.uuid4().hex[:8]}", type="direct",
                        auto_delete=True)
    queue = Queue(f"producer_keys_{uuid.uuid4().hex[:8]}", exchange=exchange,
                  routing_key="here", auto_delete=True)
    with Connection(uri) as conn:
        bound = queue(conn.default_channel)
        bound.declare()
        publisher = Publisher(uri, use_confirms=True)
        for n in range(3):  # the kept key, three times: one pool, every message through
            publisher.publish({"n": n}, exchange=exchange, routing_key="here")
        got = []
        for _ in range(3):
            message = bound.get(no_ack=True)
            assert message is not None
            got.append(message.decode()["n"])
        assert got == [0, 1, 2]
        assert built == []  # nameko's get_producer would have built one per message
        with pytest.raises(UndeliverableMessage):
            publisher.publish({"n": 9}, exchange=exchange, routing_key="nowhere",
                              mandatory=True)
        bound.delete()
