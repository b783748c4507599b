"""The working-day calendar and the statutory clocks' registers."""
from weiquan.contracts.queries import load_query

from gateway.http import json_response
from gateway.operation import allow


def calendar_due(gw, request, op):
    gw.principal(request)
    query = load_query(op.query, request.args)
    calendar = gw.calendar.current()
    if query["reckoning"]:
        if query.get("working_days") is not None:
            reckoned = calendar.reckon_working_days(query["from_"], query["working_days"])
        else:
            reckoned = calendar.reckon_days(query["from_"], query["days"])
        return json_response(reckoned.as_dict())
    if query.get("working_days") is not None:
        due = calendar.add_working_days(query["from_"], query["working_days"])
    else:
        due = calendar.add_days(query["from_"], query["days"])
    return json_response(due.as_dict())


def calendar_reload(gw, request, op):
    principal = gw.principal(request)
    allow(op, principal)
    answer = gw.rpc("intake", "reload_calendar", principal)
    gw.calendar.reload_if_changed(force=True)  # /api/calendar/due here reads it too
    return json_response(answer)
