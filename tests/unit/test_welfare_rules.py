"""The political-work office's rules in milliseconds: the green channel's state machine, the
insurance claim's, the one psych_support item per case, consolation by category, and
summaries that never carry a hospital, a name, a note or an amount. Plus: every code the
welfare package raises has its bilingual text, and psychological records are refused to every
role but the political-work office by the one policy table."""
import ast
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from weiquan.config import TZ
from weiquan.contracts import policy
from weiquan.contracts.base import load_or_error
from weiquan.contracts.codes import CATEGORIES, ROLES, WORK_KINDS
from weiquan.contracts.events_work import SUMMARY_MAX
from weiquan.contracts.messages import FIELD_PROBLEMS, MESSAGES, THINGS
from weiquan.contracts.welfare import PsychReferralV1, VisitV1
from weiquan.errors import Conflict, Invalid, NotAllowed
from weiquan.kit.errors import AppError

import welfare
from welfare.domain import rules
from welfare.domain.events import pull
from welfare.domain.model import CaseFacts, InsuranceClaim, PsychReferral, Training

pytestmark = pytest.mark.unit

NOW = datetime(2026, 10, 9, 10, 0, tzinfo=TZ)
PW = {"username": "pw1", "roles": ["political_work"]}
PACKAGE = Path(welfare.__file__).parent


def green(case_no="GX-WQ-2026-000001", received=NOW):
    facts = CaseFacts(case_no=case_no, police_id="360721001", officer_unit="城关派出所",
                      received_at=received)
    return rules.open_green_channel("item-1", facts, NOW)


def changes(item):
    return [(e.event_type, e.state, e.summary) for e in pull(item)]


def test_the_green_channel_opens_due_a_day_after_receipt():
    item, channel = green(received=NOW - timedelta(hours=3))
    assert (item.kind, item.ref, item.state, item.due) == (
        "green_channel", "", "open", NOW + timedelta(hours=21))
    assert channel.id == item.id and channel.state == "opened"
    assert changes(item) == [("work_opened", "open", "就医绿色通道已开启")]
    assert rules.green_channel_needed({"injury": True})
    assert not rules.green_channel_needed({"injury": False}) and not rules.green_channel_needed(
        None)


def test_green_channel_moves_forward_only_and_closes_once():
    item, channel = green()
    pull(item)
    rules.update_green_channel(channel, item, {"hospital": "县人民医院"}, PW, NOW)
    assert (channel.state, channel.hospital) == ("opened", "县人民医院")
    rules.update_green_channel(channel, item, {"state": "in_treatment"}, PW, NOW)
    with pytest.raises(Conflict) as back:
        rules.update_green_channel(channel, item, {"state": "opened"}, PW, NOW)
    assert back.value.code == "green_channel_backwards"
    rules.close_green_channel(channel, item, "痊愈出院", PW, NOW + timedelta(hours=2))
    assert (channel.state, item.state, item.closed_at) == ("closed", "done",
                                                           NOW + timedelta(hours=2))
    for attempt in (lambda: rules.close_green_channel(channel, item, "again", PW, NOW),
                    lambda: rules.update_green_channel(channel, item, {"contact": "x"}, PW,
                                                       NOW)):
        with pytest.raises(Conflict) as closed:
            attempt()
        assert closed.value.code == "green_channel_closed"
    assert changes(item) == [("work_updated", "open", "就医绿色通道已开启"),
                             ("work_updated", "open", "就医绿色通道：救治中"),
                             ("work_closed", "done", "就医绿色通道：已办结")]
    # the history names what changed, never the values
    assert [h["changed"] for h in channel.history] == [[], ["hospital"], ["state"],
                                                        ["outcome", "state"]]
    assert "县人民医院" not in str(channel.history)


def test_consolation_for_body_or_family_cases_and_the_first_visit_closes_it():
    concerned = {c for c in CATEGORIES if rules.consolation_needed(c, {"injury": False})}
    assert concerned == {"violent_attack", "vehicle", "physical_restraint",
                         "threat_insult_harassment"}
    assert rules.consolation_needed("malicious_complaint_hype", {"injury": True})
    item = rules.open_consolation("i", "GX-WQ-2026-000001", NOW + timedelta(days=30), NOW)
    assert rules.visit_closes(item, PW, NOW) and item.state == "done"
    assert not rules.visit_closes(item, PW, NOW) and not rules.visit_closes(None, PW, NOW)
    assert changes(item) == [("work_opened", "open", "走访慰问：待走访"),
                             ("work_closed", "done", "走访慰问：已走访")]


@pytest.mark.parametrize("path,settles", [
    (("under_review", "paid"), "保险理赔：已赔付"), (("refused",), "保险理赔：未获赔付"),
    (("paid",), "保险理赔：已赔付")])
def test_insurance_claim_moves_to_a_settlement_and_stays(path, settles):
    claim = InsuranceClaim(id="c", case_no="GX-WQ-2026-000001", insurer="人保",
                           policy_no="P-1", filed_at=NOW, filed_by="pw1")
    item = rules.file_claim(claim, "i", PW, NOW)
    assert item.ref == "c"
    for state in path:
        rules.update_claim(claim, item, state, None, PW, NOW)
    assert (item.state, item.summary) == ("done", settles)
    for later in ("under_review", "paid", "refused"):
        with pytest.raises(Conflict):
            rules.update_claim(claim, item, later, None, PW, NOW)
    assert [h["state"] for h in claim.history] == ["filed", *path]


def test_one_psych_item_per_case_open_while_any_referral_is():
    item = rules.psych_item_for_referral(None, "i", "GX-WQ-2026-000001", PW, NOW)
    assert rules.psych_item_for_referral(item, "other", "GX-WQ-2026-000001", PW, NOW) is item
    first = PsychReferral(id="r1", case_no=item.case_no, person={"type": "officer",
                                                                  "name": "张伟"},
                          referred_at=NOW, referred_by="pw1")
    rules.close_referral(first, item, 1, None, PW, NOW)   # another referral still open
    assert item.state == "open"
    second = PsychReferral(id="r2", case_no=item.case_no, person={}, referred_at=NOW,
                           referred_by="pw1")
    rules.close_referral(second, item, 0, "好转", PW, NOW)
    assert item.state == "done"
    with pytest.raises(Conflict) as closed:
        rules.record_session(second, {"at": NOW, "counsellor": "刘", "notes": "x"}, PW, NOW)
    assert closed.value.code == "psych_closed"
    rules.psych_item_for_referral(item, "x", item.case_no, PW, NOW)
    assert changes(item) == [("work_opened", "open", "心理疏导：正在提供帮助"),
                             ("work_closed", "done", "心理疏导：已提供帮助"),
                             ("work_updated", "open", "心理疏导：正在提供帮助")]


def test_summaries_carry_no_details():
    """Every summary the rules can give, checked against the words of health, money, people."""
    forbidden = ("医院", "诊断", "伤情", "元", "¥", "姓名", "心理师", "咨询师", "配偶", "失眠")
    for (kind, state), summary in rules.SUMMARIES.items():
        assert kind in WORK_KINDS["political_work"]
        assert 0 < len(summary) <= SUMMARY_MAX
        assert not any(word in summary for word in forbidden), summary
    assert rules.SUMMARIES[("psych_support", "done")] == "心理疏导：已提供帮助"


def test_future_times_and_repeated_attendees_are_bad_fields():
    with pytest.raises(Invalid) as future:
        rules.not_in_future(NOW + timedelta(hours=1), "visited_at", NOW)
    assert future.value.fields == {"visited_at": "welfare_in_future"}
    rules.not_in_future(NOW + timedelta(minutes=4), "visited_at", NOW)   # clock slack
    training = Training(id="t", title="t", topic="t", held_at=NOW, trainer="x",
                        created_by="pw1", attendees=["1"])
    assert rules.new_attendees(training, ["1", "2"]) == ["2"]
    with pytest.raises(Invalid) as twice:
        rules.new_attendees(training, ["2", "3", "2"])
    assert twice.value.fields == {"police_ids.2": "police_id_twice"}


def test_psych_is_the_political_work_offices_alone():
    for role in ROLES:
        who = {"username": "u", "roles": [role]}
        if role == "political_work":
            policy.require("welfare", "psych", who)
            continue
        with pytest.raises(NotAllowed) as refused:
            policy.require("welfare", "psych", who)
        assert refused.value.reason == "psych_only_political_work"
    for action, rule in policy.POLICIES["welfare"].items():
        assert rule.roles == ("political_work",), action


def test_psych_referral_contract_keeps_to_close_relatives():
    ok = load_or_error(PsychReferralV1, {"person": {"type": "relative", "name": "王芳",
                                                    "relation": "daughter"}})
    assert ok["person"]["relation"] == "daughter"
    for person, field in (({"type": "relative", "name": "王芳", "relation": "cousin"},
                           "person.relation"),
                          ({"type": "relative", "name": "王芳"}, "person.relation"),
                          ({"type": "officer", "name": "张", "relation": "son"},
                           "person.relation"),
                          ({"type": "friend", "name": "张"}, "person.type")):
        with pytest.raises(AppError) as bad:
            load_or_error(PsychReferralV1, {"person": person})
        assert field in bad.value.fields, person
    with pytest.raises(AppError) as naive:
        load_or_error(VisitV1, {"visitors": "王", "visited_at": "2026-10-09T10:00:00"})
    assert "visited_at" in naive.value.fields


def _raised():
    """(catalogue, code) for literal codes raised in the welfare package."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", "")
            literals = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if name == "Conflict" and literals:
                found.add(("MESSAGES", literals[0]))
            elif name in ("NotFound", "found") and literals:
                found.add(("THINGS", literals[0]))
            elif name == "one" and len(literals) >= 2:
                found.add(("FIELD_PROBLEMS", literals[1]))
            elif name == "not_in_future":
                found.add(("FIELD_PROBLEMS", "welfare_in_future"))
    return found


def test_every_code_raised_has_its_text():
    tables = {"MESSAGES": MESSAGES, "FIELD_PROBLEMS": FIELD_PROBLEMS, "THINGS": THINGS}
    raised = _raised()
    assert ("MESSAGES", "green_channel_closed") in raised and ("THINGS", "training") in raised
    missing = [(t, c) for t, c in raised if c not in tables[t]]
    assert not missing
    for rule in policy.POLICIES["welfare"].values():
        assert rule.refusal in MESSAGES
    assert "police_id_twice" in FIELD_PROBLEMS
