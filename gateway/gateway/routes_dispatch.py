"""Command-center routes: incidents, units, dispatch, protective orders, referrals, and the
live board with its server-sent-event stream. Mixed into GatewayService (``_principal``,
``_intake``, ``secret``, ``rpc_timeout``)."""
import json
import time
import uuid

import eventlet
import jwt
from nameko.rpc import RpcProxy
from nameko.web.handlers import http
from werkzeug.wrappers import Response

from weiquan.contracts.base import load_or_error
from weiquan.contracts.codes import COMMITTEE_ROLES, DEPARTMENT_ROLES
from weiquan.contracts.commands import (DispatchUnitsV1, ProtectiveOrderV1, ReferralV1,
                                       ReportIncidentV1, UnitStatusV1, UnitV1)
from weiquan.kit.errors import AppError, validation_error
from weiquan.kit.rpc import call

from gateway import auth, tokens
from gateway.board_page import BOARD_HTML
from gateway.http import endpoint, json_response, page_params, read_json

CC = ("command_center",)
READERS = CC + COMMITTEE_ROLES
CASE_WAIT = 5.0         # seconds to wait for intake to open an incident's case (ms usually)
STREAM_SECONDS = 600    # an SSE stream ends after 10 minutes; EventSource reconnects
STREAM_POLL = 1.0
KEEPALIVE = 15


def _request_id(request, principal):
    key = request.headers.get("Idempotency-Key") or uuid.uuid4().hex
    if len(key) > 64:
        raise validation_error({"Idempotency-Key": "最长 64 字符 / At most 64 characters."})
    return f"{principal['username']}:{key}"


class DispatchRoutes:
    dispatch = RpcProxy("dispatch")

    def _dispatch(self, method, *args):
        return call(getattr(self.dispatch, method), *args, timeout=self.rpc_timeout,
                    service="dispatch")

    def _body(self, request, roles, schema):
        principal = self._principal(request)
        auth.require_role(principal, roles)
        body = read_json(request)
        load_or_error(schema, body)
        return principal, body

    # ---- incidents (Art. 13) -------------------------------------------------------------
    @http("POST", "/api/incidents")
    @endpoint("/api/incidents")
    def report_incident(self, request):
        principal, body = self._body(request, CC, ReportIncidentV1)
        answer = self._dispatch("report_incident", body, principal,
                                _request_id(request, principal))
        if answer["case_no"] is None:
            answer["case_no"] = self._wait_for_case(answer["incident_id"], principal)
        return json_response(answer, status=201)

    def _wait_for_case(self, incident_id, principal):
        """intake opens the case from the incident_reported event: milliseconds, normally."""
        deadline, pause = time.monotonic() + CASE_WAIT, 0.02
        while True:
            try:
                return self._intake("case_for_incident", incident_id, principal)["case_no"]
            except AppError as exc:
                if exc.status != 404 or time.monotonic() + pause > deadline:
                    return None  # the case follows; GET /api/incidents/{id} shows it
            eventlet.sleep(pause)
            pause = min(pause * 2, 0.25)

    @http("GET", "/api/incidents")
    @endpoint("/api/incidents")
    def list_incidents(self, request):
        principal = self._principal(request)
        auth.require_role(principal, READERS)
        args = request.args
        filters = {"status": args.get("status") or None, **page_params(args)}
        return json_response(self._dispatch("list_incidents", filters, principal))

    @http("GET", "/api/incidents/<string:incident_id>")
    @endpoint("/api/incidents/{incident_id}")
    def get_incident(self, request, incident_id):
        principal = self._principal(request)
        auth.require_role(principal, READERS)
        return json_response(self._dispatch("get_incident", incident_id, principal))

    @http("POST", "/api/incidents/<string:incident_id>/close")
    @endpoint("/api/incidents/{incident_id}/close")
    def close_incident(self, request, incident_id):
        principal = self._principal(request)
        auth.require_role(principal, CC)
        return json_response(self._dispatch("close_incident", incident_id, principal))

    @http("POST", "/api/incidents/<string:incident_id>/dispatch")
    @endpoint("/api/incidents/{incident_id}/dispatch")
    def dispatch_units(self, request, incident_id):
        principal, body = self._body(request, CC, DispatchUnitsV1)
        return json_response(self._dispatch("dispatch_units", incident_id, body, principal),
                             status=201)

    @http("POST", "/api/dispatches/<string:dispatch_id>/acknowledge")
    @endpoint("/api/dispatches/{dispatch_id}/acknowledge")
    def acknowledge(self, request, dispatch_id):
        principal = self._principal(request)
        auth.require_role(principal, CC)
        return json_response(self._dispatch("acknowledge", dispatch_id, principal))

    @http("POST", "/api/dispatches/<string:dispatch_id>/arrive")
    @endpoint("/api/dispatches/{dispatch_id}/arrive")
    def arrive(self, request, dispatch_id):
        principal = self._principal(request)
        auth.require_role(principal, CC)
        return json_response(self._dispatch("arrive", dispatch_id, principal))

    # ---- units -----------------------------------------------------------------------------
    @http("POST", "/api/units")
    @endpoint("/api/units")
    def register_unit(self, request):
        principal, body = self._body(request, CC, UnitV1)
        return json_response(self._dispatch("register_unit", body, principal), status=201)

    @http("GET", "/api/units")
    @endpoint("/api/units")
    def list_units(self, request):
        principal = self._principal(request)
        auth.require_role(principal, READERS)
        return json_response(self._dispatch("list_units", principal))

    @http("POST", "/api/units/<string:unit_id>/status")
    @endpoint("/api/units/{unit_id}/status")
    def set_unit_status(self, request, unit_id):
        principal, body = self._body(request, CC, UnitStatusV1)
        return json_response(self._dispatch("set_unit_status", unit_id, body, principal))

    # ---- protective orders (Art. 20) and referrals (Art. 13 para. 2) --------------------------
    @http("POST", "/api/protective-orders")
    @endpoint("/api/protective-orders")
    def issue_protective_order(self, request):
        principal, body = self._body(request, CC, ProtectiveOrderV1)
        return json_response(self._dispatch("issue_protective_order", body, principal),
                             status=201)

    @http("GET", "/api/protective-orders/<string:order_id>")
    @endpoint("/api/protective-orders/{order_id}")
    def get_protective_order(self, request, order_id):
        principal = self._principal(request)
        auth.require_role(principal, READERS)
        return json_response(self._dispatch("get_protective_order", order_id, principal))

    @http("POST", "/api/referrals")
    @endpoint("/api/referrals")
    def refer_case(self, request):
        principal, body = self._body(request, DEPARTMENT_ROLES, ReferralV1)
        return json_response(self._intake("refer_case", body, principal,
                                          _request_id(request, principal)), status=201)

    # ---- live board ------------------------------------------------------------------------
    @http("GET", "/board")
    def board_page(self, request):
        return Response(BOARD_HTML, mimetype="text/html")

    @http("GET", "/api/incidents/stream")
    @endpoint("/api/incidents/stream")
    def incident_stream(self, request):
        """Server-sent events: the board whenever it changed (polled once a second)."""
        token = request.args.get("token")
        if token:
            try:
                principal = tokens.read(token, self.secret)
            except jwt.InvalidTokenError:
                raise auth.unauthorized("令牌无效或已过期", "Invalid or expired token") from None
        else:
            principal = self._principal(request)
        auth.require_role(principal, CC)
        first = self._dispatch("board", principal)  # a 4xx or 503 now, not inside the stream
        board, timeout = self.dispatch.board, self.rpc_timeout
        request.environ["eventlet.minimum_write_chunk_size"] = 0  # flush every event

        def events():
            snapshot, last, quiet = first, None, 0
            ends = time.monotonic() + STREAM_SECONDS
            yield "retry: 2000\n\n"
            while time.monotonic() < ends:
                text = json.dumps(snapshot, ensure_ascii=False, sort_keys=True)
                if text != last:
                    last, quiet = text, 0
                    yield f"data: {text}\n\n"
                elif quiet >= KEEPALIVE:
                    quiet = 0
                    yield ": keepalive\n\n"
                eventlet.sleep(STREAM_POLL)
                quiet += STREAM_POLL
                try:
                    snapshot = call(board, principal, timeout=timeout, service="dispatch")
                except AppError:
                    pass  # dispatch busy or away: keep the last board, try again
        return Response(events(), mimetype="text/event-stream",
                        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
