"""schemathesis over the gateway's own /api/openapi.json, for every role: generated requests
(valid and invalid ones) against the running system, each answer checked for a 5xx, a status
the document does not list, a content type it does not list, and a body outside its answer
schema. Random ids only ever meet 404s, so each operation is also fuzzed with its path
parameters set to objects that exist (a case with evidence, an incident with a dispatched
unit, a protective order, a takedown): their real answers are held to the answer contracts.
WEIQUAN_CONTRACT_EXAMPLES sets how many cases per operation, role and mode (default 2; raise
it for a deeper run)."""
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import (content_type_conformance, not_a_server_error,
                                 response_schema_conformance, status_code_conformance)
from schemathesis.generation import GenerationMode

from weiquan.contracts.codes import ROLES

from tests.support.known import known_objects

pytestmark = pytest.mark.e2e
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
EXAMPLES = int(os.environ.get("WEIQUAN_CONTRACT_EXAMPLES", "2"))
# The live board's stream answers for ten minutes by design; tests/e2e/test_incidents.py
# reads it with a client that stops after the first events.
NOT_FUZZED = {("GET", "/api/incidents/stream")}


@pytest.fixture(scope="module")
def api(system):
    return schemathesis.openapi.from_url(system.base_url + "/api/openapi.json")


@pytest.fixture(scope="module")
def known(system):
    return known_objects(system)


def operations(api):
    found = []
    for result in api.get_all_operations():
        op = result.ok()
        if (op.method.upper(), op.path) not in NOT_FUZZED:
            found.append(op)
    return found


def fuzz(op, mode, base_url, headers, path=None):
    """Draw EXAMPLES cases of one operation (path parameters fixed to ``path`` if given) and
    check each answer; the first failure raises."""
    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              phases=[Phase.explicit, Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(case=op.as_strategy(generation_mode=mode, path_parameters=path))
    def run(case):
        response = case.call(base_url=base_url, headers=headers, allow_redirects=False,
                             timeout=30)
        case.validate_response(response, checks=CHECKS)
    run()


@pytest.mark.parametrize("role", ROLES)
def test_no_server_error_and_no_contract_break(system, api, known, role):
    headers = {"Authorization": "Bearer " + system.token(role)}
    ops = operations(api)
    assert len(ops) > 40
    failures = []
    for op in ops:
        names = [p.name for p in op.path_parameters]
        runs = [(GenerationMode.POSITIVE, None), (GenerationMode.NEGATIVE, None)]
        if names:
            runs.append((GenerationMode.POSITIVE, {n: known[n] for n in names}))
        for mode, path in runs:
            try:
                fuzz(op, mode, system.base_url, headers, path)
            except Unsatisfiable:
                # no invalid request exists for an operation that takes no input (/healthz)
                assert mode is GenerationMode.NEGATIVE, f"{op.path}: no valid request exists"
            except (Exception, BaseExceptionGroup) as exc:  # schemathesis' FailureGroup
                failures.append(f"{op.method.upper()} {op.path} ({mode.value}"
                                f"{', existing objects' if path else ''}): "
                                f"{str(exc)[:1500]}")
    assert not failures, f"as {role}:\n" + "\n\n".join(failures)
