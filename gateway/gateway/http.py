"""JSON in, JSON out, and the contract's error object for every failure."""
import functools
import json
import logging
import time

from werkzeug.wrappers import Response

from weiquan.kit import correlation, metrics
from weiquan.errors import DomainError
from weiquan.kit.errors import AppError, from_domain
from weiquan.kit.wire_json import http_bytes

log = logging.getLogger(__name__)
MAX_JSON_BYTES = 1024 * 1024  # application bodies are small; files go to the evidence route


def json_response(body, status=200, headers=None):
    return Response(http_bytes(body), status=status,
                    mimetype="application/json", headers=headers)


def error_response(exc: AppError):
    answer = exc.to_dict()
    return json_response({"error": answer["error"]}, status=exc.status)


def read_json(request):
    """The body as a dict, or a 4xx naming what is wrong with it."""
    mimetype = (request.mimetype or "").lower()
    if mimetype != "application/json":
        raise AppError("unsupported_media_type", "请求体须为 JSON（Content-Type: application/json）",
                       "Body must be JSON (Content-Type: application/json)", status=415)
    length = request.content_length
    if length is not None and length > MAX_JSON_BYTES:
        raise _too_large()
    raw = request.stream.read(MAX_JSON_BYTES + 1)
    if len(raw) > MAX_JSON_BYTES:
        raise _too_large()
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError) as exc:
        raise AppError("malformed_json", "请求体不是有效的 JSON", f"Body is not valid JSON: {exc}",
                       status=400) from None


def _no_constants(name):
    raise ValueError(f"{name} is not JSON")


def _too_large():
    return AppError("payload_too_large", f"请求体超过 {MAX_JSON_BYTES // 1024} KB 上限",
                    f"Body exceeds the {MAX_JSON_BYTES // 1024} KB limit", status=413)


def answer_request_id(response):
    """The worker's correlation id (the caller's well-formed X-Request-Id, or a new one) in
    the X-Request-Id response header, so a caller can quote it when reporting a problem."""
    cid = correlation.current_id()
    if cid:
        response.headers[correlation.HEADER] = cid
    return response


def endpoint(route):
    """Render AppErrors as the contract's error object and anything unexpected as a logged 500
    (a bug, never a bad input); count and time every request; answer its correlation id."""
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(self, request, *args, **kwargs):
            started = time.perf_counter()
            try:
                response = fn(self, request, *args, **kwargs)
            except AppError as exc:
                response = error_response(exc)
            except DomainError as exc:  # the shared policy's early 403
                response = error_response(from_domain(exc))
            except Exception:
                log.exception("unhandled error on %s %s", request.method, request.path)
                response = json_response({"error": {
                    "code": "internal_error", "message": "服务器内部错误 / Internal server error",
                    "fields": {}}}, status=500)
            answer_request_id(response)
            metrics.HTTP_REQUESTS.labels(request.method, route, str(response.status_code)).inc()
            metrics.HTTP_LATENCY.labels(request.method, route).observe(time.perf_counter() - started)
            return response
        return wrapper
    return decorate
