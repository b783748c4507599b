"""Counsel assignment (Art. 21 para. 2, Art. 25): the least loaded counsel with the speciality,
never one with a conflict; when only conflicted counsel are free, refused with who and why."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from weiquan.errors import Conflict, Invalid

from legal_aid.domain.counsel import (Counsel, Parties, Relation, assign, check, conflicts_of,
                                      validate_counsel)
from legal_aid.domain.offenders import OffenderRecord

pytestmark = pytest.mark.unit
OFFENDER = OffenderRecord(id="o1", case_no="WQ-9", name="刘强", id_number="11010519491231002X",
                          phone="13911112222")
OFFICER = OffenderRecord(id="p1", case_no="WQ-9", name="民警甲", phone="13633334444")
PARTIES = Parties(case_no="WQ-9", officers=(OFFICER,), offenders=(OFFENDER,),
                  firm_clients={"东方律所": (OffenderRecord(id="x", case_no="", name="刘 强",
                                                           phone="+86 139 1111 2222"),)})
SPEC = "criminal_victim"


def lawyer(cid, load=0, firm="清风律所", **kw):
    return Counsel(id=cid, name=f"律师{cid}", firm=firm, specialities=(SPEC,), load=load, **kw)


CONFLICTED = {
    "is_offender": lawyer("c1", id_number="110105491231002"),
    "is_officer": lawyer("c2", phone="136-3333-4444"),
    "relative_of_offender": lawyer("c3", relations=(Relation("relative", OffenderRecord(
        id="r", case_no="", name="刘强", phone="13911112222")),)),
    "relative_of_officer": lawyer("c4", relations=(Relation("relative", OFFICER),)),
    "acted_for_offender": lawyer("c5", relations=(Relation("former_client", OffenderRecord(
        id="r", case_no="", name="Liu Qiang", id_number="11010519491231002x")),)),
    "firm_represents_offender": lawyer("c6", firm="东方律所"),
    "involved_in_case": lawyer("c7", relations=(Relation("case_role", case_no="WQ-9"),)),
}


@pytest.mark.parametrize("code", sorted(CONFLICTED))
def test_each_conflict_is_found(code):
    assert conflicts_of(CONFLICTED[code], PARTIES) == (code,)


def test_unrelated_relations_are_no_conflict():
    c = lawyer("c8", relations=(Relation("case_role", case_no="WQ-1"),
                                Relation("former_client", OFFICER),
                                Relation("relative", OffenderRecord(id="r", case_no="",
                                                                    name="刘强"))))
    assert conflicts_of(c, PARTIES) == ()


def test_least_loaded_clean_counsel_is_chosen_and_recusals_recorded():
    roster = [CONFLICTED["is_offender"], lawyer("c9", load=2), lawyer("c10", load=1),
              lawyer("c11", load=0, active=False),
              Counsel(id="c12", name="x", firm="y", specialities=("civil_tort",))]
    result = assign(roster, SPEC, PARTIES)
    assert result.counsel.id == "c10"
    assert result.passed_over == (("c1", ("is_offender",)),)


def test_only_free_counsel_conflicted_is_refused_with_the_reason():
    roster = [CONFLICTED["relative_of_offender"], lawyer("c20", load=5, capacity=5)]
    with pytest.raises(Conflict) as err:
        assign(roster, SPEC, PARTIES)
    assert err.value.code == "counsel_conflicted"
    assert err.value.details["counsel_id"] == ["c3"]
    assert err.value.details["conflicts"] == ["relative_of_offender"]
    assert "律师c3（系侵权行为人的近亲属）" == err.value.details["detail_zh"]


def test_nobody_free_with_the_speciality():
    with pytest.raises(Conflict) as err:
        assign([lawyer("c1", load=5, capacity=5)], SPEC, PARTIES)
    assert err.value.code == "no_counsel_free"
    with pytest.raises(Invalid) as err:
        assign([lawyer("c1")], "tax", PARTIES)
    assert err.value.fields == {"speciality": "unknown_speciality"}


def test_named_assignment_checks_conflicts_and_load():
    with pytest.raises(Conflict) as err:
        check(CONFLICTED["firm_represents_offender"], PARTIES)
    assert err.value.details["conflicts"] == ["firm_represents_offender"]
    with pytest.raises(Conflict) as err:
        check(lawyer("c30", load=3, capacity=3), PARTIES)
    assert err.value.code == "counsel_not_free"
    check(lawyer("c31"), PARTIES)


def test_validate_counsel_names_each_bad_field():
    with pytest.raises(Invalid) as err:
        validate_counsel({"name": " ", "firm": "f", "specialities": ["civil_tort", "tax",
                                                                     "civil_tort"],
                          "load": -1, "capacity": 0, "relations": [{"kind": "friend"}]})
    assert err.value.fields == {"name": "blank", "specialities.1": "unknown_speciality",
                                "specialities.2": "legal_listed_twice",
                                "load": "bad_counsel_count", "capacity": "bad_counsel_count",
                                "relations.0.kind": "unknown_relation_kind"}
    validate_counsel({"name": "n", "firm": "f", "specialities": ["administrative"]})


roster_strategy = st.lists(st.tuples(
    st.sampled_from(sorted(CONFLICTED) + ["clean"] * 3),
    st.integers(0, 6), st.integers(1, 6),
    st.sets(st.sampled_from([SPEC, "civil_tort", "administrative"]), min_size=1)),
    max_size=12)


def _build(specs):
    roster = []
    for i, (kind, load, capacity, specialities) in enumerate(specs):
        base = CONFLICTED.get(kind) or lawyer("clean")
        roster.append(Counsel(id=f"k{i:02d}", name=f"律师{i}", firm=base.firm,
                              specialities=tuple(sorted(specialities)), load=load,
                              capacity=capacity, id_number=base.id_number, phone=base.phone,
                              relations=base.relations))
    return roster


@settings(database=None, deadline=None, max_examples=200)
@given(roster_strategy, st.sampled_from([SPEC, "civil_tort", "administrative"]))
def test_no_conflicted_counsel_is_ever_chosen(specs, speciality):
    roster = _build(specs)
    eligible = [c for c in roster if c.free and speciality in c.specialities]
    clean = [c for c in eligible if not conflicts_of(c, PARTIES)]
    try:
        chosen = assign(roster, speciality, PARTIES).counsel
    except Conflict as exc:
        assert not clean
        assert exc.code == ("counsel_conflicted" if eligible else "no_counsel_free")
    else:
        assert chosen in clean and conflicts_of(chosen, PARTIES) == ()
        assert chosen.load == min(c.load for c in clean)
