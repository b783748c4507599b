"""The internal upload endpoint's HTTP side: only the gateway calls it, with the principal
signed (kit.internal_auth); every answer is JSON in the contract's shape, errors rendered once
(domain errors through kit.errors.from_domain)."""
import json

from werkzeug.wrappers import Response

from weiquan.errors import DomainError
from weiquan.kit import internal_auth
from weiquan.kit.errors import AppError, failure, from_domain


def _json(body, status):
    return Response(json.dumps(body, ensure_ascii=False), status=status,
                    mimetype="application/json")


def _error(error):
    return _json({"error": error.to_dict()["error"]}, error.status)


def receive(request, upload_id, secret, accept):
    """201 with ``accept(claims, stream)``'s body for a request signed for this upload;
    the contract's error object otherwise."""
    try:
        claims = internal_auth.verify(request.headers.get(internal_auth.HEADER), secret)
    except internal_auth.InvalidSignature as exc:
        return _error(failure("unauthorized", 401, reason="bad_signature", problem=str(exc)))
    if claims.get("upload_id") != upload_id:
        return _error(failure("unauthorized", 401, reason="signature_for_other_upload"))
    try:
        body = accept(claims, request.environ["wsgi.input"])
    except DomainError as exc:
        return _error(from_domain(exc))
    except AppError as exc:
        return _error(exc)
    return _json(body, 201)
