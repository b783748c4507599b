"""kit.rows_json.revive: a child table's JSON rows (PostgreSQL's json_agg) back to the values a
query of the table gives, each row a copy of its own."""
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from sqlalchemy import Boolean, Column, Date, Integer, MetaData, Numeric, String, Table

from weiquan.kit.db import UtcDateTime
from weiquan.kit.rows_json import revive

pytestmark = pytest.mark.unit

CHILD = Table("child", MetaData(), Column("id", Integer, primary_key=True),
              Column("kind", String), Column("due_at", UtcDateTime),
              Column("done_at", UtcDateTime), Column("on_day", Date),
              Column("fee", Numeric(12, 2)), Column("open", Boolean))


def json_row(**overrides):
    """A row as json_agg writes it: times without their zone (the column holds UTC)."""
    return {"id": 7, "kind": "written_reply", "due_at": "2026-01-14T02:00:00",
            "done_at": None, "on_day": "2026-01-14", "fee": 1200.5, "open": True, **overrides}


def test_each_column_comes_back_as_its_type_and_none_stays_none():
    (row,) = revive(CHILD, [json_row()])
    assert row == {"id": 7, "kind": "written_reply",
                   "due_at": datetime(2026, 1, 14, 2, 0, tzinfo=timezone.utc), "done_at": None,
                   "on_day": date(2026, 1, 14), "fee": Decimal("1200.5"), "open": True}
    assert row["due_at"].tzinfo is not None


def test_the_rows_given_are_left_as_they_were():
    given = [json_row(), json_row(id=8, done_at="2026-01-13T09:30:00")]
    revived = revive(CHILD, given)
    assert given == [json_row(), json_row(id=8, done_at="2026-01-13T09:30:00")]
    assert revived[1]["done_at"] == datetime(2026, 1, 13, 9, 30, tzinfo=timezone.utc)
    assert revive(CHILD, given) == revived  # revived twice from the same rows: the same


def test_no_rows_is_an_empty_list():
    assert revive(CHILD, None) == [] and revive(CHILD, []) == []


def test_a_row_missing_a_converted_column_is_an_error_not_a_silent_none():
    row = json_row()
    del row["due_at"]
    with pytest.raises(KeyError):
        revive(CHILD, [row])
