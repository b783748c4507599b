"""The severity order of outcomes, and what an appeal or a review may decide (Art. 8, 24).

Art. 24: "不得因民警提出申诉而对其加重处分、处理" -- an appeal must never lead to a heavier
outcome. That needs an explicit, total order: each scale is a tuple in contracts.codes listed
from the least to the most severe (liability: exempt < reduce < accountable; internal
discipline: none < criticism < warning < demerit < major demerit < demotion < removal from
post < expulsion). An appeal keeps or lightens the outcome; changing it needs the committee's
approval (经报请维权委批准). A review of unfair internal discipline that confirms the
complaint ends in revocation, with the committee's approval and at least one ground."""
from dataclasses import dataclass

from weiquan.contracts.codes import (DISCIPLINE_OUTCOME_LABELS_ZH, DISCIPLINE_OUTCOMES,
                                     DISCIPLINE_REVIEW_GROUNDS, LIABILITY_OUTCOME_LABELS_ZH,
                                     LIABILITY_OUTCOMES)
from weiquan.errors import Conflict, Invalid

SCALES = {"liability": LIABILITY_OUTCOMES, "discipline": DISCIPLINE_OUTCOMES}
LABELS_ZH = {"liability": LIABILITY_OUTCOME_LABELS_ZH, "discipline": DISCIPLINE_OUTCOME_LABELS_ZH}


def rank(scale, outcome, field="outcome"):
    """The position of ``outcome`` on ``scale`` (0 is the lightest); Invalid naming ``field``
    for an outcome that is not on that scale."""
    if outcome not in SCALES[scale]:
        raise Invalid.one(field, "unknown_outcome_on_scale", outcome=outcome, scale=scale)
    return SCALES[scale].index(outcome)


def more_severe(scale, a, b):
    """True when ``a`` is strictly more severe than ``b``."""
    return rank(scale, a) > rank(scale, b)


@dataclass(frozen=True)
class AppealDecision:
    appealed: str
    outcome: str
    result: str  # "kept" or "lightened"


def decide_appeal(scale, appealed, outcome, committee_approved):
    """Art. 24 para. 1. Refuses (Conflict ``appeal_cannot_worsen``) exactly when ``outcome``
    is more severe than ``appealed``; a lighter outcome also needs the committee's approval."""
    old = rank(scale, appealed, "appealed")
    new = rank(scale, outcome, "outcome")
    labels = LABELS_ZH[scale]
    if new > old:
        raise Conflict("appeal_cannot_worsen", appealed=appealed, outcome=outcome,
                       appealed_zh=labels[appealed], outcome_zh=labels[outcome])
    if new < old and not committee_approved:
        raise Conflict("change_needs_committee", appealed=appealed, outcome=outcome,
                       appealed_zh=labels[appealed], outcome_zh=labels[outcome])
    return AppealDecision(appealed, outcome, "kept" if new == old else "lightened")


@dataclass(frozen=True)
class ReviewDecision:
    discipline: str
    result: str  # "revoked" or "upheld"
    grounds: tuple
    proposes_name_clearing: bool  # Art. 30: a revoked discipline clears the officer's name


def decide_discipline_review(discipline, confirmed, grounds, committee_approved):
    """Art. 24 para. 2: a review of internal discipline the officer calls unfair. Confirmed
    (核查属实) ends in revocation, which needs at least one ground from the code list and the
    committee's approval; not confirmed keeps the discipline as it was (never heavier)."""
    if rank("discipline", discipline, "discipline") == 0:
        raise Invalid.one("discipline", "nothing_to_review", discipline=discipline)
    grounds = tuple(grounds or ())
    for i, ground in enumerate(grounds):
        if ground not in DISCIPLINE_REVIEW_GROUNDS:
            raise Invalid.one(f"grounds.{i}", "unknown_review_ground", ground=ground)
        if ground in grounds[:i]:
            raise Invalid.one(f"grounds.{i}", "legal_listed_twice", value=ground)
    if not confirmed:
        return ReviewDecision(discipline, "upheld", grounds, False)
    if not grounds:
        raise Invalid.one("grounds", "revocation_needs_grounds")
    if not committee_approved:
        raise Conflict("revocation_needs_committee", discipline=discipline,
                       discipline_zh=DISCIPLINE_OUTCOME_LABELS_ZH[discipline])
    return ReviewDecision(discipline, "revoked", grounds, True)
