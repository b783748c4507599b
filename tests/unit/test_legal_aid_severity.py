"""Art. 24: an appeal never worsens the outcome. The severity order is explicit and total; an
appeal decision is refused exactly when the new outcome is more severe than the appealed one
(property-based, over every pair of both scales); an unfair discipline ends in revocation."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from weiquan.contracts.codes import DISCIPLINE_OUTCOMES, LIABILITY_OUTCOMES
from weiquan.errors import Conflict, Invalid

from legal_aid.domain.severity import (SCALES, decide_appeal, decide_discipline_review,
                                       more_severe, rank)

pytestmark = pytest.mark.unit
FAST = settings(database=None, deadline=None, max_examples=300)
scale_and_outcomes = st.sampled_from(sorted(SCALES)).flatmap(
    lambda s: st.tuples(st.just(s), st.sampled_from(SCALES[s]), st.sampled_from(SCALES[s]),
                        st.sampled_from(SCALES[s])))


def test_the_orders_read_from_the_regulation():
    assert LIABILITY_OUTCOMES == ("exempt", "reduce", "accountable")
    assert more_severe("liability", "accountable", "reduce")
    assert more_severe("liability", "reduce", "exempt")
    assert DISCIPLINE_OUTCOMES[:3] == ("none", "criticism", "warning")
    assert DISCIPLINE_OUTCOMES[-1] == "expulsion"


@FAST
@given(scale_and_outcomes)
def test_severity_is_a_total_order(case):
    scale, a, b, c = case
    assert more_severe(scale, a, b) or more_severe(scale, b, a) or a == b   # total
    assert not (more_severe(scale, a, b) and more_severe(scale, b, a))      # antisymmetric
    assert not more_severe(scale, a, a)                                     # irreflexive
    if more_severe(scale, a, b) and more_severe(scale, b, c):
        assert more_severe(scale, a, c)                                     # transitive


@FAST
@given(scale_and_outcomes, st.booleans())
def test_appeal_refused_exactly_when_new_is_more_severe(case, approved):
    scale, old, new, _ = case
    worse = rank(scale, new) > rank(scale, old)
    try:
        decision = decide_appeal(scale, old, new, committee_approved=True)
    except Conflict as exc:
        assert worse and exc.code == "appeal_cannot_worsen"
        assert exc.details["appealed"] == old and exc.details["outcome"] == new
    else:
        assert not worse
        assert decision.result == ("kept" if new == old else "lightened")
    if not approved and rank(scale, new) < rank(scale, old):
        with pytest.raises(Conflict) as err:
            decide_appeal(scale, old, new, committee_approved=False)
        assert err.value.code == "change_needs_committee"


@pytest.mark.parametrize("scale", sorted(SCALES))
def test_every_pair_enumerated(scale):
    """The same property without sampling: every ordered pair of the scale."""
    outcomes = SCALES[scale]
    refused = set()
    for old in outcomes:
        for new in outcomes:
            try:
                decide_appeal(scale, old, new, committee_approved=True)
            except Conflict:
                refused.add((old, new))
    assert refused == {(o, n) for i, o in enumerate(outcomes)
                       for j, n in enumerate(outcomes) if j > i}


def test_keeping_the_outcome_needs_no_approval():
    assert decide_appeal("liability", "accountable", "accountable", False).result == "kept"


def test_outcome_off_the_scale_is_invalid():
    with pytest.raises(Invalid) as err:
        decide_appeal("liability", "warning", "exempt", True)
    assert err.value.fields == {"appealed": "unknown_outcome_on_scale"}


def test_confirmed_review_revokes_with_grounds_and_approval():
    d = decide_discipline_review("demerit", True, ["hype_or_petition_driven"], True)
    assert d.result == "revoked" and d.proposes_name_clearing
    assert d.grounds == ("hype_or_petition_driven",)


def test_unconfirmed_review_upholds_and_clears_nothing():
    d = decide_discipline_review("warning", False, [], False)
    assert (d.result, d.proposes_name_clearing) == ("upheld", False)


def test_revocation_needs_grounds_and_committee():
    with pytest.raises(Invalid) as err:
        decide_discipline_review("demotion", True, [], True)
    assert err.value.fields == {"grounds": "revocation_needs_grounds"}
    with pytest.raises(Conflict) as err:
        decide_discipline_review("demotion", True, ["facts_wrong"], False)
    assert err.value.code == "revocation_needs_committee"


def test_review_of_nothing_or_with_bad_grounds_is_invalid():
    with pytest.raises(Invalid) as err:
        decide_discipline_review("none", True, ["facts_wrong"], True)
    assert err.value.fields == {"discipline": "nothing_to_review"}
    with pytest.raises(Invalid) as err:
        decide_discipline_review("warning", True, ["facts_wrong", "bad_luck"], True)
    assert err.value.fields == {"grounds.1": "unknown_review_ground"}
