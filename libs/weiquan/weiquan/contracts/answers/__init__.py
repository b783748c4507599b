"""Answer contracts (v1): the shapes of what the HTTP API returns, as marshmallow schemas.

They are the source of the OpenAPI document's response schemas (gateway.openapi), and the
in-process and schemathesis tests check real answers against them. Answers may carry more
than a schema lists (additional properties are allowed); what a schema lists has its type."""
from weiquan.contracts.answers.base import Answer  # noqa: F401
