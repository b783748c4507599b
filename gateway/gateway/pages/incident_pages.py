"""Live incidents (Art. 13): the list with the report form, one incident with its dispatches,
and the command center's steps on it (dispatch units, the unit's acknowledgement and arrival,
close). Every step is the JSON API's operation, asked through ctx.perform."""
import uuid

from weiquan.contracts import policy
from weiquan.kit.errors import AppError

from gateway.pages import incident_form as form_of
from gateway.pages.forms import submit
from gateway.pages.incident_views import incident_row, unit_row

PAGE_SIZE = 50
NOTICES = {
    "reported": ("警情已上报。", "The incident was reported."),
    "dispatched": ("已派警，等待警力确认接警。", "Units dispatched; awaiting acknowledgement."),
    "acknowledged": ("已确认接警。", "Acknowledgement recorded."),
    "arrived": ("已记录到达现场。", "Arrival recorded."),
    "closed": ("警情已结束，警力恢复可调派。", "Incident closed; its units are available."),
}


def can(ctx, action):
    return policy.allowed("dispatch", action, ctx.principal)


def _page_number(ctx):
    text = ctx.request.args.get("page") or "1"
    return text if text.isdigit() and 0 < int(text) <= 100000 else "1"


def incidents_page(ctx):
    values = {"officers.0.name": "", "category": "", "idem": uuid.uuid4().hex,
              **{f"officers.{i}.personnel_type": "regular" for i in range(form_of.SLOTS)}}
    return _incidents(ctx, values)


def _incidents(ctx, values, errors=None, message=None, status=200):
    shown = ctx.request.args.get("status") or ""
    query = {"page": _page_number(ctx), "page_size": str(PAGE_SIZE)}
    if shown in ("open", "closed"):
        query["status"] = shown
    answer = ctx.perform("list_incidents", query=query)
    page, total = answer.get("page", 1), answer.get("total", 0)
    errors = errors or {}
    known = {f"officers.{i}.{n}" for i in range(form_of.SLOTS)
             for n in (*form_of.OFFICER_FIELDS, "personnel_type")}
    known |= {"officers", "category", "place", "description", *form_of.INCIDENT_FLAGS}
    return ctx.render("command_incidents.html", http_status=status,
                      incidents=[incident_row(i) for i in answer["items"]], shown=shown,
                      page=page, total=total, more=page * PAGE_SIZE < total,
                      can_report=can(ctx, "report_incident"), can_board=can(ctx, "board"),
                      values=values, errors=errors,
                      message=message, L=form_of.LABELS, label_of=form_of.label_of,
                      slots=range(form_of.SLOTS),
                      choices=form_of.incident_choices(),
                      other_errors={k: v for k, v in errors.items() if k not in known})


def report_submit(ctx):
    form = ctx.request.form
    body, slots = form_of.incident_body(form)

    def again(errors, message, status):
        values = {k: v for k, v in form.items() if k != "csrf"}
        values["idem"] = uuid.uuid4().hex  # the corrected form is a new report
        return _incidents(ctx, values, form_of.renumber(errors, "officers", slots), message,
                          status)
    return submit(ctx, "report_incident", body=body, key=form.get("idem"), again=again,
                  done=lambda answer: f"/incidents/{answer['incident_id']}?done=reported")


def incident_page(ctx, incident_id, errors=None, message=None, status=200):
    incident = incident_row(ctx.perform("get_incident", incident_id))
    units = []
    may_dispatch = incident["open"] and can(ctx, "dispatch_units")
    if may_dispatch:
        units = [unit_row(u) for u in ctx.perform("list_units")["items"]]
    done = NOTICES.get(ctx.request.args.get("done") or "")
    return ctx.render("command_incident.html", http_status=status,
                      title=f"警情 {incident['reported_at']} {incident['place']}",
                      incident=incident, units=[u for u in units if u["available"]],
                      busy_units=[u for u in units if not u["available"]],
                      may_dispatch=may_dispatch, may_step=can(ctx, "acknowledge"),
                      may_close=incident["open"] and can(ctx, "close_incident"),
                      may_order=can(ctx, "issue_protective_order"),
                      may_board=can(ctx, "board"), done=done,
                      errors=errors or {}, message=message, L=form_of.LABELS)


def dispatch_submit(ctx, incident_id):
    chosen = ctx.request.form.getlist("unit_ids")

    def again(errors, message, status):
        at_units = [text for name, text in errors.items() if name.startswith("unit_ids")]
        return incident_page(ctx, incident_id, {"unit_ids": "；".join(at_units) or message},
                             message, status)
    return submit(ctx, "dispatch_units", incident_id, body={"unit_ids": chosen}, again=again,
                  done=lambda answer: f"/incidents/{incident_id}?done=dispatched")


def _step(op_name, done):
    """A step on one dispatch (acknowledge, arrive): back to its incident."""
    def handler(ctx, dispatch_id):
        back = ctx.request.form.get("incident_id") or ""

        def again(errors, message, status):
            if not back:  # a form from elsewhere: the refusal on the error page
                zh, _, en = message.partition(" / ")
                raise AppError("conflict", zh, en, status=status)
            return incident_page(ctx, back, errors, message, status)
        return submit(ctx, op_name, dispatch_id, again=again,
                      done=lambda answer: f"/incidents/{answer['incident_id']}?done={done}")
    handler.__name__ = f"{op_name}_submit"
    return handler


acknowledge_submit = _step("acknowledge", "acknowledged")
arrive_submit = _step("arrive", "arrived")


def close_submit(ctx, incident_id):
    return submit(ctx, "close_incident", incident_id,
                  again=lambda errors, message, status: incident_page(
                      ctx, incident_id, errors, message, status),
                  done=lambda answer: f"/incidents/{incident_id}?done=closed")
