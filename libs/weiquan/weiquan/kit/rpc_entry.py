"""The RPC entrypoint every service uses: nameko's ``rpc``, with its answer sent the cheap way.

nameko 2.14's Responder encodes each answer twice (a "can it be serialized" check, then the
publish) and publishes it persistent with publisher confirms: a broker round trip per answer,
and, as the caller's reply queue is durable (it expires when unused), every answer written to
the broker's disk. The answer goes to the caller's own reply queue, not mandatory; the caller
waits seconds at most (kit.rpc.call's timeout), which covers an answer lost on the way as it
covers a request lost. So here the answer is encoded once and published transient, without
confirms (with kit.rpc.asks' transient requests, a list page cost the broker 0.75 ms of CPU
instead of 1.2-1.5 ms, measured); the request is acked after it, as nameko does. The method
is found by a dict, not by formatting every method's routing key (intake has dozens)."""
import inspect
import sys

import kombu.serialization
from nameko.amqp.publish import Publisher
from nameko.constants import (AMQP_SSL_CONFIG_KEY, AMQP_URI_CONFIG_KEY,
                              LOGIN_METHOD_CONFIG_KEY, NON_PERSISTENT)
from nameko.exceptions import (IncorrectSignature, MethodNotFound, UnserializableValueError,
                               serialize)
from nameko.rpc import Rpc, RpcConsumer, get_rpc_exchange

from weiquan.kit.wire_json import kombu_bytes


class AnsweringRpcConsumer(RpcConsumer):
    """The service's RPC queue consumer; answers as the module docstring says."""

    def setup(self):
        super().setup()
        config = self.container.config
        self._exchange = get_rpc_exchange(config)
        self._publisher = Publisher(config[AMQP_URI_CONFIG_KEY], use_confirms=False,
                                    delivery_mode=NON_PERSISTENT,
                                    ssl=config.get(AMQP_SSL_CONFIG_KEY),
                                    login_method=config.get(LOGIN_METHOD_CONFIG_KEY))
        self._by_key = None

    def register_provider(self, provider):
        super().register_provider(provider)
        self._by_key = None

    def get_provider_for_method(self, routing_key):
        if self._by_key is None:
            service = self.container.service_name
            self._by_key = {f"{service}.{p.method_name}": p for p in self._providers}
        provider = self._by_key.get(routing_key)
        if provider is None:
            raise MethodNotFound(routing_key.split(".")[-1])
        return provider

    def handle_result(self, message, result, exc_info):
        content_type, encoding, body, result, exc_info = encode_answer(message, result, exc_info)
        self._publisher.publish(body, content_type=content_type, content_encoding=encoding,
                                exchange=self._exchange,
                                routing_key=message.properties["reply_to"],
                                correlation_id=message.properties.get("correlation_id"))
        self.queue_consumer.ack_message(message)
        return result, exc_info


def encode_answer(message, result, exc_info):
    """(content type, encoding, body, result, exc_info) of nameko's reply ``{"result", "error"}``,
    encoded once in the request's own serializer (JSON by kit.wire_json); an answer that cannot
    be encoded becomes nameko's UnserializableValueError, as nameko's Responder makes it."""
    serializer = kombu.serialization.registry.type_to_name[message.properties["content_type"]]
    error = serialize(exc_info[1]) if exc_info is not None else None
    try:
        if serializer == "json":
            return ("application/json", "utf-8",
                    kombu_bytes({"result": result, "error": error}), result, exc_info)
        return (*kombu.serialization.dumps({"result": result, "error": error}, serializer),
                result, exc_info)
    except Exception:
        exc_info = sys.exc_info()
        error = serialize(UnserializableValueError(result))
        return (*kombu.serialization.dumps({"result": None, "error": error}, serializer),
                None, exc_info)


class AnsweringRpc(Rpc):
    rpc_consumer = AnsweringRpcConsumer()

    def check_signature(self, args, kwargs):
        """nameko's check of a request's arguments against the method, with the method's
        signature worked out once: ``inspect.getcallargs`` works it out again for every
        request (11 us against 2 us). The same signature as nameko's (the method as the
        class holds it, decorators' wrappers not unwrapped)."""
        signature = getattr(self, "_signature", None)
        if signature is None:
            method = getattr(self.container.service_cls, self.method_name)
            signature = self._signature = inspect.signature(method, follow_wrapped=False)
        try:
            signature.bind(None, *args, **kwargs)  # None: the unbound method's self
        except TypeError as exc:
            raise IncorrectSignature(str(exc))


rpc = AnsweringRpc.decorator
