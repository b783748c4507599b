"""Every code, refusal, noun and field problem intake can raise has its text in
contracts.messages.intake, each template uses only the facts its raise site provides, and the
answers read as they always did."""
import ast
import string
from pathlib import Path

import pytest

from weiquan.contracts import policy
from weiquan.contracts.messages import FIELD_PROBLEMS, MESSAGES, THINGS
from weiquan.errors import Conflict, NotFound
from weiquan.kit.errors import from_domain

import intake
from intake.domain import lifecycle, rules
from tests.unit.helpers_intake import OFFICE, OFFICER, appeal_cmd, at, decision, raises, rejected
from tests.unit.helpers_lifecycle import accepted, extension_cmd

pytestmark = pytest.mark.unit
PACKAGE = Path(intake.__file__).parent
TABLES = {"MESSAGES": MESSAGES, "FIELD_PROBLEMS": FIELD_PROBLEMS, "THINGS": THINGS}


# ---- static: what the package's source can raise ------------------------------------------

def _nodes():
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" not in path.parts:
            yield from ast.walk(ast.parse(path.read_text(encoding="utf-8")))


def _name(call):
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _literals(call):
    return [a.value for a in call.args if isinstance(a, ast.Constant)
            and isinstance(a.value, str)]


def raise_sites():
    """(table, key, facts): every literal code, reason, noun and field problem in the source,
    with the names of the facts its raise site passes (None: not known statically)."""
    for node in _nodes():
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for target in node.targets:   # problems[field] = "<problem>" (list_cases)
                if isinstance(target, ast.Subscript) and \
                        getattr(target.value, "id", None) == "problems":
                    yield "FIELD_PROBLEMS", node.value.value, {"field", "status", "category"}
        if not isinstance(node, ast.Call):
            continue
        name, literals = _name(node), _literals(node)
        facts = {k.arg for k in node.keywords}
        if name in ("Conflict", "NotAllowed") and literals:
            yield "MESSAGES", literals[0], facts | {"code"}
        elif name == "need_status" and literals:
            yield "MESSAGES", literals[-1], {"code", "status_now"}
        elif name == "NotFound" and literals:
            yield "THINGS", literals[0], None
        elif name == "one" and len(node.args) == 2 and isinstance(node.args[1], ast.Constant):
            yield "FIELD_PROBLEMS", node.args[1].value, facts | {"field", "problem"}
        elif name == "_not_before_day" and literals:
            yield "FIELD_PROBLEMS", literals[-1], {"field", "problem", "earliest"}


def _placeholders(template):
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_the_scan_sees_the_source():
    keys = {(table, key) for table, key, _ in raise_sites()}
    assert {("MESSAGES", "already_decided"), ("MESSAGES", "appeal_window_closed"),
            ("MESSAGES", "concurrent_update"), ("MESSAGES", "request_id_reused"),
            ("MESSAGES", "officer_without_police_id"), ("THINGS", "case"),
            ("FIELD_PROBLEMS", "applies_as_own_type"), ("FIELD_PROBLEMS", "before_refusal"),
            ("FIELD_PROBLEMS", "unknown_status"), ("FIELD_PROBLEMS", "in_future")} <= keys
    assert len(keys) >= 40


def test_every_code_raised_in_the_source_has_its_message():
    missing = sorted({(table, key) for table, key, _ in raise_sites()
                      if key not in TABLES[table]})
    assert missing == []


def test_every_refusal_of_the_policy_has_its_message():
    assert {r.refusal for r in policy.POLICIES["intake"].values()} <= set(MESSAGES)


def test_each_template_uses_only_the_facts_its_raise_site_gives():
    unfilled = []
    for table, key, facts in raise_sites():
        if facts is None or key not in TABLES[table]:
            continue
        for template in TABLES[table][key]:
            extra = _placeholders(template) - facts
            if extra:
                unfilled.append((key, template, sorted(extra)))
    assert unfilled == []


# ---- the answers as the client reads them ---------------------------------------------------

def test_a_conflict_names_the_status_and_keeps_it_as_a_fact(cal):
    case = accepted(cal)
    err = raises(rules.decide, case, decision(True), OFFICE, at("2026-09-03T10:00"), cal)
    assert err.to_dict() == {"status": 409, "error": {
        "code": "already_decided", "fields": {}, "status_now": "accepted",
        "message": "该申请已作出决定（当前状态 accepted） / This application has already been "
                   "decided (status accepted)"}}


def test_the_closed_appeal_window_reads_as_before(cal):
    err = raises(rules.appeal, rejected(cal), appeal_cmd("2026-10-09"), OFFICER,
                 at("2026-10-23T00:00:01"), cal)
    assert err.message == ("复议申请期限已于 2026-10-22 届满（第十五条：收到答复之日起10个工作日内）"
                           " / The appeal window closed on 2026-10-22 (Art. 15: 10 working days "
                           "after the answer was received)")


def test_a_field_problem_reads_in_both_languages_with_its_facts(cal):
    err = raises(lifecycle.extend, accepted(cal), extension_cmd("2026-11-07"),
                 {**OFFICE, "roles": ["committee_director"]}, at("2026-10-05T10:00"), cal)
    assert (err.status, err.code, err.message) == (422, "validation_failed",
                                                    "请求数据校验失败 / Request validation failed")
    assert err.fields == {"new_due": "新期限 2026-11-07 不是工作日 / new_due 2026-11-07 is not "
                                     "a working day."}


def test_a_refusal_says_who_may(cal):
    err = raises(rules.decide, accepted(cal), decision(True), OFFICER, at("2026-09-03T10:00"),
                 cal)
    assert (err.status, err.code) == (403, "forbidden")
    assert err.message == "仅维权办可作出受理决定 / Only the committee office decides on acceptance"
    assert err.to_dict()["error"]["action"] == "intake.decide"


@pytest.mark.parametrize("error, message", [
    (NotFound("case", "GX-WQ-2026-000001"),
     "案件不存在: GX-WQ-2026-000001 / Case not found: GX-WQ-2026-000001"),
    (NotFound("incident_case", "inc-1"),
     "警情对应的案件不存在: inc-1 / Case of incident not found: inc-1"),
    (Conflict("request_id_reused"), "请求标识已被使用 / Idempotency key reused"),
])
def test_not_found_and_repeated_requests(error, message):
    answer = from_domain(error)
    assert answer.message == message
    assert answer.status == (404 if isinstance(error, NotFound) else 409)
