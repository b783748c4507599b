"""The custody hash chain: a changed, deleted, reordered or dropped entry is detected."""
import copy
from datetime import datetime, timedelta, timezone

import pytest

from evidence.domain import custody
from evidence.domain.errors import InvalidTransition
from evidence.domain.takedown import check_transition, require_transition

pytestmark = pytest.mark.unit
T0 = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)
EID = "e-1"
SHA = "ab" * 32


def chain(n=4):
    entries, head = [], None
    for i in range(n):
        action = "upload" if i == 0 else ("view", "download", "share", "hold")[i % 4]
        detail = {"sha256": SHA} if i == 0 else {}
        entry = custody.new_entry(EID, head, i, action, f"user{i}", T0 + timedelta(seconds=i),
                                  detail)
        entries.append(entry)
        head = entry["hash"]
    return entries, head


def problems(entries, head, count):
    return {p["code"] for p in custody.verify(EID, head, count, entries, SHA)}


def test_intact_chain_verifies():
    entries, head = chain()
    assert custody.verify(EID, head, 4, entries, SHA) == []
    assert entries[0]["prev_hash"] == custody.GENESIS
    assert all(b["prev_hash"] == a["hash"] for a, b in zip(entries, entries[1:]))


def test_hash_covers_time_to_the_microsecond_and_zone_independent():
    a = custody.new_entry(EID, None, 0, "upload", "u", T0, {})
    b = custody.new_entry(EID, None, 0, "upload", "u", T0 + timedelta(microseconds=1), {})
    c = custody.new_entry(EID, None, 0, "upload", "u",
                          T0.astimezone(timezone(timedelta(hours=8))), {})
    assert a["hash"] != b["hash"] and a["hash"] == c["hash"]


@pytest.mark.parametrize("field,value", [("actor", "mallory"), ("action", "hold"),
                                         ("detail", {"note": "x"}),
                                         ("at", T0 + timedelta(days=1))])
def test_changed_entry_is_detected(field, value):
    entries, head = chain()
    entries[2][field] = value
    assert "hash_mismatch" in problems(entries, head, 4)


def test_rehashed_change_still_breaks_the_next_link():
    entries, head = chain()
    entries[1]["actor"] = "mallory"
    entries[1]["hash"] = custody.entry_hash(entries[1]["prev_hash"], entries[1])
    assert "broken_link" in problems(entries, head, 4)


def test_deleted_entry_is_detected():
    entries, head = chain()
    del entries[2]
    assert {"sequence_gap", "broken_link", "count_mismatch"} <= problems(entries, head, 4)


def test_reordered_entries_are_detected():
    entries, head = chain()
    entries[1], entries[2] = entries[2], entries[1]
    assert {"sequence_gap", "broken_link"} <= problems(entries, head, 4)


def test_swapped_seq_numbers_are_detected():
    entries, head = chain()
    swapped = copy.deepcopy(entries)
    swapped[1]["seq"], swapped[2]["seq"] = 3, 2
    swapped.sort(key=lambda e: e["seq"])
    assert problems(swapped, head, 4) & {"hash_mismatch", "broken_link"}


def test_dropping_the_newest_entry_is_detected_by_head_and_count():
    entries, head = chain()
    assert {"count_mismatch", "head_mismatch"} <= problems(entries[:-1], head, 4)


def test_evidence_hash_must_match_the_upload_entry():
    entries, head = chain()
    assert {p["code"] for p in custody.verify(EID, head, 4, entries, "cd" * 32)} == \
        {"sha256_mismatch"}


def test_entry_of_another_evidence_is_detected():
    entries, head = chain()
    entries[1]["evidence_id"] = "e-2"
    assert "foreign_entry" in problems(entries, head, 4)


def test_unknown_action_is_refused():
    with pytest.raises(ValueError):
        custody.new_entry(EID, None, 0, "erase", "u", T0)


@pytest.mark.parametrize("current,new,problem", [
    ("requested", "submitted", None), ("submitted", "removed", None),
    ("submitted", "refused", None), ("requested", "removed", "invalid_transition"),
    ("removed", "refused", "takedown_closed"), ("refused", "submitted", "takedown_closed"),
    ("requested", "bogus", "unknown_takedown_status")])
def test_takedown_transitions(current, new, problem):
    assert check_transition(current, new) == problem


def test_refused_transition_raises_a_conflict_naming_the_status_field():
    with pytest.raises(InvalidTransition) as caught:
        require_transition("requested", "removed")
    exc = caught.value
    assert (exc.code, exc.reason, exc.fields) == ("invalid_transition", "invalid_transition",
                                                  {"status": "invalid_transition"})
    assert exc.details == {"current": "requested", "new": "removed", "allowed": "submitted"}
    require_transition("requested", "submitted")  # allowed: no error
