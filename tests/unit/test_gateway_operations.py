"""The operation table is the one source of the gateway's routes, its document and its early
403: the served routes (as nameko's WebServer builds them from the @http entrypoints) and
/api/openapi.json agree both ways, and each documented body and answer is the shared
contract itself."""
import json

import pytest
from werkzeug.routing import Map

from weiquan.contracts import policy
from weiquan.contracts.codes import (APPLICANT_TYPES, CASE_STATUSES, CATEGORIES, CHANNELS,
                                     DEADLINE_STATES, RELATIONS)

from gateway.openapi import document
from gateway.operation import route_of
from gateway.operations import OPERATIONS
from gateway.pages.table import PAGES
from gateway.service import CATCH_ALL, GatewayService

pytestmark = pytest.mark.unit
DOC = document()


def served_rules():
    """(werkzeug rule, methods, entrypoint name) of every @http entrypoint of the gateway."""
    found = []
    for name in dir(GatewayService):
        for entrypoint in getattr(getattr(GatewayService, name), "nameko_entrypoints", ()):
            rule = entrypoint.get_url_rule()
            found.append((rule.rule, set(rule.methods) - {"HEAD", "OPTIONS"}, name))
    return found


def _as_openapi(rule):
    parts = []
    for part in rule.split("/"):
        if part.startswith("<") and part.endswith(">"):
            part = "{" + part[1:-1].split(":")[-1] + "}"
        parts.append(part)
    return "/".join(parts)


@pytest.fixture(scope="module")
def urls():
    url_map = Map()
    for name in dir(GatewayService):
        for entrypoint in getattr(getattr(GatewayService, name), "nameko_entrypoints", ()):
            rule = entrypoint.get_url_rule()
            rule.endpoint = name
            url_map.add(rule)
    return url_map.bind("localhost")


PAGE_NAMES = {page.name for page in PAGES}  # the portal's pages: not in the document


def test_every_served_route_is_documented_with_its_method():
    served = [(r, m, n) for r, m, n in served_rules()
              if r != CATCH_ALL and n not in PAGE_NAMES]
    assert len(served) >= len(OPERATIONS)
    for rule, methods, name in served:
        path = _as_openapi(rule)
        assert path in DOC["paths"], f"{name}: {rule} is served but not documented"
        for method in methods:
            assert method.lower() in DOC["paths"][path], f"{method} {rule} not documented"
            assert DOC["paths"][path][method.lower()]["operationId"] == name


def test_every_documented_operation_is_served():
    served = {(_as_openapi(r), method.lower()) for r, methods, _ in served_rules()
              for method in methods}
    for path, operations in DOC["paths"].items():
        for method in operations:
            assert (path, method) in served, f"{method.upper()} {path} documented, not served"


def test_the_catch_all_and_the_pages_are_the_only_routes_outside_the_table():
    extra = sorted((r, n) for r, _, n in served_rules()
                   if n not in {op.name for op in OPERATIONS})
    assert extra == sorted([(CATCH_ALL, "unknown")] +
                           [(route_of(page.path), page.name) for page in PAGES])


def test_served_pages_have_the_page_tables_methods_and_are_not_documented():
    served = {n: (r, m) for r, m, n in served_rules()}
    for page in PAGES:
        assert served[page.name] == (page.route, {page.method})
        assert page.path not in DOC["paths"]


def test_document_is_valid_openapi_3():
    from openapi_spec_validator import validate
    validate(json.loads(json.dumps(DOC)))


def _ref(schema):
    return {"$ref": f"#/components/schemas/{schema.__name__}"}


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.name)
def test_body_answer_and_statuses_come_from_the_table(op):
    spec = DOC["paths"][op.path][op.method.lower()]
    if op.body is not None:
        assert spec["requestBody"]["content"]["application/json"]["schema"] == _ref(op.body)
    ok = spec["responses"][str(op.status)]
    if op.answer is not None:
        assert ok["content"][op.media]["schema"] == _ref(op.answer)
    assert sorted(spec["responses"]) == op.statuses()
    for status in op.statuses():
        if status != str(op.status):
            assert spec["responses"][status]["content"]["application/json"]["schema"] == \
                {"$ref": "#/components/schemas/ErrorV1"}
    declared = [p["name"] for p in spec.get("parameters", []) if p["in"] == "path"]
    assert declared == list(op.path_params)


@pytest.mark.parametrize("op", [op for op in OPERATIONS if op.policy_action],
                         ids=lambda op: op.name)
def test_access_names_a_rule_of_the_shared_policy(op):
    assert op.policy_action in policy.ACTIONS
    roles = policy.rule(*op.policy_action).roles
    assert ", ".join(roles) in DOC["paths"][op.path][op.method.lower()]["description"]


@pytest.mark.parametrize("op", [op for op in OPERATIONS if op.path_params],
                         ids=lambda op: op.name)
def test_each_route_reaches_its_own_entrypoint_not_the_catch_all(urls, op):
    path = op.path
    for name in op.path_params:
        path = path.replace("{" + name + "}", "X-1")
    endpoint, args = urls.match(path, method=op.method)
    assert endpoint == op.name
    assert args == {name: "X-1" for name in op.path_params}


def test_unknown_api_paths_reach_the_catch_all(urls):
    assert urls.match("/api/cases/GX-WQ-2026-000123/conclusion/extra", method="POST")[0] == \
        "unknown"


def test_request_contracts_carry_their_limits_and_code_lists():
    schemas = DOC["components"]["schemas"]
    app = schemas["SubmitApplicationV1"]["properties"]
    applicant = schemas[app["applicant"]["$ref"].rsplit("/", 1)[1]]["properties"]
    assert applicant["type"]["enum"] == list(APPLICANT_TYPES)
    assert applicant["relation"]["enum"] == list(RELATIONS)
    assert applicant["name"]["maxLength"] == 50
    assert applicant["phone"]["pattern"].startswith("^")
    assert app["channel"]["enum"] == list(CHANNELS)
    assert app["category"]["enum"] == list(CATEGORIES)
    assert schemas["SubmitApplicationV1"]["additionalProperties"] is False
    assert schemas["CaseV1"]["properties"]["status"]["enum"] == list(CASE_STATUSES)
    assert schemas["DeadlineV1"]["properties"]["state"]["enum"] == list(DEADLINE_STATES)


def test_query_contracts_are_parameters():
    params = {p["name"]: p for p in DOC["paths"]["/api/calendar/due"]["get"]["parameters"]}
    assert set(params) == {"from", "working_days", "days", "reckoning"}
    assert params["from"]["required"] is True
    cases = {p["name"] for p in DOC["paths"]["/api/cases"]["get"]["parameters"]}
    assert cases == {"status", "category", "overdue", "due_within", "page", "page_size"}
