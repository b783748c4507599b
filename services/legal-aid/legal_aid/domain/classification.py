"""The legal classification of how an offender is pursued (Art. 21), suggested from the facts
and decided by legal affairs.

Art. 21 draws the line at violence: beating, biting, pulling, ramming with a vehicle or
dragging an officer on duty is the crime of obstructing official duty (Criminal Law Art. 277,
criminal detention); clamour, abuse and unreasonable pestering without violence are an
administrative matter (Public Security Administration Punishments Law Art. 50). The software
only suggests, with the facts that led there; legal affairs confirms, or changes it and says
why (a change without a reason is refused)."""
from dataclasses import dataclass

from weiquan.contracts.codes import CATEGORIES, LEGAL_BASIS_ZH, LEGAL_CLASSIFICATIONS
from weiquan.errors import Invalid

# Categories (Art. 11) that are violence by definition.
VIOLENT_CATEGORIES = ("violent_attack", "vehicle")
# Obstruction that is violent only when the facts say so (injury, violent words).
MAYBE_VIOLENT_CATEGORIES = ("physical_restraint",)
NON_VIOLENT_CATEGORIES = ("mobbing_obstruction", "threat_insult_harassment")
# The acts Art. 21 names, and their usual synonyms in a written account.
VIOLENT_WORDS = ("殴打", "打伤", "击打", "拳打", "脚踢", "撕咬", "咬伤", "拉扯", "撕扯", "拖拽",
                 "拖行", "冲撞", "撞伤", "碾压", "袭警", "持刀", "砍伤", "刺伤")
NON_VIOLENT_WORDS = ("哄闹", "起哄", "谩骂", "辱骂", "无理纠缠", "纠缠", "阻拦", "围堵", "吵闹")
REASON_LABELS_ZH = {
    "violent_category": "侵权情形属暴力行为", "injury": "民警受伤",
    "violent_words": "事实描述含暴力行为", "non_violent_category": "侵权情形属非暴力阻碍",
    "non_violent_words": "事实描述含非暴力阻碍行为",
}


@dataclass(frozen=True)
class Suggestion:
    """``classification`` is None when the facts are not an obstruction of duty at all
    (e.g. a false accusation): legal affairs decides without a suggestion. ``reasons`` are
    (reason code, detail) pairs, in the order they were found."""
    classification: str
    reasons: tuple
    basis_zh: str


def _words_in(text, words):
    return tuple(w for w in words if w in (text or ""))


def suggest(category, flags, description):
    """Art. 21 from the facts: ``category`` (Art. 11 code), ``flags`` (a mapping; ``injury``
    counts), ``description`` (free text)."""
    if category not in CATEGORIES:
        raise Invalid.one("category", "unknown_category", category=category)
    violent, calm = [], []
    if category in VIOLENT_CATEGORIES:
        violent.append(("violent_category", category))
    if (flags or {}).get("injury"):
        violent.append(("injury", True))
    words = _words_in(description, VIOLENT_WORDS)
    if words:
        violent.append(("violent_words", words))
    if violent:
        return Suggestion("criminal", tuple(violent), LEGAL_BASIS_ZH["criminal"])
    if category in NON_VIOLENT_CATEGORIES + MAYBE_VIOLENT_CATEGORIES:
        calm.append(("non_violent_category", category))
    words = _words_in(description, NON_VIOLENT_WORDS)
    if words:
        calm.append(("non_violent_words", words))
    if calm:
        return Suggestion("administrative", tuple(calm), LEGAL_BASIS_ZH["administrative"])
    return Suggestion(None, (), None)


@dataclass(frozen=True)
class Decision:
    classification: str
    suggested: str
    changed: bool
    reason: str
    basis_zh: str


def decide(suggestion, classification, reason):
    """Legal affairs' decision. Confirming the suggestion needs no reason; choosing otherwise
    needs one (Invalid naming ``reason``). Without a suggestion the choice is a first
    decision, not a change, and the reason is optional."""
    if classification not in LEGAL_CLASSIFICATIONS:
        raise Invalid.one("classification", "unknown_legal_classification",
                          classification=classification)
    reason = (reason or "").strip() or None
    changed = suggestion.classification is not None and classification != \
        suggestion.classification
    if changed and not reason:
        raise Invalid.one("reason", "change_needs_reason",
                          suggested=suggestion.classification, chosen=classification)
    return Decision(classification=classification, suggested=suggestion.classification,
                    changed=changed, reason=reason, basis_zh=LEGAL_BASIS_ZH[classification])
