"""The liability determination of an officer's own conduct (Art. 5, 22, 23).

An investigation team weighs facts, circumstances and consequences, classifies the conduct as
fault (过错), flaw (瑕疵) or accident (意外) and decides exempt, reduce or accountable. The
consistency rules, each read from the text:
- Art. 5 pursues *执法过错* (enforcement fault): only a fault can be held accountable, so
  "accountable" needs the classification "fault";
- an accident is no fault of the officer: its outcome is "exempt";
- Art. 23: when a mitigating circumstance is found the officer "应当从轻、减轻或免于追究" --
  shall be treated leniently, so mitigating factors go only with "reduce" or "exempt";
- the team are other people than the officer concerned (Art. 21 para. 2 recusal), at least
  one of them, each listed once; the findings are written down."""
from dataclasses import dataclass

from weiquan.contracts.codes import (LIABILITY_CLASSIFICATIONS, LIABILITY_OUTCOMES,
                                     MITIGATING_FACTOR_LABELS_ZH, MITIGATING_FACTORS)
from weiquan.errors import Invalid

LENIENT_OUTCOMES = ("exempt", "reduce")


@dataclass(frozen=True)
class Determination:
    officer: str            # police id of the officer whose conduct is determined
    team: tuple             # police ids of the investigation team
    findings: str
    classification: str
    outcome: str
    mitigating_factors: tuple

    @property
    def leniency_letter_possible(self):
        """Art. 23: a leniency recommendation to the procuratorate or the court rests on the
        mitigating factors found."""
        return bool(self.mitigating_factors) and self.outcome in LENIENT_OUTCOMES

    def mitigating_labels_zh(self):
        return [MITIGATING_FACTOR_LABELS_ZH[f] for f in self.mitigating_factors]


def _team_problems(officer, team):
    problems = {}
    if not team:
        problems["team"] = "team_required"
    for i, member in enumerate(team):
        if member == officer:
            problems[f"team.{i}"] = "officer_on_own_team"
        elif member in team[:i]:
            problems[f"team.{i}"] = "legal_listed_twice"
    return problems


def _factor_problems(factors):
    problems = {}
    for i, factor in enumerate(factors):
        if factor not in MITIGATING_FACTORS:
            problems[f"mitigating_factors.{i}"] = "unknown_mitigating_factor"
        elif factor in factors[:i]:
            problems[f"mitigating_factors.{i}"] = "legal_listed_twice"
    return problems


def _outcome_problem(classification, outcome, factors):
    if outcome not in LIABILITY_OUTCOMES:
        return "unknown_outcome_on_scale"
    if classification == "accident" and outcome != "exempt":
        return "accident_is_exempt"
    if outcome == "accountable" and classification != "fault":
        return "accountable_needs_fault"
    if factors and outcome not in LENIENT_OUTCOMES:
        return "mitigation_needs_leniency"
    return None


def determine(officer, team, findings, classification, outcome, mitigating_factors=()):
    """A consistent Determination, or Invalid naming every bad field at once."""
    team = tuple(team or ())
    factors = tuple(mitigating_factors or ())
    problems = _team_problems(officer, team)
    if not (findings or "").strip():
        problems["findings"] = "blank"
    if classification not in LIABILITY_CLASSIFICATIONS:
        problems["classification"] = "unknown_liability_classification"
    problems.update(_factor_problems(factors))
    problem = _outcome_problem(classification, outcome, factors)
    if problem:
        problems["outcome"] = problem
    if problems:
        raise Invalid(problems, outcome=outcome, classification=classification)
    return Determination(officer=officer, team=team, findings=findings.strip(),
                         classification=classification, outcome=outcome,
                         mitigating_factors=factors)
