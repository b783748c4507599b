"""OpenAPI 3.0 description of the HTTP contract (DESIGN.md), served at /api/openapi.json."""
from weiquan.contracts.codes import (APPLICANT_TYPES, CASE_STATUSES, CATEGORIES, CHANNELS,
                                     DEADLINE_STATES, PERSONNEL_TYPES, RELATIONS)
from weiquan.contracts.codes import APPEAL_OUTCOMES, CONCLUSION_OUTCOMES, REEXAMINATION_OUTCOMES


def _enum(values):
    return {"type": "string", "enum": list(values)}


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema):
    return {"content": {"application/json": {"schema": schema}}}


_ERRORS = {s: {"description": d, **_json(_ref("Error"))} for s, d in {
    "400": "malformed JSON", "401": "not logged in or token expired", "403": "role not allowed",
    "404": "no such case", "409": "conflict with the case's state", "413": "body too large",
    "415": "not JSON", "422": "validation failed; `fields` names each bad field",
    "503": "a service did not answer in time"}.items()}


def _op(summary, roles, body=None, ok=("200", "Case"), params=()):
    op = {"summary": summary, "description": f"Roles: {roles}", "security": [{"bearer": []}],
          "responses": {ok[0]: {"description": "ok", **_json(_ref(ok[1]))}, **_ERRORS}}
    if body:
        op["requestBody"] = {"required": True, **_json(_ref(body))}
    if params:
        op["parameters"] = list(params)
    return op


def _q(name, schema, required=False):
    return {"name": name, "in": "query", "required": required, "schema": schema}


_CASE_NO = {"name": "case_no", "in": "path", "required": True,
            "schema": {"type": "string", "example": "GX-WQ-2026-000123"}}
_DT = {"type": "string", "format": "date-time"}
_DAY_OR_DT = {"type": "string", "description": "YYYY-MM-DD (a Shanghai day) or date-time"}
_STR = {"type": "string"}


def _obj(required, **properties):
    return {"type": "object", "required": list(required), "properties": properties}


# Case lifecycle after acceptance (Art. 15-18): request bodies and the case answer's parts.
_LIFECYCLE_SCHEMAS = {
    "Conclusion": _obj(("findings", "outcome"), findings=_STR,
                       outcome=_enum(CONCLUSION_OUTCOMES)),
    "Extension": _obj(("reason", "new_due"), reason=_STR, new_due={
        **_DAY_OR_DT, "description": "YYYY-MM-DD or date-time; the due becomes the end "
                                     "(23:59:59 +08:00) of that day, a working day later than "
                                     "the current due"}),
    "Reexamination": _obj(("reason",), reason=_STR, requested_at={
        **_DT, "description": "a paper request; never future, not before the conclusion"},
        body={**_STR, "description": "the higher-level body; default 上级公安机关维权组织"}),
    "ReexaminationOutcome": _obj(("reference", "outcome", "decided_at"), reference=_STR,
                                 outcome=_enum(REEXAMINATION_OUTCOMES), decided_at=_DAY_OR_DT,
                                 note=_STR),
    "Escalation": _obj(("reason", "body"), reason=_STR, body=_STR, reference=_STR),
    "EscalationOutcome": _obj(("escalation_id", "reference", "outcome", "answered_at"),
                              escalation_id={"type": "integer", "minimum": 1}, reference=_STR,
                              outcome=_STR, answered_at=_DAY_OR_DT),
    "AppealOutcome": _obj(("reference", "outcome", "decided_at"), reference=_STR,
                          outcome=_enum(APPEAL_OUTCOMES), decided_at=_DAY_OR_DT),
    "Location": _obj(("at", "why"), at=_enum(["committee_office", "higher_level"]),
                     why={**_enum(["appeal", "reexamination", "escalation"]), "nullable": True}),
}

OPENAPI = {
    "openapi": "3.0.3",
    "info": {"title": "weiquan gateway API", "version": "1.0.0",
             "description": "赣县区公安局维护民警执法权威工作系统 / Rights-protection case system"},
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
        "schemas": {
            "Error": {"type": "object", "required": ["error"], "properties": {"error": {
                "type": "object", "required": ["code", "message", "fields"], "properties": {
                    "code": {"type": "string"}, "message": {"type": "string"},
                    "fields": {"type": "object", "additionalProperties": {"type": "string"}}}}}},
            "Login": {"type": "object", "required": ["username", "password"], "properties": {
                "username": {"type": "string"}, "password": {"type": "string"}}},
            "Token": {"type": "object", "properties": {"token": {"type": "string"},
                                                       "roles": {"type": "array",
                                                                 "items": {"type": "string"}}}},
            "Deadline": {"type": "object", "required": ["kind", "due", "provisional", "state"],
                         "properties": {"kind": {"type": "string"}, "due": _DT,
                                        "provisional": {"type": "boolean"},
                                        "state": _enum(DEADLINE_STATES)}},
            "Application": {"type": "object", "required": ["applicant", "officer", "channel",
                                                           "category", "incident"], "properties": {
                "applicant": {"type": "object", "required": ["type", "name"], "properties": {
                    "type": _enum(APPLICANT_TYPES), "name": {"type": "string"},
                    "relation": _enum(RELATIONS), "unit_name": {"type": "string"},
                    "phone": {"type": "string"}}},
                "officer": {"type": "object", "required": ["police_id", "name", "unit",
                                                          "personnel_type"], "properties": {
                    "police_id": {"type": "string"}, "name": {"type": "string"},
                    "unit": {"type": "string"}, "personnel_type": _enum(PERSONNEL_TYPES)}},
                "channel": _enum(CHANNELS), "category": _enum(CATEGORIES),
                "incident": {"type": "object", "required": ["occurred_at", "place", "description"],
                             "properties": {"occurred_at": _DT, "place": {"type": "string"},
                                            "description": {"type": "string"},
                                            "ongoing": {"type": "boolean"},
                                            "off_duty": {"type": "boolean"},
                                            "anti_gang": {"type": "boolean"},
                                            "injury": {"type": "boolean"}}},
                "received_at": {**_DT, "description": "committee office keying in a written "
                                                      "application only; never in the future"}}},
            "Submitted": {"type": "object", "properties": {
                "case_no": {"type": "string"}, "status": _enum(["submitted"]),
                "decision_due": _ref("Deadline")}},
            "Case": {"type": "object", "properties": {
                "case_no": {"type": "string"}, "status": _enum(CASE_STATUSES),
                "category": _enum(CATEGORIES), "channel": _enum(CHANNELS),
                "deadlines": {"type": "array", "items": _ref("Deadline")},
                "decision_due": _ref("Deadline"),
                "timeline": {"type": "array", "items": {"type": "object", "properties": {
                    "at": _DT, "action": {"type": "string"}, "actor": {"type": "string"},
                    "detail": {"type": "object"}}}},
                "work_items": {"type": "array", "items": {"type": "object"}},
                "conclusion": {"type": "object", "nullable": True},
                "reexamination": {"type": "object", "nullable": True},
                "escalations": {"type": "array", "items": {"type": "object"}},
                "location": _ref("Location")}},
            "CaseList": {"type": "object", "properties": {
                "items": {"type": "array", "items": {"type": "object"}},
                "page": {"type": "integer"}, "page_size": {"type": "integer"},
                "total": {"type": "integer"}}},
            "Decision": {"type": "object", "required": ["accept"], "properties": {
                "accept": {"type": "boolean"},
                "reason": {"type": "string", "description": "required when refusing (Art. 14)"},
                "decided_at": {**_DT, "description": "date of a paper decision; never future"}}},
            "Appeal": {"type": "object", "required": ["reason", "answer_received_at"],
                       "properties": {"reason": {"type": "string"},
                                      "answer_received_at": {"type": "string",
                                                             "description": "YYYY-MM-DD or "
                                                                            "date-time"}}},
            "Due": {"type": "object", "properties": {"due": _DT,
                                                     "provisional": {"type": "boolean"}}},
            **_LIFECYCLE_SCHEMAS,
        }},
    "paths": {
        "/api/auth/login": {"post": {"summary": "Log in", "requestBody": {
            "required": True, **_json(_ref("Login"))}, "responses": {
            "200": {"description": "token", **_json(_ref("Token"))}, "401": _ERRORS["401"],
            "422": _ERRORS["422"]}}},
        "/api/applications": {"post": _op(
            "Submit a rights-protection application (Art. 12)",
            "officer, relative, unit_liaison, committee_office (written)", "Application",
            ("201", "Submitted"))},
        "/api/cases": {"get": _op("List cases", "committee roles (all); applicants (own)",
                                  ok=("200", "CaseList"), params=(
            _q("status", _enum(CASE_STATUSES)), _q("category", _enum(CATEGORIES)),
            _q("overdue", {"type": "boolean"}), _q("page", {"type": "integer", "minimum": 1}),
            _q("page_size", {"type": "integer", "minimum": 1, "maximum": 100})))},
        "/api/cases/{case_no}": {"get": _op("Read a case", "applicant, officer concerned, "
                                                           "committee", params=(_CASE_NO,))},
        "/api/cases/{case_no}/decision": {"post": _op(
            "Accept or refuse (Art. 14)", "committee_office", "Decision", params=(_CASE_NO,))},
        "/api/cases/{case_no}/appeal": {"post": _op(
            "Appeal a refusal to the higher level (Art. 15)", "the applicant", "Appeal",
            params=(_CASE_NO,))},
        "/api/cases/{case_no}/appeal/outcome": {"post": _op(
            "Record the higher level's answer to an appeal (Art. 15); overturned: accepted, "
            "30-day reply clock from decided_at", "committee_office", "AppealOutcome",
            params=(_CASE_NO,))},
        "/api/cases/{case_no}/conclusion": {"post": _op(
            "Written conclusions (Art. 16)", "committee_office", "Conclusion",
            params=(_CASE_NO,))},
        "/api/cases/{case_no}/extension": {"post": _op(
            "Extend the written-reply deadline (Art. 16)", "committee_director", "Extension",
            params=(_CASE_NO,))},
        "/api/cases/{case_no}/reexamination": {"post": _op(
            "Ask the higher level to re-examine the conclusion (Art. 17)",
            "the applicant, committee_office", "Reexamination", params=(_CASE_NO,))},
        "/api/cases/{case_no}/reexamination/outcome": {"post": _op(
            "Record the re-examination outcome (Art. 17); the case closes", "committee_office",
            "ReexaminationOutcome", params=(_CASE_NO,))},
        "/api/cases/{case_no}/escalation": {"post": _op(
            "Ask the higher level to coordinate (Art. 18)",
            "committee_office, committee_director", "Escalation", params=(_CASE_NO,))},
        "/api/cases/{case_no}/escalation/outcome": {"post": _op(
            "Record the higher level's answer to an escalation (Art. 18)", "committee roles",
            "EscalationOutcome", params=(_CASE_NO,))},
        "/api/calendar/due": {"get": _op(
            "Deadline by the working-day calendar", "anyone logged in", ok=("200", "Due"),
            params=(_q("from", {"type": "string", "format": "date"}, True),
                    _q("working_days", {"type": "integer", "minimum": 0}),
                    _q("days", {"type": "integer", "minimum": 0})))},
        "/api/auth/me": {"get": {"summary": "Who am I (claims of the token)",
                                 "security": [{"bearer": []}],
                                 "responses": {"200": {"description": "principal"},
                                               "401": _ERRORS["401"]}}},
        "/api/openapi.json": {"get": {"summary": "This document",
                                      "responses": {"200": {"description": "OpenAPI 3"}}}},
        "/healthz": {"get": {"summary": "Liveness", "responses": {"200": {"description": "ok"}}}},
        "/readyz": {"get": {"summary": "Readiness: intake answers over RPC",
                            "responses": {"200": {"description": "ok"},
                                          "503": _ERRORS["503"]}}},
        "/metrics": {"get": {"summary": "Prometheus metrics",
                             "responses": {"200": {"description": "text format"}}}},
    },
}


# ---- command center (dispatch): described in openapi_dispatch.py --------------------------
import sys  # noqa: E402

from gateway import openapi_dispatch  # noqa: E402

openapi_dispatch.extend(OPENAPI, sys.modules[__name__])

# ---- evidence (cyber brigade): described in openapi_evidence.py ----------------------------
from gateway import openapi_evidence  # noqa: E402

openapi_evidence.extend(OPENAPI, sys.modules[__name__])
