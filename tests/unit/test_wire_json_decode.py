"""wire_json.kombu_loads: every message a service receives decodes to what kombu's own "json"
decoder gives, tagged types (datetimes, decimals) revived, bad input refused as before."""
import json
from datetime import datetime, timezone
from decimal import Decimal

import pytest
from kombu import serialization
from kombu.exceptions import DecodeError
from kombu.utils import json as kombu_json

from weiquan.kit.wire_json import kombu_bytes, kombu_loads, use_for_kombu

pytestmark = pytest.mark.unit

PAGE = {"items": [{"case_no": f"GX-WQ-2026-{i:06d}", "officer": {"name": "张伟"},
                   "deadlines": [{"due": "2026-10-09T17:00:00+08:00", "left": 3}],
                   "anti_gang": False, "amount": 12.5} for i in range(50)],
        "total": 100_000, "unicode": "\u20ac \U0001f600"}
TAGGED = {"at": datetime(2026, 10, 8, 9, 30, tzinfo=timezone.utc), "fee": Decimal("12.50"),
          "note": "城关派出所"}


@pytest.mark.parametrize("value", [PAGE, TAGGED, [1, None, True], "text", 7])
@pytest.mark.parametrize("encode", [kombu_json.dumps, kombu_bytes,
                                    lambda v: kombu_json.dumps(v).encode()])
def test_decodes_what_kombu_decodes(value, encode):
    data = encode(value)
    assert kombu_loads(data) == kombu_json.loads(data)
    assert kombu_loads(data) == value


def test_tagged_types_come_back_as_their_types():
    back = kombu_loads(kombu_bytes(TAGGED))
    assert isinstance(back["at"], datetime) and back["at"] == TAGGED["at"]
    assert isinstance(back["fee"], Decimal)


def test_what_orjson_refuses_goes_to_kombu_which_accepts_or_raises_as_before():
    big = json.dumps({"n": 2 ** 70, "x": float("nan")})   # beyond 64 bits; NaN
    back = kombu_loads(big)
    assert back["n"] == 2 ** 70 and back["x"] != back["x"]
    with pytest.raises(ValueError):
        kombu_loads(b'{"items": [1, 2')
    assert kombu_loads(memoryview(b'{"a": 1}')) == {"a": 1}


def test_registered_for_json_messages():
    use_for_kombu()
    try:
        assert serialization.loads(kombu_bytes(PAGE), "application/json", "utf-8") == PAGE
        with pytest.raises(DecodeError):
            serialization.loads(b"{not json", "application/json", "utf-8")
    finally:
        serialization.register_json()  # kombu's own again for the other tests
