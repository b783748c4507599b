"""The statement path's pure rules (Art. 30, 31, 35): no publication without legal review and
committee approval, a second approval or a publication of a draft refused naming the state,
corrections as new versions that supersede the old one, visibility by scope, the automatic
name clearing's trigger, and what the case's answers teach the redaction."""
from datetime import datetime

import pytest

from weiquan.config import TZ
from weiquan.errors import Conflict, Invalid

from publicity.domain import rules, texts, visibility
from publicity.domain.model import CaseFacts
from publicity.domain.redaction import redact
from publicity.handlers.common import known_from

pytestmark = pytest.mark.unit
NOW = datetime(2026, 11, 30, 10, tzinfo=TZ)
PUB = {"username": "pb", "roles": ["publicity"]}
LEGAL = {"username": "la", "roles": ["legal_affairs"]}
DIRECTOR = {"username": "d", "roles": ["committee_director"]}


def draft(kind="typical_case", case_no="WQ-2026-000001", unit="城关派出所", text="正文"):
    return rules.new_statement("s1", kind, case_no, unit, redact("标题"), redact(text), PUB, NOW)


def approved():
    s = draft()
    rules.submit(s, PUB, NOW)
    rules.review(s, True, "", LEGAL, NOW)
    rules.approve(s, True, "", DIRECTOR, NOW)
    return s


def test_the_full_path_publishes_with_a_scope():
    s = approved()
    rules.publish(s, "public", redact(s.title), redact(s.body), PUB, NOW)
    assert (s.state, s.scope, s.legal_reviewed_by, s.committee_approved_by) == \
        ("published", "public", "la", "d")
    assert "closed" in s.recorded


@pytest.mark.parametrize("steps", [(), ("submit",), ("submit", "review")])
def test_no_publication_without_both_approvals(steps):
    s = draft()
    for step in steps:
        {"submit": lambda: rules.submit(s, PUB, NOW),
         "review": lambda: rules.review(s, True, "", LEGAL, NOW)}[step]()
    state = s.state
    with pytest.raises(Conflict) as exc:
        rules.publish(s, "public", redact(s.title), redact(s.body), PUB, NOW)
    assert exc.value.code == "statement_not_in_state" and exc.value.details["state"] == state
    assert s.state == state and s.scope is None


def test_unit_scope_needs_the_officers_unit():
    s = approved()
    s.case_unit = None
    with pytest.raises(Invalid):
        rules.publish(s, "unit", redact(s.title), redact(s.body), PUB, NOW)
    assert s.state == "committee_approved"


def test_approving_twice_is_a_conflict():
    s = approved()
    with pytest.raises(Conflict) as exc:
        rules.approve(s, True, "", DIRECTOR, NOW)
    assert exc.value.details["state"] == "committee_approved"


def test_a_return_needs_a_reason_and_goes_back_to_draft():
    s = draft()
    rules.submit(s, PUB, NOW)
    with pytest.raises(Invalid):
        rules.review(s, False, " ", LEGAL, NOW)
    assert s.state == "submitted"
    rules.review(s, False, "事实表述不准确", LEGAL, NOW)
    assert (s.state, s.returned_stage, s.return_reason) == ("draft", "legal_review", "事实表述不准确")


def test_name_clearing_needs_a_case_a_warning_does_not():
    with pytest.raises(Invalid):
        draft(kind="name_clearing", case_no=None)
    assert draft(kind="safety_warning", case_no=None).case_no is None


def test_a_correction_is_a_new_version_and_supersedes_on_publication():
    s = approved()
    rules.publish(s, "internal", redact(s.title), redact(s.body), PUB, NOW)
    fix = rules.correct(s, [], "s2", PUB, NOW)
    assert (fix.version, fix.series_id, fix.state, fix.body) == (2, "s1", "draft", s.body)
    with pytest.raises(Conflict):
        rules.correct(s, [fix], "s3", PUB, NOW)
    for step in (lambda: rules.submit(fix, PUB, NOW),
                 lambda: rules.review(fix, True, "", LEGAL, NOW),
                 lambda: rules.approve(fix, True, "", DIRECTOR, NOW)):
        step()
        assert s.state == "published"      # the old version stands until the new one is out
    rules.publish(fix, "public", redact(fix.title), redact(fix.body), PUB, NOW, previous=s)
    assert (s.state, fix.state) == ("superseded", "published")


def test_saved_text_is_redacted_with_findings():
    known = known_from({"officer": {"name": "张伟", "police_id": "360721001",
                                    "unit": "城关派出所"},
                        "applicant": {"name": "张伟", "phone": "13912345678"}},
                       {"people": [{"name": "刘大海", "id_number": "36073319950815520X",
                                    "phone": "13800001111"}]})
    assert known.id_numbers == ("36073319950815520X",)
    text = "民警张伟被刘大海辱骂，联系电话13912345678，刘大海电话13800001111。"
    s = rules.new_statement("s1", "typical_case", "WQ-1", None, redact("标题", known),
                            redact(text, known), PUB, NOW)
    for datum in ("张伟", "刘大海", "13912345678", "13800001111"):
        assert datum not in s.body
    assert {f["original"] for f in s.findings} >= {"13912345678", "13800001111"}
    assert all(f["reason_zh"] for f in s.findings)


@pytest.mark.parametrize("who,scope,state,seen", [
    ({"roles": ["officer"], "unit": "城关派出所"}, "unit", "published", True),
    ({"roles": ["officer"], "unit": "城南派出所"}, "unit", "published", False),
    ({"roles": ["officer"], "unit": None}, "unit", "published", False),
    ({"roles": ["officer"], "unit": "城南派出所"}, "internal", "published", True),
    ({"roles": ["officer"], "unit": "城关派出所"}, None, "draft", False),
    ({"roles": ["command_center"], "unit": None}, None, "committee_approved", False),
    ({"roles": ["legal_affairs"], "unit": None}, None, "submitted", True),
    ({"roles": ["committee_director"], "unit": None}, "unit", "published", True),
])
def test_visibility(who, scope, state, seen):
    s = draft()
    s.state, s.scope = state, scope
    assert visibility.may_read(s, who) is seen


def test_only_current_public_statements_are_public():
    s = approved()
    assert not visibility.is_public(s)
    rules.publish(s, "unit", redact(s.title), redact(s.body), PUB, NOW)
    assert not visibility.is_public(s)
    s.scope = "public"
    assert visibility.is_public(s)
    s.state = "superseded"
    assert not visibility.is_public(s)


@pytest.mark.parametrize("category,outcome,clears", [
    ("false_accusation_retaliation", "established", True),
    ("malicious_complaint_hype", "partly_established", True),
    ("wrongful_accountability", "established", True),
    ("false_accusation_retaliation", "not_established", False),
    ("violent_attack", "established", False),
    (None, "established", False),
])
def test_the_automatic_name_clearing_trigger(category, outcome, clears):
    assert rules.clears_name(CaseFacts("WQ-1", category, "城关派出所", outcome)) is clears


def test_templates_carry_no_personal_data():
    for title, body in (texts.clearing_after_conclusion("false_accusation_retaliation"),
                        texts.clearing_after_revocation("demerit")):
        assert redact(body).findings == () and len(title) <= 100
