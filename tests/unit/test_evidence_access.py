"""Evidence's case scope (evidence.access) is intake's answer to the caller's own principal: no
stand-in identity, no department that works on every case; and the cyber brigade's own work
items (evidence.domain.work): which accepted cases open one, and how a takedown moves its item."""
from datetime import datetime, timezone

import pytest

from weiquan.errors import NotAllowed, NotFound
from weiquan.kit.errors import AppError

from evidence import access
from evidence.domain import work

pytestmark = pytest.mark.unit

CASE = "GX-WQ-2026-000001"
CYBER = {"username": "cyber1", "roles": ["cyber_brigade"]}
NOW = datetime(2026, 10, 12, 2, 0, tzinfo=timezone.utc)


class _Answer:
    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


class FakeGetCase:
    """intake.get_case over RPC: answers ``answer`` and remembers who asked."""
    method_name = "get_case"

    def __init__(self, answer):
        self.answer = answer
        self.asked = []

    def call_async(self, case_no, principal):
        self.asked.append((case_no, principal["username"]))
        return _Answer(self.answer)


def scope(answer):
    fake = type("Intake", (), {})()
    fake.get_case = FakeGetCase(answer)
    return access.CaseScope(fake, timeout=1), fake.get_case


def refused(status, code):
    return {"error": {"code": code, "message": "无 / no", "fields": {}}, "status": status}


def test_intakes_yes_is_evidences_yes():
    cases, asked = scope({"ok": {"case_no": CASE}})
    cases.check(CASE, CYBER)
    assert asked.asked == [(CASE, "cyber1")]


def test_intakes_no_is_a_403_asked_once_with_the_callers_principal():
    cases, asked = scope(refused(403, "forbidden"))
    with pytest.raises(NotAllowed) as no:
        cases.check(CASE, CYBER)
    assert no.value.reason == "case_not_visible"
    assert asked.asked == [(CASE, "cyber1")]   # nobody else was asked whether it exists


def test_an_unknown_case_is_a_404():
    cases, _ = scope(refused(404, "not_found"))
    with pytest.raises(NotFound):
        cases.check(CASE, CYBER)


def test_intake_unavailable_passes_through():
    cases, _ = scope(refused(503, "service_unavailable"))
    with pytest.raises(AppError) as err:
        cases.check(CASE, CYBER)
    assert err.value.status == 503


def test_the_policy_has_no_case_workers_any_more():
    from weiquan.contracts.policy import evidence as policy
    assert not hasattr(policy, "CASE_WORKERS")


@pytest.mark.parametrize("category, opens", [
    ("threat_insult_harassment", True), ("false_accusation_retaliation", True),
    ("malicious_complaint_hype", True), ("privacy_violation", True),
    ("violent_attack", False), ("wrongful_accountability", False), (None, False)])
def test_online_categories_give_the_brigade_web_evidence_work(category, opens):
    assert work.concerns_cyber(category) is opens


def test_the_web_evidence_item_is_the_brigades_and_says_nothing_private():
    item = work.web_evidence_item("i1", CASE, NOW, NOW)
    assert (item["kind"], item["owner"], item["state"], item["ref"]) == (
        "web_evidence", "cyber_brigade", "open", "")
    assert item["summary"] == "网络证据固定与有害信息处置"


def test_a_takedown_item_follows_its_request_to_the_end():
    item = work.takedown_item("t1", CASE, "td-1", "cyber1", NOW)
    assert (item["state"], item["ref"], item["due_at"]) == ("open", "td-1", None)
    item, event = work.follow_takedown(item, "submitted", NOW)
    assert (event, item["state"]) == ("work_updated", "open")
    assert work.follow_takedown(item, "submitted", NOW) == (item, None)   # same step again
    item, event = work.follow_takedown(item, "refused", NOW)
    assert (event, item["state"]) == ("work_closed", "done")
    assert work.follow_takedown(item, "removed", NOW) == (item, None)     # closed stays closed
    assert all("http" not in s for _, _, s in work.TAKEDOWN_STEPS.values())
