"""Every code the publicity domain raises has its bilingual text, and the policy's refusals
read as sentences."""
import ast
from pathlib import Path

import pytest

from weiquan.config import REPO_ROOT
from weiquan.contracts import messages
from weiquan.contracts.policy.publicity import RULES

pytestmark = pytest.mark.unit
SOURCES = sorted((REPO_ROOT / "services/publicity/publicity").rglob("*.py"))


def raised_codes():
    for path in SOURCES:
        for node in ast.walk(ast.parse(Path(path).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in (
                    "Conflict", "NotAllowed") and node.args and \
                    isinstance(node.args[0], ast.Constant):
                yield node.args[0].value


def test_there_are_codes_to_check():
    assert {"statement_not_in_state", "correction_open"} <= set(raised_codes())


@pytest.mark.parametrize("code", sorted(set(raised_codes()) | {r.refusal for r in
                                                                 RULES.values()}))
def test_every_code_has_text(code):
    assert code in messages.MESSAGES
    zh, en = messages.MESSAGES[code]
    assert zh and en


@pytest.mark.parametrize("problem", ["case_required", "reason_required", "unknown_case", "unit_scope_needs_case"])
def test_field_problems_render(problem):
    text = messages.field_text("case_no", problem, {"case_no": "WQ-1"})
    assert problem not in text


def test_the_state_conflict_names_the_state():
    zh, en = messages.text_of("statement_not_in_state", {
        "state": "legal_reviewed", "state_zh": "法制审核通过、待维权委审批", "action_en": "published",
        "action_zh": "发布"})
    assert "法制审核通过" in zh and "legal_reviewed" in en
