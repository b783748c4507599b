"""One HTTP operation of the gateway, described once: its route, who may call it, what it
takes and answers, and which service method does the work. The table (operations.py) is the
source of the routes (service.py), of /api/openapi.json (openapi.py) and of the early 403."""
import uuid
from dataclasses import dataclass, field
from typing import Callable, Optional

from weiquan.contracts import policy
from weiquan.contracts.base import instance, load_or_error
from weiquan.contracts.queries import load_query
from weiquan.kit.errors import validation_error

from gateway.http import json_response, read_json

PUBLIC = "public"        # no token needed
SIGNED_IN = "signed_in"  # any valid token; the service decides the rest


def route_of(path):
    """/api/cases/{case_no} -> /api/cases/<string:case_no> (the werkzeug rule)."""
    return "/".join(f"<string:{p[1:-1]}>" if p.startswith("{") else p for p in path.split("/"))


def params_of(path):
    return tuple(part[1:-1] for part in path.split("/")
                 if part.startswith("{") and part.endswith("}"))


class Routed:
    """What an operation and a page share: a path whose parameters are derived once, its
    werkzeug rule, and the policy action its ``access`` names (if any)."""

    def __post_init__(self):
        object.__setattr__(self, "path_params", params_of(self.path))

    @property
    def route(self):
        """The werkzeug rule nameko's @http takes."""
        return route_of(self.path)

    @property
    def policy_action(self):
        return self.access if isinstance(self.access, tuple) else None


@dataclass(frozen=True)
class Operation(Routed):
    method: str
    path: str                        # OpenAPI form: /api/cases/{case_no}
    name: str                        # operationId and the service method's name
    summary: str
    access: object = SIGNED_IN       # PUBLIC, SIGNED_IN or a policy action (dept, action)
    rpc: Optional[tuple] = None      # (service, method) doing the work
    body: object = None              # request contract (marshmallow schema class)
    query: object = None             # query-string contract
    answer: object = None            # answer contract; None for non-JSON answers
    status: int = 200
    idempotent: bool = False         # Idempotency-Key header -> request_id argument
    handler: Optional[Callable] = None  # custom handler(gw, request, op, **path); else call_rpc
    conflicts: bool = False          # may answer 409 (the object's state refuses it)
    more_statuses: tuple = ()        # documented statuses beyond the derived ones
    media: str = "application/json"  # of the success answer
    request_media: Optional[dict] = None  # OpenAPI requestBody for non-JSON bodies
    path_params: tuple = field(default=(), init=False)

    @property
    def signed_in(self):
        return self.access != PUBLIC

    def statuses(self):
        """Every status the operation may answer, for the document and the contract test."""
        found = {str(self.status)}
        if self.signed_in:
            found.add("401")
        if self.policy_action:
            found.add("403")
        if self.body is not None or self.request_media:
            found.update(("400", "413", "415", "422"))
        if self.query is not None:
            found.add("422")
        if self.path_params:
            found.add("404")
        if self.conflicts:
            found.add("409")
        if self.rpc is not None:
            found.add("503")
        found.update(self.more_statuses)
        return sorted(found)


def allow(op, principal):
    """The gateway's early 403 from the shared policy; the service decides again."""
    if op.policy_action:
        policy.require(*op.policy_action, principal)


def request_id(request, principal):
    """A client's Idempotency-Key makes its retries safe; without one, each HTTP request gets
    its own key so at least a redelivered RPC cannot act twice."""
    return idempotency_key(principal, request.headers.get("Idempotency-Key"),
                           "Idempotency-Key")


def idempotency_key(principal, key, field_name="Idempotency-Key"):
    key = key or uuid.uuid4().hex
    if len(key) > 64:
        raise validation_error({field_name: "最长 64 字符 / At most 64 characters."})
    return f"{principal['username']}:{key}"


def wire_query(schema, query):
    """The query checked by its contract, sent in the contract's wire form (dates as text,
    `from` not `from_`): JSON over RPC, and what the service loads again."""
    return instance(schema).dump(load_query(schema, query or {}))


def invoke(gw, op, principal, path=(), query=None, body=None, key=None, wired=None):
    """The one way an operation's RPC is asked, by the JSON API (call_rpc) and by the pages:
    early 403, query and body checked by their contracts, then
    ``service.method(*path, [query], [body], principal, [request_id])``. ``wired``: the
    query as ``wire_query`` gave it already (call_rpc checks it before reading the body),
    so it is not loaded and dumped twice."""
    allow(op, principal)
    args = list(path)
    if op.query is not None:
        args.append(wired if wired is not None else wire_query(op.query, query))
    if op.body is not None:
        load_or_error(op.body, body)
        args.append(body)
    args.append(principal)
    if op.idempotent:
        args.append(idempotency_key(principal, key))
    return gw.rpc(*op.rpc, *args)


def call_rpc(gw, request, op, **path):
    """The usual operation: the bearer token's principal and the request's query and JSON body
    handed to invoke; its answer as JSON."""
    principal = gw.principal(request)
    allow(op, principal)
    # a bad query answers before the body is read
    wired = wire_query(op.query, request.args) if op.query is not None else None
    body = read_json(request) if op.body is not None else None
    answer = invoke(gw, op, principal, [path[name] for name in op.path_params],
                    request.args, body, request.headers.get("Idempotency-Key"), wired)
    return json_response(answer, status=op.status)
