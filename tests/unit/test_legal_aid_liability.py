"""Liability determinations (Art. 5, 22, 23): fault / flaw / accident, exempt / reduce /
accountable, the mitigating factors, and the consistency rules read from the text."""
import pytest

from weiquan.contracts.codes import LIABILITY_CLASSIFICATIONS, LIABILITY_OUTCOMES
from weiquan.errors import Invalid

from legal_aid.domain.liability import determine

pytestmark = pytest.mark.unit
TEAM = ("P100", "P200")


def det(classification, outcome, factors=(), team=TEAM, findings="现场执法录像显示……"):
    return determine("P001", team, findings, classification, outcome, factors)


ALLOWED = {("fault", "exempt"), ("fault", "reduce"), ("fault", "accountable"),
           ("flaw", "exempt"), ("flaw", "reduce"), ("accident", "exempt")}


@pytest.mark.parametrize("classification", LIABILITY_CLASSIFICATIONS)
@pytest.mark.parametrize("outcome", LIABILITY_OUTCOMES)
def test_classification_and_outcome_consistency(classification, outcome):
    if (classification, outcome) in ALLOWED:
        assert det(classification, outcome).outcome == outcome
    else:
        with pytest.raises(Invalid) as err:
            det(classification, outcome)
        assert set(err.value.fields) == {"outcome"}
        expected = "accident_is_exempt" if classification == "accident" else \
            "accountable_needs_fault"
        assert err.value.fields["outcome"] == expected


def test_mitigating_factors_only_with_leniency():
    with pytest.raises(Invalid) as err:
        det("fault", "accountable", ("prompt_correction",))
    assert err.value.fields == {"outcome": "mitigation_needs_leniency"}
    d = det("fault", "reduce", ("objective_conditions", "prompt_correction"))
    assert d.leniency_letter_possible
    assert d.mitigating_labels_zh() == ["受客观条件限制", "及时发现并主动纠正错误"]


def test_no_letter_without_mitigating_factors():
    assert not det("flaw", "reduce").leniency_letter_possible


def test_bad_factors_and_team_named_per_position():
    with pytest.raises(Invalid) as err:
        determine("P001", ("P100", "P001", "P100"), " ", "mistake", "exempt",
                  ("harm_limited", "luck", "harm_limited"))
    assert err.value.fields == {
        "team.1": "officer_on_own_team", "team.2": "legal_listed_twice", "findings": "blank",
        "classification": "unknown_liability_classification",
        "mitigating_factors.1": "unknown_mitigating_factor",
        "mitigating_factors.2": "legal_listed_twice"}


def test_team_required():
    with pytest.raises(Invalid) as err:
        det("fault", "exempt", team=())
    assert err.value.fields == {"team": "team_required"}
