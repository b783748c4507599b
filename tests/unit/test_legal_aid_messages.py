"""Every code the legal_aid domain raises has its bilingual text: conflicts in MESSAGES, field
problems in FIELD_PROBLEMS; and the code lists carry a Chinese label for each code."""
import ast
from pathlib import Path

import pytest

from weiquan.config import REPO_ROOT
from weiquan.contracts import codes, messages

pytestmark = pytest.mark.unit
SOURCES = sorted((REPO_ROOT / "services/legal-aid/legal_aid").rglob("*.py"))


def _trees():
    for path in SOURCES:
        yield ast.parse(Path(path).read_text(encoding="utf-8"))


def raised_codes():
    for tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in (
                    "Conflict", "NotAllowed") and node.args and \
                    isinstance(node.args[0], ast.Constant):
                yield node.args[0].value


def field_problems():
    """Invalid.one(field, "problem"), ``problems[...] = "problem"`` and the constants a
    ``*_problem`` function returns."""
    for tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name.endswith("_problem"):
                yield from (r.value.value for r in ast.walk(node) if isinstance(r, ast.Return)
                            and isinstance(r.value, ast.Constant) and r.value.value)
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "one" and \
                    len(node.args) > 1 and isinstance(node.args[1], ast.Constant):
                yield node.args[1].value
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Subscript) and \
                    getattr(node.targets[0].value, "id", None) == "problems" and \
                    isinstance(node.value, ast.Constant):
                yield node.value.value


def test_there_are_codes_to_check():
    assert {"appeal_cannot_worsen", "counsel_conflicted"} <= set(raised_codes())
    assert {"change_needs_reason", "offender_bad_id", "accident_is_exempt"} <= \
        set(field_problems())


@pytest.mark.parametrize("code", sorted(set(raised_codes())))
def test_every_conflict_has_text(code):
    zh, en = messages.MESSAGES[code]
    assert zh and en


@pytest.mark.parametrize("problem", sorted(set(field_problems())))
def test_every_field_problem_has_text(problem):
    zh, en = messages.FIELD_PROBLEMS[problem]
    assert zh and en


def test_conflict_text_renders_the_facts():
    zh, en = messages.text_of("counsel_conflicted", {
        "counsel": ["律师甲"], "conflicts": ["is_offender"], "detail_zh": "律师甲（本人即侵权行为人）"})
    assert "律师甲（本人即侵权行为人）" in zh and "is_offender" in en


@pytest.mark.parametrize("values, labels", [
    (codes.LEGAL_CLASSIFICATIONS, codes.LEGAL_CLASSIFICATION_LABELS_ZH),
    (codes.LEGAL_CLASSIFICATIONS, codes.LEGAL_BASIS_ZH),
    (codes.LIABILITY_CLASSIFICATIONS, codes.LIABILITY_CLASSIFICATION_LABELS_ZH),
    (codes.LIABILITY_OUTCOMES, codes.LIABILITY_OUTCOME_LABELS_ZH),
    (codes.DISCIPLINE_OUTCOMES, codes.DISCIPLINE_OUTCOME_LABELS_ZH),
    (codes.MITIGATING_FACTORS, codes.MITIGATING_FACTOR_LABELS_ZH),
    (codes.DISCIPLINE_REVIEW_GROUNDS, codes.DISCIPLINE_REVIEW_GROUND_LABELS_ZH),
    (codes.COUNSEL_SPECIALITIES, codes.COUNSEL_SPECIALITY_LABELS_ZH),
    (codes.COUNSEL_CONFLICTS, codes.COUNSEL_CONFLICT_LABELS_ZH),
])
def test_every_code_has_a_chinese_label(values, labels):
    assert list(labels) == list(values)
