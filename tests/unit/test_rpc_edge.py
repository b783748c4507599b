"""The RPC edge: a domain error becomes the contract's error object once (status by kind,
text from the catalogue, fields named), and a call to a service that is not running is a 503
naming it, not a 500."""
import pytest
from nameko.exceptions import UnknownService

from weiquan.errors import Conflict, Invalid, NotAllowed, NotFound
from weiquan.kit.errors import AppError
from weiquan.kit.rpc import answers, call

pytestmark = pytest.mark.unit


def raising(exc):
    @answers
    def method():
        raise exc
    return method


@pytest.mark.parametrize("exc, status, code", [
    (NotFound("case", "GX-WQ-2026-000001"), 404, "not_found"),
    (NotAllowed("only_office_decides", action="intake.decide"), 403, "forbidden"),
    (Conflict("already_decided", status_now="accepted"), 409, "already_decided"),
    (Invalid.one("decided_at", "in_future"), 422, "validation_failed"),
])
def test_domain_errors_are_mapped_once_at_the_edge(exc, status, code):
    answer = raising(exc)()
    assert answer["status"] == status
    assert answer["error"]["code"] == code
    zh, _, en = answer["error"]["message"].partition(" / ")
    assert zh and en and "{" not in answer["error"]["message"]


def test_the_mapped_error_names_its_facts_and_fields():
    conflict = raising(Conflict("already_decided", status_now="accepted"))()["error"]
    assert conflict["status_now"] == "accepted"
    invalid = raising(Invalid.one("decided_at", "in_future"))()["error"]
    assert set(invalid["fields"]) == {"decided_at"}
    assert "decided_at" in invalid["fields"]["decided_at"]
    found = raising(NotFound("case", "GX-WQ-2026-000001"))()["error"]
    assert "案件" in found["message"] and "GX-WQ-2026-000001" in found["message"]


class _Unknown:
    method_name = "ping"

    def call_async(self, *args, **kwargs):
        raise UnknownService("intake")


def test_a_service_that_is_not_running_is_a_503_naming_it():
    with pytest.raises(AppError) as err:
        call(_Unknown(), timeout=1, service="intake")
    assert err.value.status == 503
    assert err.value.code == "service_unavailable"
    assert "intake" in err.value.message
