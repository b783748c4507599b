"""Gateway routes of the case lifecycle after acceptance (Art. 15-18): each reaches its own
handler, never the /api/<path:rest> catch-all, and each is in the OpenAPI document."""
import pytest
from werkzeug.routing import Map

from gateway.openapi import OPENAPI
from gateway.service import GatewayService

pytestmark = pytest.mark.unit

LIFECYCLE_ROUTES = {
    "/api/cases/{case_no}/conclusion": ("conclude", "Conclusion"),
    "/api/cases/{case_no}/extension": ("extend", "Extension"),
    "/api/cases/{case_no}/reexamination": ("request_reexamination", "Reexamination"),
    "/api/cases/{case_no}/reexamination/outcome": ("record_reexamination_outcome",
                                                   "ReexaminationOutcome"),
    "/api/cases/{case_no}/escalation": ("escalate", "Escalation"),
    "/api/cases/{case_no}/escalation/outcome": ("record_escalation_outcome",
                                                "EscalationOutcome"),
    "/api/cases/{case_no}/appeal/outcome": ("record_appeal_outcome", "AppealOutcome"),
}


@pytest.fixture(scope="module")
def urls():
    """The werkzeug map exactly as nameko's WebServer builds it from the @http entrypoints."""
    url_map = Map()
    for name in dir(GatewayService):
        for entrypoint in getattr(getattr(GatewayService, name), "nameko_entrypoints", ()):
            rule = entrypoint.get_url_rule()
            rule.endpoint = name
            url_map.add(rule)
    return url_map.bind("localhost")


@pytest.mark.parametrize("path", sorted(LIFECYCLE_ROUTES))
def test_route_reaches_its_handler_not_the_catch_all(urls, path):
    endpoint, args = urls.match(path.replace("{case_no}", "GX-WQ-2026-000123"), method="POST")
    assert endpoint == LIFECYCLE_ROUTES[path][0]
    assert args == {"case_no": "GX-WQ-2026-000123"}


@pytest.mark.parametrize("path, endpoint", [
    ("/api/cases/GX-WQ-2026-000123/decision", "decide"),
    ("/api/cases/GX-WQ-2026-000123/appeal", "appeal"),
    ("/api/cases/GX-WQ-2026-000123/conclusion/extra", "unknown"),
    ("/api/cases/GX-WQ-2026-000123/escalation/outcome/2", "unknown"),
])
def test_neighbours_still_route_as_before(urls, path, endpoint):
    assert urls.match(path, method="POST")[0] == endpoint


@pytest.mark.parametrize("path", sorted(LIFECYCLE_ROUTES))
def test_route_is_documented_with_its_body_and_case_answer(path):
    operation = OPENAPI["paths"][path]["post"]
    schema = LIFECYCLE_ROUTES[path][1]
    assert operation["requestBody"]["content"]["application/json"]["schema"] == \
        {"$ref": f"#/components/schemas/{schema}"}
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == \
        {"$ref": "#/components/schemas/Case"}
    for status in ("403", "409", "422"):
        assert status in operation["responses"]
    assert ("case_no", "path", True) in [(p["name"], p["in"], p["required"])
                                         for p in operation["parameters"]]


def test_case_answer_documents_where_the_case_is():
    case = OPENAPI["components"]["schemas"]["Case"]["properties"]
    assert {"conclusion", "reexamination", "escalations", "location"} <= set(case)
