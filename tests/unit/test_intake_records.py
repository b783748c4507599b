"""The typed records of a case and their JSON columns (intake.records_json): rows written when
the records were dicts load unchanged, datetimes come back by field type, and a record shows
the higher level's answer only once it is recorded (the case answer keeps its shape)."""
from datetime import datetime, timezone

import pytest

from intake.domain import lifecycle, rules
from intake.domain.records import (Appeal, Conclusion, Decision, Escalation, Reexamination,
                                   record_fields)
from intake.records_json import from_json, incident_from_json, incident_to_json, to_json
from intake.views import case_view
from tests.unit.helpers_intake import OFFICE, OFFICER, appeal_cmd, at, rejected
from tests.unit.helpers_lifecycle import appeal_outcome_cmd, in_status

pytestmark = pytest.mark.unit

# rows as the dict-based code stored them (isoformat with the offset each value had)
OLD_ROWS = [
    (Decision, {"accept": False, "reason": "不属于维权范围",
                "decided_at": "2026-09-30T11:00:00+08:00", "decided_by": "office1",
                "recorded_at": "2026-09-30T03:00:00+00:00"}),
    (Appeal, {"reason": "不服", "appealed_at": "2026-10-12T09:00:00+08:00",
              "answer_received_at": "2026-10-09T00:00:00+08:00",
              "window_closes": "2026-10-22T23:59:59+08:00", "by": "zhangwei"}),
    (Appeal, {"reason": "不服", "appealed_at": "2026-10-12T09:00:00+08:00",
              "answer_received_at": "2026-10-09T00:00:00+08:00",
              "window_closes": "2026-10-22T23:59:59+08:00", "by": "zhangwei",
              "reference": "赣市公维复〔2026〕9号", "outcome": "refusal_upheld",
              "decided_at": "2026-10-19T00:00:00+08:00",
              "outcome_recorded_at": "2026-10-20T10:00:00+08:00", "outcome_by": "office1"}),
    (Conclusion, {"findings": "经调查", "outcome": "established",
                  "concluded_at": "2026-09-30T10:00:00+08:00", "by": "office1"}),
    (Reexamination, {"reason": "不服", "requested_at": "2026-10-09T09:00:00+08:00",
                     "by": "zhangwei", "body": "上级公安机关维权组织", "reference": None,
                     "outcome": None}),
    (Reexamination, {"reason": "不服", "requested_at": "2026-10-09T09:00:00+08:00",
                     "by": "zhangwei", "body": "上级公安机关维权组织", "reference": "复〔2026〕3号",
                     "outcome": "upheld", "decided_at": "2026-10-20T00:00:00+08:00",
                     "note": None, "outcome_recorded_at": "2026-10-21T09:00:00+08:00",
                     "outcome_by": "office1"}),
    (Escalation, {"id": 1, "reason": "协调", "body": "赣州市公安局维权委", "reference": None,
                  "escalated_at": "2026-09-10T10:00:00+08:00", "by": "office1",
                  "outcome": None}),
]


@pytest.mark.parametrize("cls, row", OLD_ROWS, ids=lambda v: getattr(v, "__name__", ""))
def test_old_rows_load_and_save_back_unchanged(cls, row):
    record = from_json(cls, row)
    assert to_json(record) == row
    for key, value in record_fields(record).items():
        if key.endswith("_at") or key == "window_closes":
            assert value is None or (isinstance(value, datetime) and value.tzinfo), key
        else:
            assert not isinstance(value, datetime), key


def test_times_are_revived_by_field_type_not_by_key_name():
    record = from_json(Escalation, {**OLD_ROWS[-1][1], "reason": "2026-09-10T10:00:00+08:00"})
    assert record.reason == "2026-09-10T10:00:00+08:00", "a str field stays a str"
    assert record.escalated_at == datetime(2026, 9, 10, 2, 0, tzinfo=timezone.utc)


def test_an_unknown_key_is_not_silently_dropped():
    with pytest.raises(TypeError):
        from_json(Conclusion, {**OLD_ROWS[3][1], "extra": 1})


def test_none_stays_none():
    assert from_json(Decision, None) is None and to_json(None) is None


def test_incident_keeps_its_moment():
    incident = {"occurred_at": at("2026-09-29T09:00"), "place": "x", "anti_gang": False}
    stored = incident_to_json(incident)
    assert stored["occurred_at"] == "2026-09-29T09:00:00+08:00"
    assert incident_from_json(stored) == incident


def test_the_appeal_shows_its_answer_only_once_recorded(cal):
    case = rejected(cal)
    rules.appeal(case, appeal_cmd("2026-10-09"), OFFICER, at("2026-10-12T09:00"), cal)
    assert set(case_view(case, at("2026-10-12T10:00"), cal)["appeal"]) == {
        "reason", "appealed_at", "answer_received_at", "window_closes", "by"}
    lifecycle.record_appeal_outcome(case, appeal_outcome_cmd("2026-10-19", "refusal_upheld"),
                                    OFFICE, at("2026-10-20T10:00"), cal)
    view = case_view(case, at("2026-10-20T11:00"), cal)["appeal"]
    assert view["decided_at"] == "2026-10-19T00:00:00+08:00"
    assert view["outcome_by"] == "office1" and view["outcome"] == "refusal_upheld"


def test_a_closed_reexamination_shows_an_empty_note(cal):
    view = case_view(in_status(cal, "closed"), at("2026-10-25T10:00"), cal)["reexamination"]
    assert view["note"] is None and view["outcome"] == "upheld"
    assert view["decided_at"] == "2026-10-20T00:00:00+08:00"
