"""Liveness, readiness, metrics, the document."""
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from werkzeug.wrappers import Response

from gateway.http import json_response

SERVICES = ("intake", "dispatch", "evidence", "welfare", "logistics", "legal_aid", "publicity")


def healthz(gw, request, op):
    return json_response({"status": "ok"})


def readyz(gw, request, op):
    """Ready when every service answers over RPC (and so consumes and reaches its DB); a
    service that is missing or slow makes it a 503 naming that service."""
    return json_response({"status": "ok", **{name: gw.rpc(name, "ping") for name in SERVICES}})


def metrics(gw, request, op):
    return Response(generate_latest(), mimetype=CONTENT_TYPE_LATEST.split(";")[0])


def openapi(gw, request, op):
    """Built once per process, in a native thread: apispec's second-long first build would
    otherwise hold the eventlet hub (every request of the gateway waits, and the hub guard
    reports it); later calls answer from the cache."""
    from eventlet import tpool
    from gateway.openapi import document
    return json_response(tpool.execute(document))
