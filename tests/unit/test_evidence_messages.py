"""Every code, refusal reason, field problem and custody finding the evidence service can
produce has its bilingual text in contracts.messages, and the text is complete (no placeholder
left unfilled): the rules carry codes only, so a missing entry would reach a user as a bare
"Refused (code)"."""
import ast
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from weiquan.contracts import messages
from weiquan.contracts.policy import evidence as evidence_policy
from weiquan.errors import DomainError, Invalid
from weiquan.kit.errors import failure, from_domain

import evidence
from evidence.domain import custody, names, takedown, uploads
from evidence.domain.errors import FileRefused, InvalidTransition, UploadExpired

pytestmark = pytest.mark.unit
PACKAGE = Path(evidence.__file__).resolve().parent
SOURCES = sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)
NOW = datetime(2026, 12, 1, 2, 0, tzinfo=timezone.utc)
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def _name(func):
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return f"{func.value.id}.{func.attr}"
    return None


def _text(node):
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def raised_keys():
    """(table, key, where) for every literal code the package passes to an error it raises."""
    found = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name, args = _name(node.func), [_text(a) for a in node.args]
            kw = {k.arg: _text(k.value) for k in node.keywords if k.arg}
            where = f"{path.relative_to(PACKAGE)}:{node.lineno}"
            first = args[0] if args else None
            if name == "NotFound" and first:
                found.append(("THINGS", first, where))
            elif name in ("NotAllowed", "Conflict", "UploadExpired") and first:
                found.append(("MESSAGES", first, where))
            elif name == "UploadExpired":
                found.append(("MESSAGES", UploadExpired.code, where))
            elif name == "FileRefused" and first:
                found += [("MESSAGES", first, where), ("FIELD_PROBLEMS", first, where)]
            elif name == "Invalid.one" and len(args) > 1 and args[1]:
                found.append(("FIELD_PROBLEMS", args[1], where))
            elif name == "Invalid" and node.args and isinstance(node.args[0], ast.Dict):
                found += [("FIELD_PROBLEMS", _text(v), where) for v in node.args[0].values]
            elif name == "failure" and first:
                key = kw.get("reason") or first
                found.append(("MESSAGES", key, where))
                if "field" in kw:
                    found.append(("FIELD_PROBLEMS", key, where))
    return found


def test_the_scan_finds_the_raising_sites():
    tables = {table for table, _, _ in raised_keys()}
    assert tables == {"THINGS", "MESSAGES", "FIELD_PROBLEMS"}
    assert len(raised_keys()) > 20


@pytest.mark.parametrize("table,key,where", raised_keys(), ids=lambda v: str(v))
def test_every_raised_code_has_its_text(table, key, where):
    assert key in getattr(messages, table), f"{where}: {table}[{key!r}] is missing"


@pytest.mark.parametrize("action", sorted(evidence_policy.RULES))
def test_every_refusal_of_the_policy_has_its_text(action):
    assert evidence_policy.RULES[action].refusal in messages.MESSAGES


@pytest.mark.parametrize("problem", names.KIND_PROBLEMS + names.FILENAME_PROBLEMS
                         + takedown.PROBLEMS + ("in_future",))
def test_every_field_problem_of_the_domain_has_its_text(problem):
    assert problem in messages.FIELD_PROBLEMS


def _complete(error):
    """The error object rendered: bilingual message and field texts, no placeholder left."""
    for text in [error.message, *error.fields.values()]:
        assert " / " in text and not PLACEHOLDER.search(text), text
    return error


def _meta(**changes):
    return {"kind": "photo", "filename": "a.jpg", **changes}


@pytest.mark.parametrize("meta", [
    _meta(kind="hologram", filename="../x", acquired_at=NOW + timedelta(hours=1)),
    _meta(kind=None, filename="名" * 200), _meta(filename=" a.jpg"), _meta(filename="a\x00"),
    _meta(filename=""), _meta(url="https://x.example/p", kind="photo"),
])
def test_metadata_refusals_read_completely(meta):
    with pytest.raises(Invalid) as caught:
        uploads.check_meta(meta, NOW)
    error = _complete(from_domain(caught.value))
    assert error.status == 422 and error.code == "validation_failed"
    assert set(error.fields) == set(caught.value.fields)


def test_file_refusals_keep_their_own_codes_and_name_the_file():
    for head, code in ((b"", "empty_file"), (b"%PDF-1.7", "content_mismatch")):
        with pytest.raises(FileRefused) as caught:
            uploads.check_file("photo", head)
        error = _complete(from_domain(caught.value))
        assert (error.status, error.code, list(error.fields)) == (422, code, ["file"])
    assert uploads.check_file("photo", b"\xff\xd8\xff\xe0") == "jpeg"


@pytest.mark.parametrize("current,new", [("requested", "removed"), ("removed", "refused"),
                                         ("requested", "bogus")])
def test_takedown_refusals_are_409_naming_status(current, new):
    with pytest.raises(InvalidTransition) as caught:
        takedown.require_transition(current, new)
    error = _complete(from_domain(caught.value))
    assert (error.status, error.code, list(error.fields)) == (409, "invalid_transition",
                                                              ["status"])


@pytest.mark.parametrize("exc,status", [(UploadExpired(), 409), (UploadExpired("upload_swept"),
                                                                  409)])
def test_upload_conflicts_read_completely(exc, status):
    error = _complete(from_domain(exc))
    assert (error.status, error.code) == (status, "upload_expired")


def test_adapter_failures_read_completely():
    _complete(failure("length_mismatch", 400, field="file", received=5, declared=9))
    _complete(failure("length_mismatch", 400, reason="upload_broken", field="file"))
    _complete(failure("hold_failed", 502, error="AccessDenied"))
    _complete(failure("unauthorized", 401, reason="bad_signature", problem="expired"))


def test_every_custody_finding_reads_completely():
    problems = custody.verify("e-1", "f" * 64, 3, [
        {"evidence_id": "e-2", "seq": 2, "action": "view", "actor": "a", "at": NOW,
         "detail": {}, "prev_hash": "0" * 64, "hash": "x"}])
    codes = {p["code"] for p in problems}
    assert codes <= set(custody.PROBLEMS) and len(codes) >= 6
    for problem in problems:
        assert problem["code"] in messages.MESSAGES
        zh, en = messages.text_of(problem["code"], problem["facts"])
        assert not PLACEHOLDER.search(zh + en), (zh, en)


def test_domain_errors_carry_no_text():
    for exc in (UploadExpired(), FileRefused("empty_file"),
                InvalidTransition("invalid_transition", "requested", "removed", ("submitted",))):
        assert isinstance(exc, DomainError)
        assert all(not re.search(r"[\u4e00-\u9fff]", str(v)) for v in exc.details.values())
