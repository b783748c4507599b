"""Issue 11: the redaction step of publicity (Art. 11(8), 30, 31, 35). No personal datum of
the corpus survives, ordinary text is never mangled, IDs are checksum-checked, and redaction
is deterministic and idempotent with a bilingual reason for every replacement."""
import pytest

from publicity.domain.redaction import (Known, Person, luhn_valid, old_id_plausible, redact,
                                        resident_id_valid)
from tests.unit import redaction_corpus as corpus
from tests.unit.helpers_redaction import known_of, score

pytestmark = pytest.mark.unit
PERSONAL = corpus.personal()
OFFICER = Known(people=(Person("张伟", "officer", "360721"), Person("李秀英", "relative")))


def test_the_corpus_is_big_enough():
    assert len(PERSONAL) >= 200
    assert len(corpus.ORDINARY) >= 60
    assert len({text for text, _, _ in PERSONAL}) == len(PERSONAL)  # no duplicate sentence


@pytest.mark.parametrize("text,spec,must_go", PERSONAL, ids=range(len(PERSONAL)))
def test_no_personal_datum_survives(text, spec, must_go):
    result = redact(text, known_of(spec))
    for datum in must_go:
        assert datum in text
        assert datum not in result.text, result.text


@pytest.mark.parametrize("text,names", corpus.ORDINARY, ids=range(len(corpus.ORDINARY)))
def test_ordinary_text_is_unchanged(text, names):
    known = Known(people=tuple(Person(n) for n in names))
    result = redact(text, known)
    assert result.text == text
    assert result.findings == ()


def test_recall_is_total_and_precision_high_over_the_corpus():
    figures = score()
    assert figures["missed"] == 0 and figures["recall"] == 1.0
    assert figures["precision"] >= 0.95, figures["false_hits"]


@pytest.mark.parametrize("text,spec,must_go", PERSONAL + [(t, {}, ()) for t, _ in corpus.ORDINARY])
def test_redaction_is_idempotent_and_deterministic(text, spec, must_go):
    known = known_of(spec)
    once = redact(text, known)
    assert redact(text, known) == once
    again = redact(once.text, known)
    assert again.text == once.text and again.findings == ()


def test_every_finding_names_its_span_and_a_bilingual_reason():
    for text, spec, _ in PERSONAL:
        for f in redact(text, known_of(spec)).findings:
            assert text[f.start:f.end] == f.original
            assert f.reason_zh and f.reason_en and f.reason == f"{f.reason_zh} / {f.reason_en}"
            assert f.kind in {"name", "resident_id", "bank_card", "mobile", "landline", "phone",
                              "plate", "police_no", "address"}


def test_resident_id_checksum():
    assert resident_id_valid("11010519491231002X")
    assert resident_id_valid("11010519491231002x")
    assert resident_id_valid("360733199508155205")
    for last in "0123456789":
        assert not resident_id_valid("11010519491231002" + last)
    assert not resident_id_valid("11010519491231003X")  # one body digit changed
    assert not resident_id_valid("1101051949123100X")  # 17 characters
    assert not resident_id_valid("1101051949123100221")
    assert not resident_id_valid(None)


def test_valid_and_invalid_ids_are_both_redacted_with_different_reasons():
    valid = redact("身份证号11010519491231002X。").findings
    invalid = redact("身份证号110105194912310021。").findings
    assert [f.kind for f in valid] == ["resident_id"] and "checksum valid" in valid[0].reason
    assert [f.kind for f in invalid] == ["resident_id"]
    assert "invalid checksum, redacted as a possible ID" in invalid[0].reason_en
    assert "校验位无效" in invalid[0].reason_zh


def test_old_fifteen_digit_ids_need_a_real_birth_date():
    assert old_id_plausible("360721650312021")
    assert not old_id_plausible("360721651332021")  # month 13
    assert redact("编号360721651332021").text == "编号360721651332021"
    assert redact("旧证360721650312021").text == "旧证[身份证号已隐去]"


def test_bank_cards_need_luhn():
    assert luhn_valid("6222023840191614615") and not luhn_valid("6222023840191614616")
    assert redact("卡号6222023840191614615").findings[0].kind == "bank_card"
    assert redact("编号6222023840191615").text == "编号6222023840191615"  # 16 digits, no Luhn


@pytest.mark.parametrize("text,expected", [
    ("民警张伟到场", "民警张某到场"),
    ("张警官和张同志", "张某警官和张某同志"),
    ("张 伟的妻子李秀英女士", "张某的妻子李某女士"),
    ("请勿张贴", "请勿张贴"),
    ("王警官到场", "王警官到场"),  # 王 is no known surname on this case
    ("民警张某某依法处置", "民警张某某依法处置"),
])
def test_names_and_titles_of_known_people_only(text, expected):
    assert redact(text, OFFICER).text == expected


def test_surname_dropped_when_not_kept():
    known = Known(people=OFFICER.people, keep_surname=False)
    assert redact("张伟、张警官与李秀英", known).text == "某某、某警官与某某"


def test_no_title_pattern_without_known_people():
    assert redact("张警官依法处置").text == "张警官依法处置"


@pytest.mark.parametrize("text,expected", [
    ("车牌赣B·12345", "车牌赣B·*****"),
    ("车牌赣BD12345", "车牌赣B·******"),
    ("车牌赣B 56789", "车牌赣B·*****"),
    ("手机+86 138-0013-8000", "手机[电话已隐去]"),
    ("座机0797-4412345转8001", "座机[电话已隐去]"),
    ("警号：360721", "[警号已隐去]"),
    ("住南昌市红谷滩区丰和中大道1088号3栋2单元501室", "住南昌市红谷滩区[详细地址已隐去]"),
    ("在城关镇红旗大道88号", "在[详细地址已隐去]"),
    ("江西省赣州市赣县区王母渡镇新圩村3组", "江西省赣州市赣县区[详细地址已隐去]"),
    ("拨打110、120或12345", "拨打110、120或12345"),
    ("2026-11-30 14:30", "2026-11-30 14:30"),
])
def test_replacement_tokens(text, expected):
    assert redact(text).text == expected


def test_known_data_is_found_literally():
    known = Known(people=(Person("张伟", "officer", "360721"),),
                  phones=("0791-86231234",), addresses=("赣县区城关镇荷花塘边第三户",))
    out = redact("张伟（360721）电话86231234，住荷花塘边第三户", known).text
    assert out == "张某（[警号已隐去]）电话[电话已隐去]，住[详细地址已隐去]"


def test_a_recorded_id_number_goes_however_it_is_written():
    """An offender's ID as legal affairs recorded it (here with a mistyped check digit) is
    found literally, even in a grouping the generic detector does not read as an ID."""
    wrong = "36073319950815520X"            # the valid one ends in 5
    text = "其身份证号为3607·3319·9508·1552·0x。"
    assert redact(text).text == text        # the generic patterns leave this grouping alone
    out = redact(text, Known(id_numbers=(wrong,)))
    assert out.text == "其身份证号为[身份证号已隐去]。"
    assert [f.kind for f in out.findings] == ["resident_id"]


def test_public_numbers_listed_on_the_case_stay():
    known = Known(public=("0797-4422110",))
    assert redact("值班室0797-4422110", known).text == "值班室0797-4422110"
    assert redact("值班室0797-4422110").text == "值班室[电话已隐去]"


@pytest.mark.parametrize("text,expected", [
    ("身份证号 3607 3319 9508 1552 05", "身份证号 [身份证号已隐去]"),
    ("身份证号360733-19950815-5205", "身份证号[身份证号已隐去]"),
    ("住章贡区文明大道西段99号1栋", "住章贡区[详细地址已隐去]"),
    ("辅警号A0123", "[警号已隐去]"),
    ("2026-11-30 2026-12-31", "2026-11-30 2026-12-31"),
])
def test_grouped_numbers_road_sections_and_lettered_police_numbers(text, expected):
    assert redact(text).text == expected
