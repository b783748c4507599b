"""Shared contracts (weiquan.contracts): flattened error paths, event bodies, and the error
object that crosses the bus."""
import copy
import uuid
from datetime import datetime, timezone

import pytest
from marshmallow import ValidationError

from weiquan.contracts import events
from weiquan.contracts.base import flatten_errors, load_or_error
from weiquan.contracts.commands import DecisionV1
from weiquan.contracts.events import build_event
from weiquan.kit.errors import AppError, conflict, forbidden, not_found, validation_error

pytestmark = pytest.mark.unit


# ---- flatten_errors ----------------------------------------------------------------------

def test_flatten_errors_paths():
    messages = {"officer": {"police_id": ["a", "b"]}, "_schema": ["whole"],
                "items": [{"x": ["bad"]}, {"y": ["worse"]}], "n": "plain"}
    assert flatten_errors(messages) == {"officer.police_id": "a b", "_body": "whole",
                                        "items[0].x": "bad", "items[1].y": "worse", "n": "plain"}
    assert flatten_errors({"applicant": {"_schema": ["s"]}}) == {"applicant": "s"}


# ---- events ------------------------------------------------------------------------------

ACTOR = {"username": "office1", "roles": ["committee_office"], "police_id": "360700010"}
NOW = datetime(2026, 9, 30, 3, 0, tzinfo=timezone.utc)
DUE = {"due": "2026-10-10T23:59:59+08:00", "provisional": False}
FLAGS = {"ongoing": False, "off_duty": True, "anti_gang": False, "injury": True}
PAYLOADS = {
    "application_submitted": {
        "category": "violent_attack", "channel": "app", "applicant_type": "officer",
        "police_id": "360721001", "officer_unit": "城关派出所", "personnel_type": "auxiliary",
        "received_at": "2026-09-30T11:00:00+08:00", "decision_due": DUE, "flags": FLAGS},
    "case_accepted": {"category": "vehicle", "decided_at": "2026-09-30T11:00:00+08:00",
                      "reply_due": {"due": "2026-11-02T23:59:59+08:00", "provisional": False},
                      "flags": FLAGS},
    "case_rejected": {"category": "other", "decided_at": "2026-09-30T11:00:00+08:00"},
    "case_appealed": {"appealed_at": "2026-10-12T09:00:00+08:00",
                      "answer_received_at": "2026-10-09T00:00:00+08:00",
                      "window_closes": "2026-10-22T23:59:59+08:00"},
    # statutory clocks (Art. 36, time rules)
    "deadline_missed": {"clock_kind": "acceptance_decision", "holder": "committee_office",
                        "statutory": True, "due": "2026-10-10T23:59:59+08:00",
                        "detected_at": "2026-10-11T00:01:00+08:00", "late_seconds": 61},
    "deadline_recomputed": {"clock_kind": "acceptance_decision", "holder": "committee_office",
                            "old_due": "2027-01-05T23:59:59+08:00",
                            "new_due": "2027-01-06T23:59:59+08:00", "provisional": False,
                            "reason": "Official holiday schedule for 2027 loaded"},
    "reminder_digest": {"recipient": "committee_office", "day": "2026-10-09",
                        "items": [{"case_no": "GX-WQ-2026-000001",
                                   "clock_kind": "acceptance_decision",
                                   "due": "2026-10-10T23:59:59+08:00", "anti_gang": False}]},
    # case lifecycle after acceptance (Art. 15-18)
    "case_concluded": {"outcome": "established", "concluded_at": "2026-10-20T10:00:00+08:00",
                       "reply_state": "met"},
    "deadline_extended": {"clock_kind": "written_reply", "old_due": "2026-10-08T23:59:59+08:00",
                          "new_due": "2026-10-30T23:59:59+08:00", "reason": "案情重大复杂"},
    "reexamination_requested": {"requested_at": "2026-10-21T10:00:00+08:00",
                                "body": "上级公安机关维权组织"},
    "reexamination_decided": {"outcome": "upheld", "reference": "赣市公维复〔2026〕3号",
                              "decided_at": "2026-10-22T00:00:00+08:00"},
    "case_escalated": {"escalation_id": 1, "body": "赣州市公安局维权委", "reference": None,
                       "escalated_at": "2026-09-10T10:00:00+08:00"},
    "escalation_answered": {"escalation_id": 1, "reference": "赣市公维函〔2026〕7号",
                            "answered_at": "2026-09-12T00:00:00+08:00"},
    "appeal_decided": {"outcome": "refusal_overturned", "reference": "赣市公维复〔2026〕9号",
                       "decided_at": "2026-10-19T00:00:00+08:00", "status": "accepted",
                       "category": "vehicle", "reply_due": DUE, "flags": FLAGS},
}


def test_every_intake_event_type_has_a_payload_here():
    assert set(events.INTAKE_EVENTS) == set(PAYLOADS)


@pytest.mark.parametrize("event_type", sorted(PAYLOADS))
def test_build_event_makes_a_valid_body(event_type):
    built = build_event("intake", event_type, "GX-WQ-2026-000123", ACTOR, PAYLOADS[event_type],
                        now=NOW)
    schema = events.INTAKE_EVENTS[event_type]()
    assert schema.validate(built) == {}
    assert uuid.UUID(built["event_id"]).version == 4
    assert built["event_type"] == event_type
    assert built["schema_version"] == 1
    assert built["occurred_at"] == "2026-09-30T11:00:00+08:00"
    assert built["case_no"] == "GX-WQ-2026-000123"
    # only username and roles of the actor ride on the bus
    assert built["actor"] == {"username": "office1", "roles": ["committee_office"]}
    for key, value in PAYLOADS[event_type].items():
        assert built[key] == value


def test_build_event_ids_are_unique():
    a = build_event("intake", "case_rejected", "c", ACTOR, PAYLOADS["case_rejected"], now=NOW)
    b = build_event("intake", "case_rejected", "c", ACTOR, PAYLOADS["case_rejected"], now=NOW)
    assert a["event_id"] != b["event_id"]


@pytest.mark.parametrize("event_type, field", [
    (t, f) for t in sorted(PAYLOADS) for f in sorted(PAYLOADS[t])])
def test_build_event_refuses_a_missing_payload_field(event_type, field):
    payload = copy.deepcopy(PAYLOADS[event_type])
    del payload[field]
    with pytest.raises(ValueError, match=rf"intake\.{event_type} breaks its contract: .*{field}"):
        build_event("intake", event_type, "GX-WQ-2026-000123", ACTOR, payload, now=NOW)


@pytest.mark.parametrize("event_type, field, value", [
    ("application_submitted", "category", "theft"),
    ("application_submitted", "flags", {"ongoing": False}),
    ("case_accepted", "decided_at", "2026-09-30T11:00:00"),
    ("case_accepted", "reply_due", {"due": "2026-11-02T23:59:59+08:00"}),
])
def test_build_event_refuses_a_bad_payload_value(event_type, field, value):
    payload = {**PAYLOADS[event_type], field: value}
    with pytest.raises(ValueError, match=field):
        build_event("intake", event_type, "GX-WQ-2026-000123", ACTOR, payload, now=NOW)


def test_build_event_unknown_type_is_a_key_error():
    with pytest.raises(KeyError):
        build_event("intake", "case_vanished", "c", ACTOR, {}, now=NOW)


def test_event_schema_tolerates_newer_fields():
    built = build_event("intake", "case_rejected", "c", ACTOR,
                        {**PAYLOADS["case_rejected"], "added_in_v1_1": 1}, now=NOW)
    assert built["added_in_v1_1"] == 1


# ---- AppError ----------------------------------------------------------------------------

@pytest.mark.parametrize("err", [
    validation_error({"applicant.relation": "x / y"}),
    conflict("appeal_window_closed", "复议申请期限已于 2026-10-22 届满",
             "The appeal window closed on 2026-10-22", window_closed_on="2026-10-22",
             window_closed_at="2026-10-22T23:59:59+08:00"),
    not_found("案件", "Case", "GX-WQ-2026-000404"),
    forbidden(),
    AppError("teapot", "茶壶", "Teapot"),
], ids=["validation", "conflict", "not_found", "forbidden", "default_status"])
def test_app_error_round_trip(err):
    as_dict = err.to_dict()
    back = AppError.from_dict(as_dict)
    assert back.to_dict() == as_dict
    assert (back.code, back.message, back.fields, back.status, back.extra) == \
        (err.code, err.message, err.fields, err.status, err.extra)


def test_app_error_to_dict_shape():
    err = conflict("already_decided", "已决定", "Already decided", status_now="accepted")
    assert err.to_dict() == {"error": {"code": "already_decided",
                                       "message": "已决定 / Already decided", "fields": {},
                                       "status_now": "accepted"},
                             "status": 409}
    assert str(err) == "already_decided: Already decided"
    assert AppError("x", "中", "en").status == 400
    assert validation_error({}).status == 422


def test_app_error_from_dict_defaults_status_400():
    err = AppError.from_dict({"error": {"code": "c", "message": "中 / en"}})
    assert (err.status, err.fields, err.extra, err.message) == (400, {}, {}, "中 / en")


def test_marshmallow_error_is_not_leaked():
    # load_or_error turns marshmallow's exception into the contract's AppError
    with pytest.raises(AppError):
        load_or_error(DecisionV1(), {"accept": "maybe"})
    with pytest.raises(ValidationError):
        DecisionV1().load({"accept": "maybe"})
