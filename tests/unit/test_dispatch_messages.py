"""Every refusal the command center can give has its text in contracts.messages.dispatch, and
reads as it always has; its domain stays free of HTTP, nameko and the database."""
import ast
import itertools
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from weiquan.config import TZ
from weiquan.contracts import policy
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import ProtectiveOrderV1, ReportIncidentV1
from weiquan.contracts.messages import FIELD_PROBLEMS, MESSAGES, THINGS
from weiquan.errors import Conflict, DomainError, Invalid, NotFound
from weiquan.kit.errors import from_domain

import dispatch
from dispatch.domain import protection, rules
from dispatch.domain.model import Unit

pytestmark = pytest.mark.unit

PACKAGE = Path(dispatch.__file__).parent
NOW = datetime(2026, 10, 9, 10, 0, tzinfo=TZ)
CC = {"username": "cc1", "roles": ["command_center"]}
OFFICER = {"username": "zw", "roles": ["officer"]}
REPORT = {"officers": [{"police_id": "360721001", "name": "张伟", "unit": "城关派出所"}],
          "place": "城关镇红旗大道", "description": "执勤时遭围攻", "category": "mobbing_obstruction"}


# ---- static: what the package's source can raise ----------------------------------------------
def _nodes():
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" not in path.parts:
            yield from ast.walk(ast.parse(path.read_text(encoding="utf-8")))


def _calls():
    for node in _nodes():
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            yield name, [a.value for a in node.args if isinstance(a, ast.Constant)], node


def _collected_problems():
    """``problems[field] = "<problem>"``: how a rule gathers several bad fields."""
    for node in _nodes():
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for target in node.targets:
                if isinstance(target, ast.Subscript) and getattr(target.value, "id",
                                                                 None) == "problems":
                    yield node.value.value


def raised_in_source():
    """(catalogue, key) for every literal code, reason, noun and field problem raised."""
    found = {("FIELD_PROBLEMS", problem) for problem in _collected_problems()}
    for name, literals, node in _calls():
        if name == "Conflict" and literals:
            found.add(("MESSAGES", literals[0]))
        elif name == "_conflict" and len(literals) == 2:
            found.update({("MESSAGES", literals[0]), ("MESSAGES", literals[1])})
        elif name == "NotFound" and literals:
            found.add(("THINGS", literals[0]))
        elif name == "one" and len(literals) == 2:
            found.add(("FIELD_PROBLEMS", literals[1]))
        elif name == "Invalid" and node.args and isinstance(node.args[0], ast.Dict):
            found.update(("FIELD_PROBLEMS", v.value) for v in node.args[0].values
                         if isinstance(v, ast.Constant))
    return found


def test_every_code_raised_in_the_source_has_its_message():
    found = raised_in_source()
    assert {("MESSAGES", "unit_busy"), ("THINGS", "incident"), ("FIELD_PROBLEMS", "unknown_unit"),
            ("FIELD_PROBLEMS", "unknown_incident")} <= found  # the scan sees the source
    tables = {"MESSAGES": MESSAGES, "THINGS": THINGS, "FIELD_PROBLEMS": FIELD_PROBLEMS}
    assert [key for key in sorted(found) if key[1] not in tables[key[0]]] == []


def test_every_refusal_of_the_policy_has_its_message():
    assert {r.refusal for r in policy.POLICIES["dispatch"].values()} <= set(MESSAGES)


@pytest.mark.parametrize("module", sorted(p.name for p in (PACKAGE / "domain").glob("*.py")))
def test_domain_imports_no_adapter(module):
    tree = ast.parse((PACKAGE / "domain" / module).read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    banned = ("weiquan.kit", "werkzeug", "nameko", "sqlalchemy", "requests", "dispatch.handlers",
              "dispatch.repository", "dispatch.service", "dispatch.events")
    assert [m for m in imported if m.startswith(banned)] == []


# ---- dynamic: each refusal of the rules, rendered as the client reads it ------------------------
def _report():
    return rules.report_incident("inc-1", load_or_error(ReportIncidentV1, REPORT), CC, NOW)


def _pool(*statuses):
    return {f"u{i}": Unit(f"u{i}", f"巡逻{i}组", "patrol", s) for i, s in enumerate(statuses, 1)}


def _ids():
    counter = itertools.count(1)
    return lambda: f"d{next(counter)}"


def _dispatched(ack=False, arrived=False):
    pool = _pool("available")
    [d] = rules.dispatch_units(_report(), ["u1"], pool, CC, NOW, _ids())
    if ack:
        rules.acknowledge(d, pool["u1"], None, CC, NOW)
    if arrived:
        rules.arrive(d, pool["u1"], None, CC, NOW)
    return d, pool["u1"]


def _closed():
    inc = _report()
    rules.close_incident(inc, {}, NOW)
    return inc


def _linked():
    inc = _report()
    rules.link_case(inc, "GX-WQ-2026-000001")
    return inc


def _order(**over):
    return load_or_error(ProtectiveOrderV1, {
        "persons": [{"type": "officer", "name": "张伟"}], "measures": ["巡逻"], "address": "某地",
        "valid_until": (NOW + timedelta(days=3)).isoformat(), "incident_id": "inc-1", **over})


def _issued():
    return rules.issue_order("o1", _order(), _report(), CC, NOW)


def _revoked():
    order = _issued()
    protection.revoke_order(order, {"reason": "嫌疑人已到案"}, CC, NOW)
    return order


def _extension(days):
    return {"valid_until": NOW + timedelta(days=days), "reason": "继续保护"}


def _status(problem):
    raise Invalid.one("status", problem, status="bogus")


def _raise(exc):
    raise exc


SCENARIOS = {
    "reporting as an officer": (
        lambda: policy.require("dispatch", "report_incident", OFFICER), 403,
        "仅指挥中心可执行此操作 / Only the command center may do this", {}),
    "reading as an officer": (
        lambda: policy.require("dispatch", "get_incident", OFFICER), 403,
        "仅指挥中心和维权委可查看警情 / Only the command center and the committee see incidents", {}),
    "unit on a task": (
        lambda: rules.set_unit_status(_pool("dispatched")["u1"], "off_duty"), 409,
        "警力正在执行任务（dispatched），不能改为 off_duty / The unit is on a task (dispatched); "
        "cannot set off_duty", {}),
    "dispatch to a closed incident": (
        lambda: rules.dispatch_units(_closed(), ["u1"], _pool("available"), CC, NOW, _ids()),
        409, "警情已结束，不能再派警 / The incident is closed; no more dispatches", {}),
    "close twice": (
        lambda: rules.close_incident(_closed(), {}, NOW), 409,
        "警情已结束 / The incident is already closed", {}),
    "busy units": (
        lambda: rules.dispatch_units(_report(), ["u1", "u2"], _pool("on_scene", "off_duty"), CC,
                                     NOW, _ids()),
        409, "警力不可用: 巡逻1组, 巡逻2组 / Units not available: 巡逻1组, 巡逻2组", {}),
    "unknown and repeated units": (
        lambda: rules.dispatch_units(_report(), ["u1", "nope", "u1"], _pool("available"), CC,
                                     NOW, _ids()),
        422, "请求数据校验失败 / Request validation failed",
        {"unit_ids.1": "警力不存在: nope / Unknown unit: nope",
         "unit_ids.2": "警力重复: u1 / Unit listed twice: u1"}),
    "acknowledge twice": (
        lambda: rules.acknowledge(*_dispatched(ack=True), None, CC, NOW), 409,
        "该派警已确认接收 / This dispatch was already acknowledged", {}),
    "arrive unacknowledged": (
        lambda: rules.arrive(*_dispatched(), None, CC, NOW), 409,
        "警力尚未确认接收，请先确认 / The unit has not acknowledged yet; acknowledge first", {}),
    "arrive twice": (
        lambda: rules.arrive(*_dispatched(ack=True, arrived=True), None, CC, NOW), 409,
        "该警力已到达现场 / The unit already arrived", {}),
    "second case number": (
        lambda: rules.link_case(_linked(), "GX-WQ-2026-000002"), 409,
        "警情已关联案件 GX-WQ-2026-000001 / The incident is already linked to "
        "GX-WQ-2026-000001", {}),
    "order for an unknown incident": (
        lambda: rules.issue_order("o1", _order(), None, CC, NOW), 422,
        "请求数据校验失败 / Request validation failed",
        {"incident_id": "警情不存在: inc-1 / Unknown incident: inc-1"}),
    "order valid in the past": (
        lambda: rules.issue_order("o1", _order(valid_until=NOW.isoformat()), _report(), CC, NOW),
        422, "请求数据校验失败 / Request validation failed",
        {"valid_until": "有效期须晚于当前时间 / valid_until must be in the future."}),
    "extend a revoked order": (
        lambda: protection.extend_order(_revoked(), _extension(9), CC, NOW), 409,
        "保护令已撤销，不能再延期或撤销 / The protective order was revoked; it cannot be "
        "extended or revoked", {}),
    "revoke an expired order": (
        lambda: protection.revoke_order(_issued(), {"reason": "x"}, CC, NOW + timedelta(days=3)),
        409, "保护令已于 2026-10-12T10:00+08:00 到期，不能再延期或撤销 / The protective order "
        "expired at 2026-10-12T10:00+08:00; it cannot be extended or revoked", {}),
    "extension not later": (
        lambda: protection.extend_order(_issued(), _extension(2), CC, NOW), 422,
        "请求数据校验失败 / Request validation failed",
        {"valid_until": "新有效期须晚于当前有效期（2026-10-12T10:00+08:00） / valid_until must "
                        "be later than the current one (2026-10-12T10:00+08:00)."}),
    "unknown status filter": (
        lambda: _status("unknown_incident_status"), 422,
        "请求数据校验失败 / Request validation failed",
        {"status": "状态无效 / Unknown status: bogus"}),
    "unit name taken": (
        lambda: _raise(Conflict("unit_exists", name="巡逻1组")), 409,
        "警力名称已存在: 巡逻1组 / A unit with this name exists: 巡逻1组", {}),
    "unknown incident": (lambda: _raise(NotFound("incident", "x1")), 404,
                         "警情不存在: x1 / Incident not found: x1", {}),
    "unknown unit": (lambda: _raise(NotFound("unit", "x2")), 404,
                     "警力不存在: x2 / Unit not found: x2", {}),
    "unknown dispatch": (lambda: _raise(NotFound("dispatch", "x3")), 404,
                         "派警不存在: x3 / Dispatch not found: x3", {}),
    "unknown order": (lambda: _raise(NotFound("protective_order", "x4")), 404,
                      "保护令不存在: x4 / Protective order not found: x4", {}),
}


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_each_refusal_reads_as_it_always_did(name):
    act, status, message, fields = SCENARIOS[name]
    with pytest.raises(DomainError) as e:
        act()
    key = e.value.reason or e.value.code
    assert key in MESSAGES, key
    answer = from_domain(e.value).to_dict()
    assert answer["status"] == status
    assert (answer["error"]["message"], answer["error"]["fields"]) == (message, fields)


def test_busy_units_keep_their_names_as_a_list_for_the_client():
    with pytest.raises(Conflict) as e:
        rules.dispatch_units(_report(), ["u1"], _pool("on_scene"), CC, NOW, _ids())
    assert from_domain(e.value).to_dict()["error"]["units"] == ["巡逻1组"]


def test_the_scenarios_cover_everything_the_source_raises():
    """A new code in the source needs a scenario above, so its wording is pinned too."""
    seen = set()
    for act, *_ in SCENARIOS.values():
        with pytest.raises(DomainError) as e:
            act()
        exc = e.value
        seen.add(("MESSAGES", exc.reason or exc.code))
        seen.update(("FIELD_PROBLEMS", p) for p in getattr(exc, "fields", {}).values())
        if isinstance(exc, NotFound):
            seen.add(("THINGS", exc.details["what"]))
    assert raised_in_source() - seen == set()
