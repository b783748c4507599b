"""The RPC entrypoint's answer: encoded once, as nameko's reply shape, in the request's
serializer; an answer that cannot be encoded becomes nameko's error, as nameko makes it."""
import json
from types import SimpleNamespace

import pytest
from nameko.exceptions import MethodNotFound

from weiquan.kit.rpc_entry import AnsweringRpcConsumer, encode_answer

pytestmark = pytest.mark.unit

JSON = SimpleNamespace(properties={"content_type": "application/json", "reply_to": "r",
                                   "correlation_id": "c"})


def test_an_answer_is_nameko_reply_shape_in_the_request_serializer():
    content_type, encoding, body, result, exc_info = encode_answer(
        JSON, {"ok": {"case_no": "甲-1"}}, None)
    assert (content_type, encoding) == ("application/json", "utf-8")
    assert json.loads(body) == {"result": {"ok": {"case_no": "甲-1"}}, "error": None}
    assert result == {"ok": {"case_no": "甲-1"}} and exc_info is None


def test_an_exception_travels_as_nameko_error():
    try:
        raise ValueError("boom")
    except ValueError as exc:
        exc_info = (type(exc), exc, exc.__traceback__)
    _, _, body, result, returned = encode_answer(JSON, None, exc_info)
    answer = json.loads(body)
    assert answer["result"] is None
    assert answer["error"]["exc_type"] == "ValueError" and answer["error"]["value"] == "boom"
    assert returned is exc_info


def test_an_answer_that_cannot_be_encoded_becomes_unserializable_value_error():
    _, _, body, result, exc_info = encode_answer(JSON, {"ok": object()}, None)
    answer = json.loads(body)
    assert answer["result"] is None and result is None
    assert answer["error"]["exc_type"] == "UnserializableValueError"
    assert exc_info is not None  # the worker's result reports the encoding failure


def test_the_method_is_found_by_its_routing_key_and_an_unknown_one_is_refused():
    consumer = AnsweringRpcConsumer()
    consumer.container = SimpleNamespace(service_name="intake")
    consumer._by_key = None
    ping, get_case = (type("Provider", (), {"method_name": n})() for n in ("ping", "get_case"))
    consumer._providers = {ping, get_case}
    assert consumer.get_provider_for_method("intake.get_case") is get_case
    with pytest.raises(MethodNotFound):
        consumer.get_provider_for_method("intake.no_such_method")
    with pytest.raises(MethodNotFound):
        consumer.get_provider_for_method("dispatch.get_case")  # another service's key


def test_the_wire_json_decodes_as_kombu_json_would_with_its_tagged_types():
    import datetime
    import decimal

    import kombu.utils.json as kombu_json

    from weiquan.kit.wire_json import http_bytes, kombu_bytes
    value = {"at": datetime.datetime(2026, 10, 1, 8, 0, tzinfo=datetime.timezone.utc),
             "day": datetime.date(2026, 10, 8), "fee": decimal.Decimal("1200.50"),
             "名称": "城关派出所", 7: "a key that is a number", "big": 2 ** 70}
    assert kombu_json.loads(kombu_bytes(value)) == kombu_json.loads(kombu_json.dumps(value))
    assert json.loads(http_bytes({"名称": "城关派出所", 7: None})) == {"名称": "城关派出所",
                                                                  "7": None}
    assert "城关派出所".encode() in http_bytes({"名称": "城关派出所"})  # not \\u-escaped
    with pytest.raises(TypeError):
        kombu_bytes({"what": object()})


def test_a_request_that_does_not_fit_the_method_is_refused_as_nameko_refuses_it():
    from nameko.exceptions import IncorrectSignature
    from weiquan.kit.rpc_entry import AnsweringRpc

    class Service:
        def get_case(self, case_no, principal, request_id=None):
            return case_no

    entry = AnsweringRpc()
    entry.container = SimpleNamespace(service_cls=Service)
    entry.method_name = "get_case"
    for _ in range(2):  # the second time from the signature kept
        entry.check_signature(("GX-1", {}), {})
        entry.check_signature(("GX-1",), {"principal": {}, "request_id": "k"})
        with pytest.raises(IncorrectSignature):
            entry.check_signature(("GX-1",), {})
        with pytest.raises(IncorrectSignature):
            entry.check_signature(("GX-1", {}, "k", "extra"), {})
        with pytest.raises(IncorrectSignature):
            entry.check_signature(("GX-1", {}), {"nope": 1})
