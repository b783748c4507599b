"""Offender matching across cases (Art. 20, 35): an ID, a mobile number, or a name together
with a birth date identify a person; a common name alone never does; grouping is transitive."""
from datetime import date

import pytest

from weiquan.errors import Invalid

from legal_aid.domain import identity
from legal_aid.domain.offenders import (OffenderRecord, check_record, group, person_of,
                                        repeat_offenders)

pytestmark = pytest.mark.unit
# The worked examples of GB 11643-1999 (valid check characters).
ID_A = "11010519491231002X"
ID_A_15 = "110105491231002"
ID_B = "440524188001010014"
TODAY = date(2026, 6, 1)


def rec(rid, case_no, name, **kw):
    return OffenderRecord(id=rid, case_no=case_no, name=name, **kw)


@pytest.mark.parametrize("raw, normal", [
    (ID_A, ID_A), ("11010519491231002x", ID_A), (" 1101 0519 4912 3100 2X ", ID_A),
    ("１１０１０５１９４９１２３１００２Ｘ", ID_A), (ID_A_15, ID_A), (ID_B, ID_B),
])
def test_valid_resident_ids_normalise(raw, normal):
    assert identity.resident_id(raw) == normal


@pytest.mark.parametrize("raw", [
    "110105194912310021",   # wrong check digit
    "110105194913310029",   # month 13 (check digit recomputed below)
    "11010519491231002", "abc", "", None,
])
def test_invalid_resident_ids_are_none(raw):
    if raw == "110105194913310029":
        raw = raw[:17] + identity.check_char(raw[:17])
    assert identity.resident_id(raw) is None


@pytest.mark.parametrize("raw, normal", [
    ("13800138000", "13800138000"), ("+86 138 0013 8000", "13800138000"),
    ("0086-138-0013-8000", "13800138000"), ("１３８００１３８０００", "13800138000"),
    ("(86)13800138000", "13800138000"),
    ("010-12345678", None), ("12800138000", None), ("1380013800", None),
])
def test_mobile_numbers_normalise(raw, normal):
    assert identity.mobile(raw) == normal


def test_same_person_on_three_cases_by_id_despite_spellings():
    records = [rec("r1", "WQ-1", "张 伟", id_number=ID_A),
               rec("r2", "WQ-2", "張偉", id_number=ID_A_15),
               rec("r3", "WQ-3", "zhang wei", id_number=" " + ID_A.lower())]
    [person] = group(records)
    assert person.record_ids == ("r1", "r2", "r3")
    assert person.case_nos == ("WQ-1", "WQ-2", "WQ-3")
    assert person.linked_by == ("id_number",)


def test_same_person_on_three_cases_by_phone():
    records = [rec("r1", "WQ-1", "李娜", phone="13912345678"),
               rec("r2", "WQ-2", "李 娜", phone="+86 139-1234-5678"),
               rec("r3", "WQ-3", "Li Na", phone="１３９１２３４５６７８")]
    [person] = group(records)
    assert len(person.case_nos) == 3 and person.linked_by == ("phone",)
    assert person_of(records, "r3").record_ids == ("r1", "r2", "r3")


def test_transitive_across_id_and_phone():
    """r1-r2 share an ID, r2-r3 a phone: one person, though r1 and r3 share nothing."""
    records = [rec("r1", "WQ-1", "王芳", id_number=ID_B),
               rec("r2", "WQ-2", "王 芳", id_number=ID_B, phone="13700000001"),
               rec("r3", "WQ-3", "汪芳", phone="137 0000 0001")]
    [person] = group(records)
    assert person.record_ids == ("r1", "r2", "r3")
    assert {"id_number", "phone"} <= set(person.linked_by)


def test_common_name_alone_is_not_merged():
    records = [rec("r1", "WQ-1", "张伟"), rec("r2", "WQ-2", "张伟"),
               rec("r3", "WQ-3", "张伟", birth_date=date(1980, 1, 1)),
               rec("r4", "WQ-4", "张伟", birth_date=date(1990, 5, 5))]
    assert len(group(records)) == 4
    assert repeat_offenders(records) == []


def test_name_with_same_birth_date_is_merged_including_the_date_in_an_id():
    records = [rec("r1", "WQ-1", "张伟", birth_date=date(1949, 12, 31)),
               rec("r2", "WQ-2", "张　伟", id_number=ID_A),
               rec("r3", "WQ-3", "张伟", birth_date=date(1950, 1, 1))]
    people = group(records)
    assert [p.record_ids for p in people] == [("r1", "r2"), ("r3",)]
    assert people[0].linked_by == ("name_birth_date",)


def test_different_valid_ids_are_never_merged_by_phone_or_name():
    """A shared family phone or a shared name and birthday cannot join two ID holders."""
    born = identity.birth_date_of_id(ID_B)
    other = "440524188001010022"
    other = other[:17] + identity.check_char(other[:17])
    records = [rec("r1", "WQ-1", "陈明", id_number=ID_B, phone="13600000000"),
               rec("r2", "WQ-2", "陈明", id_number=other, phone="13600000000",
                   birth_date=born),
               rec("r3", "WQ-3", "陈明", birth_date=born)]
    people = group(records)
    ids = [set(p.record_ids) for p in people]
    assert {"r1"} <= ids[0] and "r2" not in ids[0]
    assert len(people) == 2


def test_invalid_id_and_landline_do_not_link():
    bad = ID_A[:17] + "1"
    records = [rec("r1", "WQ-1", "赵强", id_number=bad, phone="010-12345678"),
               rec("r2", "WQ-2", "赵强", id_number=bad, phone="010-12345678")]
    assert len(group(records)) == 2


def test_repeat_offenders_lists_people_on_several_cases_only():
    records = [rec("r1", "WQ-1", "甲", phone="13800000001"),
               rec("r2", "WQ-2", "甲", phone="13800000001"),
               rec("r3", "WQ-2", "乙", phone="13800000002")]
    [repeat] = repeat_offenders(records)
    assert repeat.record_ids == ("r1", "r2")


def test_check_record_names_every_bad_field():
    with pytest.raises(Invalid) as err:
        check_record(rec("r1", "WQ-1", " ", id_number=ID_A[:17] + "1", phone="12345",
                         birth_date=date(2030, 1, 1)), TODAY)
    assert err.value.fields == {"name": "blank", "id_number": "offender_bad_id",
                                "phone": "offender_bad_phone", "birth_date": "in_future"}


def test_check_record_refuses_birth_date_other_than_the_ids():
    with pytest.raises(Invalid) as err:
        check_record(rec("r1", "WQ-1", "张伟", id_number=ID_A, birth_date=date(1950, 1, 1)),
                     TODAY)
    assert err.value.fields == {"birth_date": "birth_date_not_id"}
    check_record(rec("r2", "WQ-1", "张伟", id_number=ID_A, phone="010-12345678",
                     birth_date=date(1949, 12, 31)), TODAY)
