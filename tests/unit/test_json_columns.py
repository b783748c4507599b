"""kit.db's JSON column text and values: orjson where it gives what the standard json module
gives, the standard module where orjson refuses, so a JSON column stores and reads back the
same values as before, and what was refused before is still refused."""
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum

import pytest

from weiquan.kit.db import json_column_text, json_column_value

pytestmark = pytest.mark.unit

CLOCKS = [{"kind": "acceptance_decision", "due_at": "2026-10-09T09:00:00",
           "holder": "committee_office", "provisional": False, "n": 3, "ratio": 0.25}] * 3
VALUES = [CLOCKS, {"name": "张伟", "unit": "城关派出所", "note": "\u20ac \U0001f600"},
          {"nested": {"a": [1, 2, {"b": None}]}, "flag": True}, [], {}, "text", 7, None,
          {"big": 2 ** 70}, 1e16, -0.0]


class Colour(str, Enum):
    RED = "red"


@pytest.mark.parametrize("value", VALUES)
def test_the_text_decodes_to_what_json_dumps_decodes_to(value):
    assert json.loads(json_column_text(value)) == json.loads(json.dumps(value))
    assert json_column_value(json_column_text(value)) == value


@pytest.mark.parametrize("value", VALUES)
def test_stored_text_of_either_encoder_reads_back_as_json_loads_reads_it(value):
    for text in (json.dumps(value), json.dumps(value, ensure_ascii=False),
                 json_column_text(value)):
        assert json_column_value(text) == json.loads(text)


@pytest.mark.parametrize("value", [{1: "a", 2: "b"}, {"colour": Colour.RED}])
def test_int_keys_and_text_enums_store_what_json_dumps_stores(value):
    assert json.loads(json_column_text(value)) == json.loads(json.dumps(value))


@pytest.mark.parametrize("refused", [datetime(2026, 10, 8, tzinfo=timezone.utc), object()])
def test_what_json_dumps_refuses_is_still_refused(refused):
    with pytest.raises(TypeError):
        json.dumps({"x": refused})
    with pytest.raises(TypeError):
        json_column_text({"x": refused})


def test_a_dataclass_is_refused_as_before():
    @dataclass
    class Point:
        x: int

    with pytest.raises(TypeError):
        json_column_text({"p": Point(1)})


def test_bad_text_raises_as_json_loads_does():
    with pytest.raises(ValueError):
        json_column_value("{not json")
