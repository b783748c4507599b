"""Art. 21: violence against an officer on duty -> criminal (Criminal Law Art. 277);
clamour, abuse, pestering, obstruction without violence -> administrative; legal affairs
confirms or changes the suggestion, and a change needs a reason."""
import pytest

from weiquan.errors import Invalid

from legal_aid.domain.classification import decide, suggest

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("category, flags, text, expected, reason", [
    ("violent_attack", {}, "", "criminal", "violent_category"),
    ("vehicle", {}, "驾车冲撞执勤民警", "criminal", "violent_category"),
    ("physical_restraint", {"injury": True}, "", "criminal", "injury"),
    ("physical_restraint", {}, "当事人撕咬民警手臂", "criminal", "violent_words"),
    ("mobbing_obstruction", {}, "多人围堵并殴打民警", "criminal", "violent_words"),
    ("mobbing_obstruction", {}, "十余人在现场哄闹", "administrative", "non_violent_category"),
    ("threat_insult_harassment", {"injury": False}, "当众谩骂民警", "administrative",
     "non_violent_category"),
    ("physical_restraint", {}, "推搡民警", "administrative", "non_violent_category"),
    ("other", {}, "无理纠缠执勤民警长达一小时", "administrative", "non_violent_words"),
])
def test_suggestion_follows_the_facts(category, flags, text, expected, reason):
    s = suggest(category, flags, text)
    assert s.classification == expected
    assert reason in [code for code, _ in s.reasons]
    assert ("第二百七十七条" in s.basis_zh) == (expected == "criminal")


def test_reasons_name_every_fact_that_led_there():
    s = suggest("vehicle", {"injury": True}, "驾车拖行民警后碾压")
    assert s.reasons == (("violent_category", "vehicle"), ("injury", True),
                         ("violent_words", ("拖行", "碾压")))


def test_no_suggestion_when_facts_are_not_an_obstruction():
    s = suggest("false_accusation_retaliation", {}, "网上发帖诬告民警")
    assert s.classification is None and s.reasons == ()
    assert decide(s, "criminal", None).changed is False


def test_unknown_category_is_invalid():
    with pytest.raises(Invalid) as err:
        suggest("brawl", {}, "")
    assert err.value.fields == {"category": "unknown_category"}


def test_confirming_needs_no_reason():
    d = decide(suggest("violent_attack", {}, ""), "criminal", "  ")
    assert (d.classification, d.changed, d.reason) == ("criminal", False, None)


def test_change_without_reason_is_invalid_naming_reason():
    with pytest.raises(Invalid) as err:
        decide(suggest("mobbing_obstruction", {}, "哄闹"), "criminal", " ")
    assert err.value.fields == {"reason": "change_needs_reason"}
    assert err.value.details == {"suggested": "administrative", "chosen": "criminal"}


def test_change_with_reason_is_recorded():
    d = decide(suggest("mobbing_obstruction", {}, "哄闹"), "criminal", "视频显示有踢打动作")
    assert d.changed and d.suggested == "administrative" and d.reason == "视频显示有踢打动作"
    assert "刑法" in d.basis_zh


def test_unknown_classification_is_invalid():
    with pytest.raises(Invalid) as err:
        decide(suggest("violent_attack", {}, ""), "civil", "x")
    assert err.value.fields == {"classification": "unknown_legal_classification"}
