"""/api/openapi.json, produced from the operation table and the shared contracts (apispec
with its marshmallow plugin): request bodies, query parameters and answers are the very
schemas both ends validate with, so the document cannot drift from the code."""
import functools

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from weiquan.contracts import policy
from weiquan.contracts.answers.common import ErrorV1
from weiquan.contracts.fields_ext import LocalDateOrDateTime
from weiquan.contracts.queries import QueryFlag

from gateway.operation import PUBLIC

TITLE = "weiquan gateway API"
DESCRIPTION = "赣县区公安局维护民警执法权威工作系统 / Rights-protection case system"
_ERROR_TEXT = {
    "400": "malformed body", "401": "not logged in or token expired",
    "403": "role or scope not allowed", "404": "no such object", "409": "the object's state "
    "refuses it", "413": "body too large", "415": "wrong content type", "422": "validation "
    "failed; `fields` names each bad field", "502": "the object store refused",
    "503": "a service did not answer in time or is not running"}


def _name(schema):
    cls = schema if isinstance(schema, type) else type(schema)
    return cls.__name__


def _who(op):
    if op.access == PUBLIC:
        return "anyone"
    if op.policy_action is None:
        return "anyone logged in"
    return ", ".join(policy.rule(*op.policy_action).roles)


def _operation(op):
    spec = {"operationId": op.name, "summary": op.summary,
            "description": f"Roles: {_who(op)}" + (
                f" (rule {'.'.join(op.policy_action)})" if op.policy_action else ""),
            "responses": {}}
    if op.signed_in:
        spec["security"] = [{"bearer": []}]
    params = [{"name": p, "in": "path", "required": True, "schema": {"type": "string"}}
              for p in op.path_params]
    if op.query is not None:
        params.append({"in": "query", "schema": op.query})
    if params:
        spec["parameters"] = params
    if op.body is not None:
        spec["requestBody"] = {"required": True,
                               "content": {"application/json": {"schema": op.body}}}
    elif op.request_media:
        spec["requestBody"] = op.request_media
    for status in op.statuses():
        if status == str(op.status):
            answer = {"description": "ok"}
            if op.answer is not None:
                answer["content"] = {op.media: {"schema": op.answer}}
            elif op.media and op.media != "application/json":
                answer["content"] = {op.media: {"schema": {"type": "string"}}}
            if op.status == 302:
                answer["headers"] = {"Location": {"schema": {"type": "string"},
                                                  "description": "presigned URL"}}
            spec["responses"][status] = answer
        else:
            spec["responses"][status] = {"description": _ERROR_TEXT[status],
                                         "content": {"application/json": {"schema": ErrorV1}}}
    return spec


@functools.lru_cache(maxsize=1)
def document():
    from gateway.operations import OPERATIONS
    plugin = MarshmallowPlugin()
    spec = APISpec(title=TITLE, version="1.0.0", openapi_version="3.0.3",
                   info={"description": DESCRIPTION}, plugins=[plugin])
    plugin.map_to_openapi_type(LocalDateOrDateTime, "string", None)
    plugin.map_to_openapi_type(QueryFlag, "boolean", None)
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer",
                                               "bearerFormat": "JWT"})
    paths = {}
    for op in OPERATIONS:
        paths.setdefault(op.path, {})[op.method.lower()] = _operation(op)
    for path, operations in paths.items():
        spec.path(path=path, operations=operations)
    return spec.to_dict()
