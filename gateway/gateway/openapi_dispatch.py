"""OpenAPI entries of the command-center routes (incidents, units, dispatch, protective
orders, referrals, the live board), added to gateway.openapi.OPENAPI by ``extend``."""
from weiquan.contracts.codes import (CATEGORIES, INCIDENT_STATUSES, PROTECTED_PERSON_TYPES,
                                     RELATIONS, UNIT_KINDS, UNIT_STATUSES)


def extend(spec, h):
    """``h`` is gateway.openapi: its helpers (_op, _obj, _q, _enum, _ref, ...)."""
    _op, _q, _enum, _ref = h._op, h._q, h._enum, h._ref

    def _obj(required, **properties):  # OpenAPI 3.0 refuses an empty "required" list
        schema = h._obj(required, **properties)
        if not required:
            del schema["required"]
        return schema

    _STR, _DT, _ERRORS = h._STR, h._DT, h._ERRORS
    _BOOL = {"type": "boolean"}
    _ARR = lambda items: {"type": "array", "items": items}  # noqa: E731
    _OFFICER_REF = _obj(("police_id", "name", "unit"), police_id=_STR, name=_STR, unit=_STR)
    _DISPATCH_SCHEMAS = {
        "IncidentReport": _obj(("officers", "place", "description", "category"),
                               officers={**_ARR(_OFFICER_REF), "minItems": 1}, place=_STR,
                               description=_STR, category=_enum(CATEGORIES), ongoing=_BOOL,
                               injury=_BOOL, anti_gang=_BOOL),
        "IncidentReported": _obj(("incident_id", "case_no"), incident_id=_STR, case_no={
            **_STR, "nullable": True, "description": "null only if intake took over 5 s; "
                                                     "GET /api/incidents/{id} shows it later"}),
        "DispatchView": _obj((), dispatch_id=_STR, incident_id=_STR, unit_id=_STR, unit_name=_STR,
                             unit_kind=_enum(UNIT_KINDS), state=_enum(
                                 ["awaiting_ack", "acknowledged", "arrived", "escalated"]),
                             dispatched_at=_DT, acknowledged_at=_DT, arrived_at=_DT,
                             escalated_at=_DT),
        "Incident": _obj((), incident_id=_STR, status=_enum(INCIDENT_STATUSES),
                         case_no={**_STR, "nullable": True}, category=_enum(CATEGORIES),
                         officers=_ARR(_OFFICER_REF), place=_STR, description=_STR,
                         ongoing=_BOOL, injury=_BOOL, anti_gang=_BOOL, off_duty=_BOOL,
                         reported_at=_DT, reported_by=_STR, dispatches=_ARR(_ref("DispatchView"))),
        "IncidentList": _obj((), items=_ARR(_ref("Incident")), page={"type": "integer"},
                             page_size={"type": "integer"}, total={"type": "integer"}),
        "UnitNew": _obj(("name", "kind"), name=_STR, kind=_enum(UNIT_KINDS),
                        status=_enum(["available", "off_duty"])),
        "UnitStatus": _obj(("status",), status=_enum(["available", "off_duty"])),
        "Unit": _obj((), unit_id=_STR, name=_STR, kind=_enum(UNIT_KINDS),
                     status=_enum(UNIT_STATUSES)),
        "UnitList": _obj((), items=_ARR(_ref("Unit"))),
        "DispatchUnits": _obj(("unit_ids",), unit_ids={**_ARR(_STR), "minItems": 1}),
        "Dispatched": _obj((), incident_id=_STR, dispatches=_ARR(_ref("DispatchView"))),
        "ProtectiveOrderNew": _obj(
            ("persons", "measures", "address", "valid_until"),
            persons=_ARR(_obj(("type", "name"), type=_enum(PROTECTED_PERSON_TYPES), name=_STR,
                              police_id=_STR, relation={**_enum(RELATIONS),
                                    "description": "relatives only (Art. 39)"})),
            measures=_ARR(_STR), address=_STR, valid_until=_DT,
            case_no={**_STR, "description": "exactly one of case_no and incident_id"},
            incident_id=_STR),
        "ProtectiveOrder": _obj((), order_id=_STR, case_no={**_STR, "nullable": True},
                                incident_id={**_STR, "nullable": True}, persons=_ARR({}),
                                measures=_ARR(_STR), valid_until=_DT, issued_at=_DT,
                                issued_by=_STR, address={**_STR, "description":
                                                         "command_center only"}),
        "Referral": {**_obj(("officer", "category", "incident"), note=_STR),
                     "description": "an Application without applicant and channel, plus note"},
    }
    spec["components"]["schemas"].update(_DISPATCH_SCHEMAS)
    _ID = lambda name: {"name": name, "in": "path", "required": True,  # noqa: E731
                        "schema": {"type": "string"}}
    _CC, _READ = "command_center", "command_center, committee roles"
    spec["paths"].update({
        "/api/incidents": {
            "post": _op("Report a live incident (Art. 13); intake opens its case through an event",
                        _CC, "IncidentReport", ("201", "IncidentReported")),
            "get": _op("List incidents, open and anti-gang first", _READ,
                       ok=("200", "IncidentList"),
                       params=(_q("status", _enum(INCIDENT_STATUSES)),
                               _q("page", {"type": "integer", "minimum": 1}),
                               _q("page_size", {"type": "integer", "minimum": 1,
                                                "maximum": 100})))},
        "/api/incidents/stream": {"get": {
            "summary": "Server-sent events: the board whenever it changes (`data:` JSON); ends "
                       "after 10 minutes", "description": f"Roles: {_CC}",
            "parameters": [_q("token", _STR)], "responses": {
                "200": {"description": "text/event-stream"}, "401": _ERRORS["401"],
                "403": _ERRORS["403"]}}},
        "/api/incidents/{incident_id}": {"get": _op(
            "Read an incident with its dispatches", _READ, ok=("200", "Incident"),
            params=(_ID("incident_id"),))},
        "/api/incidents/{incident_id}/close": {"post": _op(
            "Close an incident; its units become available", _CC, ok=("200", "Incident"),
            params=(_ID("incident_id"),))},
        "/api/incidents/{incident_id}/dispatch": {"post": _op(
            "Dispatch available units", _CC, "DispatchUnits", ("201", "Dispatched"),
            params=(_ID("incident_id"),))},
        "/api/dispatches/{dispatch_id}/acknowledge": {"post": _op(
            "Record the unit's acknowledgement", _CC, ok=("200", "DispatchView"),
            params=(_ID("dispatch_id"),))},
        "/api/dispatches/{dispatch_id}/arrive": {"post": _op(
            "Record the unit's arrival", _CC, ok=("200", "DispatchView"),
            params=(_ID("dispatch_id"),))},
        "/api/units": {"post": _op("Register a unit", _CC, "UnitNew", ("201", "Unit")),
                       "get": _op("List units", _READ, ok=("200", "UnitList"))},
        "/api/units/{unit_id}/status": {"post": _op(
            "Set a unit available or off duty", _CC, "UnitStatus", ("200", "Unit"),
            params=(_ID("unit_id"),))},
        "/api/protective-orders": {"post": _op(
            "Issue a protective order (Art. 20)", _CC, "ProtectiveOrderNew",
            ("201", "ProtectiveOrder"))},
        "/api/protective-orders/{order_id}": {"get": _op(
            "Read a protective order; the address only for the command center", _READ,
            ok=("200", "ProtectiveOrder"), params=(_ID("order_id"),))},
        "/api/referrals": {"post": _op(
            "Refer a case to the committee (Art. 13 para. 2)",
            "command_center, political_work, logistics, legal_affairs, cyber_brigade, publicity",
            "Referral", ("201", "Submitted"))},
        "/board": {"get": {"summary": "Live incident board page (command center)",
                           "responses": {"200": {"description": "text/html"}}}},
    })
