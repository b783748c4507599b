"""Every HTTP operation of the gateway, once. Routes, /api/openapi.json and the early 403 are
all produced from this table; access names a rule of weiquan.contracts.policy."""
from weiquan.contracts import commands as cmd
from weiquan.contracts import queries as q
from weiquan.contracts.answers import cases as ca
from weiquan.contracts.answers import common as co
from weiquan.contracts.answers import dispatch as da
from weiquan.contracts.answers import evidence as ea
from weiquan.contracts.answers import ledger as la

from gateway import (operations_legal_aid, operations_logistics, operations_publicity,
                     operations_welfare, operations_work)
from gateway.handlers import auth, clocks, evidence, incidents, ledger, ops
from gateway.operation import PUBLIC, Operation as Op

_UPLOAD_BODY = {
    "required": True,
    "description": "Streamed, any size. Multipart: fields before the `file` part. Raw: "
                   "`?kind=&filename=`; a body shorter than its Content-Length is a 400 "
                   "`length_mismatch`; content must fit the kind (422 `content_mismatch`).",
    "content": {"multipart/form-data": {"schema": {
        "type": "object", "required": ["kind", "file"], "properties": {
            "kind": {"type": "string"}, "source": {"type": "string"},
            "device": {"type": "string"}, "acquired_at": {"type": "string",
                                                          "format": "date-time"},
            "file": {"type": "string", "format": "binary"}}},
        "encoding": {"file": {"contentType": "*/*"}}},
        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}


def _case(method, tail, name, summary, access, body, rpc_method=None):
    """A change to an existing case: intake decides it and answers with the case."""
    return Op(method, f"/api/cases/{{case_no}}{tail}", name, summary, access=("intake", access),
              rpc=("intake", rpc_method or name), body=body, answer=ca.CaseV1, conflicts=True)


OPERATIONS = (
    # ---- ops (the portal's pages, the live board among them: pages/table.py) ---------------
    Op("GET", "/healthz", "healthz", "Liveness", access=PUBLIC, answer=co.HealthV1,
       handler=ops.healthz),
    Op("GET", "/readyz", "readyz", "Readiness: intake, dispatch and evidence answer over RPC "
       "(503 naming the one that does not)", access=PUBLIC, answer=co.ReadyV1,
       handler=ops.readyz, rpc=("intake", "ping")),
    Op("GET", "/metrics", "metrics", "Prometheus metrics", access=PUBLIC, handler=ops.metrics,
       media="text/plain"),
    Op("GET", "/api/openapi.json", "openapi", "This document", access=PUBLIC,
       handler=ops.openapi),
    # ---- who is calling ---------------------------------------------------------------------
    Op("POST", "/api/auth/login", "login", "Log in: a bearer token with the user's roles",
       access=PUBLIC, body=cmd.LoginV1, answer=co.TokenV1, handler=auth.login,
       more_statuses=("401",)),
    Op("GET", "/api/auth/me", "me", "Who am I (the token's claims)",
       answer=co.PrincipalAnswerV1, handler=auth.me),
    # ---- applications and cases (Art. 12-18) ------------------------------------------------
    Op("POST", "/api/applications", "submit_application",
       "Submit a rights-protection application (Art. 12); the committee office keys in "
       "written ones", access=("intake", "submit_application"),
       rpc=("intake", "submit_application"), body=cmd.SubmitApplicationV1,
       answer=ca.SubmittedV1, status=201, idempotent=True, conflicts=True),
    Op("GET", "/api/cases", "list_cases", "List cases: the committee all, others their own; "
       "anti-gang first", access=("intake", "list_cases"), rpc=("intake", "list_cases"),
       query=q.CaseListQueryV1, answer=ca.CaseListV1),
    Op("GET", "/api/cases/{case_no}", "get_case", "Read a case: status, deadlines, timeline",
       access=("intake", "view_case"), rpc=("intake", "get_case"), answer=ca.CaseV1),
    Op("GET", "/api/cases/{case_no}/deadlines/{kind}", "deadline_reckoning",
       "One deadline of a case and the reckoning behind it: every day from its start to the "
       "due day, counted or why not (weekend, holiday, 调休上班); 404 for a kind the case "
       "does not have", access=("intake", "view_case"), rpc=("intake", "deadline_reckoning"),
       answer=ca.DeadlineReckoningV1),
    _case("POST", "/decision", "decide", "Accept or refuse (Art. 14)", "decide", cmd.DecisionV1),
    _case("POST", "/appeal", "appeal", "Appeal a refusal to the higher level (Art. 15)",
          "appeal", cmd.AppealV1),
    _case("POST", "/appeal/outcome", "record_appeal_outcome",
          "Record the higher level's answer to an appeal (Art. 15); overturned: accepted, "
          "30-day reply clock from decided_at", "record_appeal_outcome", cmd.AppealOutcomeV1),
    _case("POST", "/conclusion", "conclude", "Written conclusions (Art. 16)", "conclude",
          cmd.ConclusionV1),
    _case("POST", "/extension", "extend", "Extend the written-reply deadline (Art. 16)",
          "extend", cmd.ExtensionV1),
    _case("POST", "/reexamination", "request_reexamination",
          "Ask the higher level to re-examine the conclusion (Art. 17)",
          "request_reexamination", cmd.ReexaminationV1),
    _case("POST", "/reexamination/outcome", "record_reexamination_outcome",
          "Record the re-examination outcome (Art. 17); the case closes",
          "record_reexamination_outcome", cmd.ReexaminationOutcomeV1),
    _case("POST", "/escalation", "escalate", "Ask the higher level to coordinate (Art. 18)",
          "escalate", cmd.EscalationV1),
    _case("POST", "/escalation/outcome", "record_escalation_outcome",
          "Record the higher level's answer to an escalation (Art. 18)",
          "record_escalation_outcome", cmd.EscalationOutcomeV1),
    Op("POST", "/api/referrals", "refer_case", "Refer a case to the committee (Art. 13 para. 2)",
       access=("intake", "refer_case"), rpc=("intake", "refer_case"), body=cmd.ReferralV1,
       answer=ca.SubmittedV1, status=201, idempotent=True, conflicts=True),
    # ---- statutory clocks and the calendar (Art. 14-16, 34, 36) -----------------------------
    Op("GET", "/api/accountability", "list_accountability",
       "Accountability register (Art. 36): every missed deadline, who held it, how late",
       access=("intake", "list_accountability"), rpc=("intake", "list_accountability"),
       query=q.AccountabilityQueryV1, answer=ca.AccountabilityListV1),
    Op("GET", "/api/notifications", "list_notifications",
       "Reminder digests and alerts for the user or one of their roles",
       access=("intake", "list_notifications"), rpc=("intake", "list_notifications"),
       query=q.NotificationQueryV1, answer=ca.NotificationListV1),
    Op("POST", "/api/calendar/reload", "reload_calendar",
       "Load the administrator's calendar file now; provisional deadlines are recomputed",
       access=("intake", "reload_calendar"), rpc=("intake", "reload_calendar"),
       answer=co.CalendarReloadedV1, handler=clocks.calendar_reload),
    Op("GET", "/api/calendar/due", "calendar_due", "A deadline by the working-day calendar",
       query=q.CalendarDueQueryV1, answer=co.DueV1, handler=clocks.calendar_due),
    # ---- the ledger (Art. 35): cases received from..to (Asia/Shanghai dates, inclusive) -----
    Op("GET", "/api/ledger/stats", "ledger_stats",
       "Ledger statistics (Art. 35): cases received from..to grouped by category, month, "
       "unit, channel, outcome or place; total, open, overdue, concluded per group",
       access=("intake", "view_ledger"), rpc=("intake", "ledger_stats"),
       query=q.LedgerQueryV1, answer=la.LedgerStatsV1, handler=ledger.stats),
    Op("GET", "/api/ledger/cases.csv", "ledger_cases_csv",
       "The ledger's cases as CSV (UTF-8 with BOM, Chinese columns), one row per case counted",
       access=("intake", "view_ledger"), rpc=("intake", "ledger_cases"),
       query=q.LedgerExportQueryV1, handler=ledger.cases_csv, media="text/csv"),
    Op("GET", "/api/ledger/cases.xlsx", "ledger_cases_xlsx",
       "The ledger's cases as an Excel workbook (the CSV's columns)",
       access=("intake", "view_ledger"), rpc=("intake", "ledger_cases"),
       query=q.LedgerExportQueryV1, handler=ledger.cases_xlsx, media=ledger.XLSX),
    Op("GET", "/api/ledger/hotspots", "ledger_hotspots",
       "Ledger hot spots (Art. 35): the top N (place, Asia/Shanghai hour of occurrence, "
       "category) combinations of the cases received from..to",
       access=("intake", "view_patterns"), rpc=("intake", "ledger_hotspots"),
       query=q.LedgerHotspotQueryV1, answer=la.LedgerHotspotsV1),
    Op("GET", "/api/ledger/trends", "ledger_trends",
       "Ledger trends (Art. 35): per category, cases received per month from..to (default "
       "the last twelve months) and the change against the previous period of equal length",
       access=("intake", "view_patterns"), rpc=("intake", "ledger_trends"),
       query=q.LedgerTrendQueryV1, answer=la.LedgerTrendsV1),
    # ---- command center (Art. 13, 20) -------------------------------------------------------
    Op("POST", "/api/incidents", "report_incident", "Report a live incident (Art. 13); intake "
       "opens its case through an event", access=("dispatch", "report_incident"),
       rpc=("dispatch", "report_incident"), body=cmd.ReportIncidentV1,
       answer=da.IncidentReportedV1, status=201, idempotent=True,
       handler=incidents.report_incident),
    Op("GET", "/api/incidents", "list_incidents", "List incidents, open and anti-gang first",
       access=("dispatch", "list_incidents"), rpc=("dispatch", "list_incidents"),
       query=q.IncidentListQueryV1, answer=da.IncidentListV1),
    Op("GET", "/api/incidents/stream", "incident_stream", "Server-sent events: the board "
       "whenever it changes (`data:` JSON); ends after 10 minutes",
       access=("dispatch", "board"), rpc=("dispatch", "board"), query=q.StreamQueryV1,
       handler=incidents.incident_stream, media="text/event-stream"),
    Op("GET", "/api/incidents/{incident_id}", "get_incident",
       "Read an incident with its dispatches", access=("dispatch", "get_incident"),
       rpc=("dispatch", "get_incident"), answer=da.IncidentV1),
    Op("POST", "/api/incidents/{incident_id}/close", "close_incident",
       "Close an incident; its units become available", access=("dispatch", "close_incident"),
       rpc=("dispatch", "close_incident"), answer=da.IncidentV1, conflicts=True),
    Op("POST", "/api/incidents/{incident_id}/dispatch", "dispatch_units",
       "Dispatch available units", access=("dispatch", "dispatch_units"),
       rpc=("dispatch", "dispatch_units"), body=cmd.DispatchUnitsV1, answer=da.DispatchedV1,
       status=201, conflicts=True),
    Op("POST", "/api/dispatches/{dispatch_id}/acknowledge", "acknowledge",
       "Record the unit's acknowledgement", access=("dispatch", "acknowledge"),
       rpc=("dispatch", "acknowledge"), answer=da.DispatchV1, conflicts=True),
    Op("POST", "/api/dispatches/{dispatch_id}/arrive", "arrive", "Record the unit's arrival",
       access=("dispatch", "arrive"), rpc=("dispatch", "arrive"), answer=da.DispatchV1,
       conflicts=True),
    Op("POST", "/api/units", "register_unit", "Register a unit",
       access=("dispatch", "register_unit"), rpc=("dispatch", "register_unit"),
       body=cmd.UnitV1, answer=da.UnitAnswerV1, status=201, conflicts=True),
    Op("GET", "/api/units", "list_units", "List units", access=("dispatch", "list_units"),
       rpc=("dispatch", "list_units"), answer=da.UnitListV1),
    Op("POST", "/api/units/{unit_id}/status", "set_unit_status",
       "Set a unit available or off duty", access=("dispatch", "set_unit_status"),
       rpc=("dispatch", "set_unit_status"), body=cmd.UnitStatusV1, answer=da.UnitAnswerV1,
       conflicts=True),
    Op("POST", "/api/protective-orders", "issue_protective_order",
       "Issue a protective order (Art. 20)", access=("dispatch", "issue_protective_order"),
       rpc=("dispatch", "issue_protective_order"), body=cmd.ProtectiveOrderV1,
       answer=da.ProtectiveOrderAnswerV1, status=201, idempotent=True),
    Op("GET", "/api/protective-orders/{order_id}", "get_protective_order",
       "Read a protective order; the address only for the command center",
       access=("dispatch", "get_protective_order"), rpc=("dispatch", "get_protective_order"),
       answer=da.ProtectiveOrderAnswerV1),
    Op("POST", "/api/protective-orders/{order_id}/extension", "extend_protective_order",
       "Extend an order in force to a later time, with a reason (kept in its history); a "
       "revoked or expired order cannot be extended (409)",
       access=("dispatch", "extend_protective_order"),
       rpc=("dispatch", "extend_protective_order"), body=cmd.ProtectiveOrderExtensionV1,
       answer=da.ProtectiveOrderAnswerV1, conflicts=True),
    Op("POST", "/api/protective-orders/{order_id}/revocation", "revoke_protective_order",
       "Revoke an order in force, with a reason (kept in its history); a revoked or expired "
       "order cannot be revoked (409)", access=("dispatch", "revoke_protective_order"),
       rpc=("dispatch", "revoke_protective_order"), body=cmd.ProtectiveOrderRevocationV1,
       answer=da.ProtectiveOrderAnswerV1, conflicts=True),
    # ---- evidence (Art. 9(1), 9(7), 13) -----------------------------------------------------
    Op("POST", "/api/cases/{case_no}/evidence", "upload_evidence",
       "Upload evidence (streamed; SHA-256 computed, stored object verified)",
       access=("evidence", "upload"), rpc=("evidence", "begin_upload"),
       query=q.UploadQueryV1, answer=ea.EvidenceStoredV1, status=201, handler=evidence.upload,
       request_media=_UPLOAD_BODY, conflicts=True),
    Op("GET", "/api/cases/{case_no}/evidence", "list_case_evidence", "List a case's evidence",
       access=("evidence", "read"), rpc=("evidence", "list_case_evidence"),
       answer=ea.EvidenceListV1),
    Op("POST", "/api/cases/{case_no}/web-captures", "web_capture",
       "Web capture (Art. 9(7)): the captured page as web_capture evidence",
       access=("evidence", "web_capture"), rpc=("evidence", "begin_upload"),
       query=q.CaptureQueryV1, answer=ea.EvidenceStoredV1, status=201,
       handler=evidence.web_capture,
       request_media=_UPLOAD_BODY, conflicts=True),
    Op("GET", "/api/evidence/{evidence_id}", "get_evidence",
       "Evidence metadata and custody chain (oldest first); logs a view",
       access=("evidence", "read"), rpc=("evidence", "get_evidence"), answer=ea.EvidenceV1),
    Op("GET", "/api/evidence/{evidence_id}/download", "download_evidence",
       "Download: 302 to a presigned link valid 5 minutes; logged in custody",
       access=("evidence", "read"), rpc=("evidence", "download_link"), status=302,
       handler=evidence.download, media=None),
    Op("GET", "/api/evidence/{evidence_id}/verify", "verify_custody",
       "Recompute the custody hash chain", access=("evidence", "read"),
       rpc=("evidence", "verify_custody"), answer=ea.CustodyCheckV1),
    Op("POST", "/api/evidence/{evidence_id}/hold", "hold_evidence",
       "Legal hold (and retention), recorded with whether the store enforces it",
       access=("evidence", "hold"), rpc=("evidence", "hold"), body=cmd.HoldV1,
       answer=ea.HoldAppliedV1, more_statuses=("502",)),
    Op("POST", "/api/cases/{case_no}/takedowns", "request_takedown",
       "Request takedown of a harmful post", access=("evidence", "request_takedown"),
       rpc=("evidence", "request_takedown"), body=cmd.TakedownRequestV1, answer=ea.TakedownV1,
       status=201),
    Op("GET", "/api/takedowns/{takedown_id}", "get_takedown",
       "A takedown request and its history", access=("evidence", "read_takedown"),
       rpc=("evidence", "get_takedown"), answer=ea.TakedownV1),
    Op("POST", "/api/takedowns/{takedown_id}/status", "change_takedown",
       "requested -> submitted -> removed | refused", access=("evidence", "change_takedown"),
       rpc=("evidence", "change_takedown"), body=cmd.TakedownStatusV1, answer=ea.TakedownV1,
       conflicts=True),
)
# Each later area keeps its rows in a module of its own, added here.
OPERATIONS = OPERATIONS + operations_work.OPERATIONS + operations_welfare.OPERATIONS + \
    operations_logistics.OPERATIONS + operations_legal_aid.OPERATIONS + \
    operations_publicity.OPERATIONS

BY_NAME = {op.name: op for op in OPERATIONS}
if len(BY_NAME) != len(OPERATIONS):
    raise ValueError("gateway operations: every name must be unique")
