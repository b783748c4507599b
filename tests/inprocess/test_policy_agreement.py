"""Access rules exist once: for every operation that names a policy rule and every role, the
gateway's early answer and the owning service's own answer agree on "forbidden or not".

All four containers run in this process on real RPC; the gateway is asked over HTTP with a
token of a user holding just that role, the service over RPC with the same principal. Bodies
are empty and objects do not exist, so an allowed role gets a 4xx other than 403 (422, 404)
from both, and a refused one a 403 from both, decided before anything is loaded."""
import json

import pytest
import requests
from nameko.standalone.rpc import ServiceRpcProxy

from weiquan.contracts import policy
from weiquan.contracts.codes import ROLES

from gateway import tokens
from gateway.demo_users import PROFILES
from gateway.operations import OPERATIONS
from gateway.service import GatewayService
from tests.inprocess.conftest import start_all

pytestmark = pytest.mark.inprocess
CHECKED = [op for op in OPERATIONS if op.policy_action]
ID = "X-1"


def principal(role):
    return {"username": f"demo-{role}", "roles": [role], "police_id": None, "unit": None,
            "name": role, **PROFILES.get(role, {})}


def service_args(op, who):
    """What the gateway would pass the service for this operation (see operation.call_rpc)."""
    if op.name == "reload_calendar":
        return [who]
    if op.name == "incident_stream":
        return [who]
    if op.name in ("upload_evidence", "web_capture"):
        meta = {"kind": "web_capture" if op.name == "web_capture" else "photo",
                "filename": "x.jpg"}
        if op.name == "web_capture":
            meta["url"] = "https://example.com/post/1"
        return [ID, meta, "", who]
    args = [ID for _ in op.path_params]
    if op.query is not None:
        args.append({})
    if op.body is not None:
        args.append({})
    args.append(who)
    if op.idempotent:
        args.append(f"{who['username']}:agreement")
    return args


def service_says_forbidden(proxy, op, who):
    answer = getattr(proxy, op.rpc[1])(*service_args(op, who))
    return isinstance(answer, dict) and answer.get("error", {}).get("code") == "forbidden"


def gateway_says_forbidden(base, op, token):
    path = op.path
    for name in op.path_params:
        path = path.replace("{" + name + "}", ID)
    kwargs = {"data": json.dumps({}), "headers": {"Content-Type": "application/json"}} \
        if op.method == "POST" else {}
    kwargs.setdefault("headers", {})["Authorization"] = f"Bearer {token}"
    answer = requests.request(op.method, base + path, timeout=20, allow_redirects=False,
                              stream=True, **kwargs)
    answer.close()
    return answer.status_code == 403


@pytest.fixture(scope="module")
def running(service_env_module, container_factory_module):
    return start_all(service_env_module, container_factory_module, GatewayService)


def test_gateway_and_services_agree_for_every_role_and_operation(running):
    config, base = running
    secret = tokens.jwt_secret()
    disagreements, refused, allowed = [], 0, 0
    proxies = {name: ServiceRpcProxy(name, config) for name in policy.POLICIES}
    clients = {name: proxy.start() for name, proxy in proxies.items()}
    try:
        for role in ROLES:
            who = principal(role)
            token = tokens.issue(who, secret)
            for op in CHECKED:
                at_gateway = gateway_says_forbidden(base, op, token)
                at_service = service_says_forbidden(clients[op.rpc[0]], op, who)
                expected = not policy.allowed(*op.policy_action, who)
                if not at_gateway == at_service == expected:
                    disagreements.append(f"{op.name} as {role}: gateway "
                                         f"{'403' if at_gateway else 'passes'}, service "
                                         f"{'403' if at_service else 'passes'}, policy "
                                         f"{'refuses' if expected else 'allows'}")
                refused += expected
                allowed += not expected
    finally:
        for proxy in proxies.values():
            proxy.stop()
    assert not disagreements, "\n".join(disagreements)
    assert refused > 100 and allowed > 50  # both answers were really exercised
