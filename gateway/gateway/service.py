"""The one HTTP entry. It authenticates, validates with the shared contracts, and asks the
owning service over RPC; it never touches another service's database."""
import logging
import uuid
from datetime import date

from nameko.rpc import RpcProxy
from nameko.web.handlers import http
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from werkzeug.wrappers import Response

from weiquan.calendar.watch import CalendarReloader
from weiquan.config import env
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import AppealV1, DecisionV1, SubmitApplicationV1
from weiquan.contracts.commands import (AppealOutcomeV1, ConclusionV1, EscalationOutcomeV1,
                                       EscalationV1, ExtensionV1, ReexaminationOutcomeV1,
                                       ReexaminationV1)
from weiquan.contracts.codes import APPLICANT_ROLES, COMMITTEE_ROLES
from weiquan.kit.errors import AppError, validation_error
from weiquan.kit.nameko_deps import Database
from weiquan.kit.rpc import call

from gateway import auth
from gateway.http import (bool_param, endpoint, int_param, json_response, page_params,
                          read_json)
from gateway.models import metadata
from gateway.openapi import OPENAPI
from gateway.portal import PORTAL_HTML
from gateway.routes_dispatch import DispatchRoutes
from gateway.routes_evidence import EvidenceRoutes
from gateway.tokens import TokenSecret

log = logging.getLogger(__name__)
_calendar = CalendarReloader()  # picks up the administrator's edits to the calendar file
ANY = "GET,POST,PUT,PATCH,DELETE"


class GatewayService(DispatchRoutes, EvidenceRoutes):
    name = "gateway"

    intake = RpcProxy("intake")
    db = Database(metadata, "gateway")

    secret = TokenSecret()
    rpc_timeout = float(env("RPC_TIMEOUT", "10"))

    def _rpc(self, service, method, *args):
        """Ask a service over RPC with the gateway's timeout; unwrap its answer or error."""
        return call(getattr(getattr(self, service), method), *args, timeout=self.rpc_timeout,
                    service=service)

    def _intake(self, method, *args):
        return self._rpc("intake", method, *args)

    def _principal(self, request):
        return auth.principal_of(request, self.secret)

    # ---- ops -------------------------------------------------------------------------
    @http("GET", "/healthz")
    @endpoint("/healthz")
    def healthz(self, request):
        return json_response({"status": "ok"})

    @http("GET", "/readyz")
    @endpoint("/readyz")
    def readyz(self, request):
        """Ready when every service answers over RPC (and so consumes and reaches its DB)."""
        return json_response({"status": "ok", **{name: self._rpc(name, "ping")
                                                 for name in ("intake", "dispatch", "evidence")}})

    @http("GET", "/metrics")
    def metrics(self, request):
        return Response(generate_latest(), mimetype=CONTENT_TYPE_LATEST.split(";")[0])

    @http("GET", "/api/openapi.json")
    @endpoint("/api/openapi.json")
    def openapi(self, request):
        return json_response(OPENAPI)

    @http("GET", "/")
    def portal(self, request):
        return Response(PORTAL_HTML, mimetype="text/html")

    # ---- auth ------------------------------------------------------------------------
    @http("POST", "/api/auth/login")
    @endpoint("/api/auth/login")
    def login(self, request):
        body = read_json(request)
        if not isinstance(body, dict):
            raise validation_error({"_body": "请求体应为 JSON 对象 / Body must be a JSON object."})
        missing = {f: "缺少必填字段 / Missing required field." for f in ("username", "password")
                   if not isinstance(body.get(f), str) or not body.get(f)}
        if missing:
            raise validation_error(missing)
        with self.db.session() as session:
            token, roles = auth.login(session, body["username"], body["password"], self.secret)
        return json_response({"token": token, "roles": roles})

    @http("GET", "/api/auth/me")
    @endpoint("/api/auth/me")
    def me(self, request):
        return json_response(self._principal(request))

    # ---- applications and cases -----------------------------------------------------
    @http("POST", "/api/applications")
    @endpoint("/api/applications")
    def submit_application(self, request):
        principal = self._principal(request)
        auth.require_role(principal, APPLICANT_ROLES + ("committee_office",))
        body = read_json(request)
        load_or_error(SubmitApplicationV1, body)
        # A client's Idempotency-Key makes its retries safe; without one, each HTTP request
        # gets its own key so at least a redelivered RPC cannot file the case twice.
        key = request.headers.get("Idempotency-Key") or uuid.uuid4().hex
        if len(key) > 64:
            raise validation_error({"Idempotency-Key": "最长 64 字符 / At most 64 characters."})
        request_id = f"{principal['username']}:{key}"
        return json_response(self._intake("submit_application", body, principal, request_id),
                             status=201)

    @http("GET", "/api/cases")
    @endpoint("/api/cases")
    def list_cases(self, request):
        principal = self._principal(request)
        args = request.args
        filters = {"status": args.get("status") or None, "category": args.get("category") or None,
                   "overdue": bool_param(args, "overdue"), **page_params(args)}
        return json_response(self._intake("list_cases", filters, principal))

    @http("GET", "/api/cases/<string:case_no>")
    @endpoint("/api/cases/{case_no}")
    def get_case(self, request, case_no):
        principal = self._principal(request)
        return json_response(self._intake("get_case", case_no, principal))

    @http("POST", "/api/cases/<string:case_no>/decision")
    @endpoint("/api/cases/{case_no}/decision")
    def decide(self, request, case_no):
        principal = self._principal(request)
        auth.require_role(principal, ("committee_office",))
        body = read_json(request)
        load_or_error(DecisionV1, body)
        return json_response(self._intake("decide", case_no, body, principal))

    @http("POST", "/api/cases/<string:case_no>/appeal")
    @endpoint("/api/cases/{case_no}/appeal")
    def appeal(self, request, case_no):
        principal = self._principal(request)
        auth.require_role(principal, APPLICANT_ROLES + ("committee_office",))
        body = read_json(request)
        load_or_error(AppealV1, body)
        return json_response(self._intake("appeal", case_no, body, principal))

    # ---- case lifecycle after acceptance (Art. 15-18) -----------------------------------
    def _case_change(self, request, case_no, roles, schema, method):
        """Role check, body validated by the shared contract, then intake decides."""
        principal = self._principal(request)
        auth.require_role(principal, roles)
        body = read_json(request)
        load_or_error(schema, body)
        return json_response(self._intake(method, case_no, body, principal))

    @http("POST", "/api/cases/<string:case_no>/conclusion")
    @endpoint("/api/cases/{case_no}/conclusion")
    def conclude(self, request, case_no):
        return self._case_change(request, case_no, ("committee_office",), ConclusionV1,
                                 "conclude")

    @http("POST", "/api/cases/<string:case_no>/extension")
    @endpoint("/api/cases/{case_no}/extension")
    def extend(self, request, case_no):
        return self._case_change(request, case_no, ("committee_director",), ExtensionV1,
                                 "extend")

    @http("POST", "/api/cases/<string:case_no>/reexamination")
    @endpoint("/api/cases/{case_no}/reexamination")
    def request_reexamination(self, request, case_no):
        return self._case_change(request, case_no, APPLICANT_ROLES + ("committee_office",),
                                 ReexaminationV1, "request_reexamination")

    @http("POST", "/api/cases/<string:case_no>/reexamination/outcome")
    @endpoint("/api/cases/{case_no}/reexamination/outcome")
    def record_reexamination_outcome(self, request, case_no):
        return self._case_change(request, case_no, ("committee_office",),
                                 ReexaminationOutcomeV1, "record_reexamination_outcome")

    @http("POST", "/api/cases/<string:case_no>/escalation")
    @endpoint("/api/cases/{case_no}/escalation")
    def escalate(self, request, case_no):
        return self._case_change(request, case_no, ("committee_office", "committee_director"),
                                 EscalationV1, "escalate")

    @http("POST", "/api/cases/<string:case_no>/escalation/outcome")
    @endpoint("/api/cases/{case_no}/escalation/outcome")
    def record_escalation_outcome(self, request, case_no):
        return self._case_change(request, case_no, COMMITTEE_ROLES, EscalationOutcomeV1,
                                 "record_escalation_outcome")

    @http("POST", "/api/cases/<string:case_no>/appeal/outcome")
    @endpoint("/api/cases/{case_no}/appeal/outcome")
    def record_appeal_outcome(self, request, case_no):
        return self._case_change(request, case_no, ("committee_office",), AppealOutcomeV1,
                                 "record_appeal_outcome")

    # ---- statutory clocks ------------------------------------------------------------
    @http("GET", "/api/accountability")
    @endpoint("/api/accountability")
    def accountability(self, request):
        principal = self._principal(request)
        auth.require_role(principal, COMMITTEE_ROLES)
        args = request.args
        filters = {"case_no": args.get("case_no") or None, **page_params(args, 50, 200)}
        return json_response(self._intake("list_accountability", filters, principal))

    @http("GET", "/api/notifications")
    @endpoint("/api/notifications")
    def notifications(self, request):
        principal = self._principal(request)
        limit = int_param(request.args, "limit", 50, 1, 200)
        return json_response(self._intake("list_notifications", principal, limit))

    @http("POST", "/api/calendar/reload")
    @endpoint("/api/calendar/reload")
    def calendar_reload(self, request):
        principal = self._principal(request)
        auth.require_role(principal, ("committee_director", "ops"))
        answer = self._intake("reload_calendar", principal)
        _calendar.reload_if_changed(force=True)  # /api/calendar/due here reads it too
        return json_response(answer)

    # ---- calendar ----------------------------------------------------------------------
    @http("GET", "/api/calendar/due")
    @endpoint("/api/calendar/due")
    def calendar_due(self, request):
        self._principal(request)
        args = request.args
        try:
            start = date.fromisoformat(args.get("from", ""))
        except ValueError:
            raise validation_error({"from": "应为日期 YYYY-MM-DD / Must be a date YYYY-MM-DD."}) \
                from None
        has_wd, has_d = args.get("working_days") is not None, args.get("days") is not None
        if has_wd == has_d:
            raise validation_error({"working_days": "须且只能提供 working_days 或 days 之一 / "
                                                    "Give exactly one of working_days or days."})
        calendar, _ = _calendar.reload_if_changed()
        if has_wd:
            due = calendar.add_working_days(start, int_param(args, "working_days", 0, 0, 3650))
        else:
            due = calendar.add_days(start, int_param(args, "days", 0, 0, 3650))
        return json_response(due.as_dict())

    @http(ANY, "/api/<path:rest>")
    @endpoint("/api/*")
    def unknown(self, request, rest):
        raise AppError("not_found", f"接口不存在: /api/{rest}", f"No such endpoint: /api/{rest}",
                       status=404)


