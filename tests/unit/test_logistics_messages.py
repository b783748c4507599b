"""Every code the logistics domain raises has its bilingual text, and the policy's refusals
read as sentences."""
import ast
from pathlib import Path

import pytest

from weiquan.config import REPO_ROOT
from weiquan.contracts import messages
from weiquan.contracts.policy.logistics import RULES

pytestmark = pytest.mark.unit
SOURCES = sorted((REPO_ROOT / "services/logistics/logistics").rglob("*.py"))


def raised_codes():
    for path in SOURCES:
        for node in ast.walk(ast.parse(Path(path).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in (
                    "Conflict", "NotAllowed") and node.args and \
                    isinstance(node.args[0], ast.Constant):
                yield node.args[0].value


def test_there_are_codes_to_check():
    assert {"fund_exhausted", "above_threshold", "case_not_payable"} <= set(raised_codes())


@pytest.mark.parametrize("code", sorted(set(raised_codes()) | {r.refusal for r in
                                                                 RULES.values()}))
def test_every_code_has_text(code):
    assert code in messages.MESSAGES
    zh, en = messages.MESSAGES[code]
    assert zh and en


def test_field_problems_render():
    text = messages.field_text("case_no", "unknown_case", {"case_no": "WQ-1"})
    assert "WQ-1" in text and "Unknown case" in text
