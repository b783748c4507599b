"""The command center's units: the list with their status, registering one, and setting one
available or off duty (a unit on a task cannot be, dispatch says why)."""
from weiquan.contracts import policy
from weiquan.contracts.codes import UNIT_KINDS

from gateway.labels import UNIT_KIND_LABELS_ZH, UNIT_STATUS_LABELS_ZH
from gateway.pages.forms import fields_of, submit
from gateway.pages.incident_views import unit_row

SETTABLE = ("available", "off_duty")  # cmd.UnitStatusV1
LABELS = {"name": "警力名称", "kind": "警力类别", "status": "初始状态"}
NOTICES = {"registered": "警力已登记。", "status": "警力状态已更新。"}


def units_page(ctx):
    return _units(ctx, {"kind": "", "status": "available"})


def _units(ctx, values, errors=None, message=None, status=200, failed_unit=None):
    units = [unit_row(u) for u in ctx.perform("list_units")["items"]]
    return ctx.render("command_units.html", http_status=status, units=units, values=values,
                      errors=errors or {}, message=message, failed_unit=failed_unit, L=LABELS,
                      may_register=policy.allowed("dispatch", "register_unit", ctx.principal),
                      may_set=policy.allowed("dispatch", "set_unit_status", ctx.principal),
                      may_board=policy.allowed("dispatch", "board", ctx.principal),
                      done=NOTICES.get(ctx.request.args.get("done") or ""),
                      choices={"kind": [(k, UNIT_KIND_LABELS_ZH[k]) for k in UNIT_KINDS],
                               "status": [(s, UNIT_STATUS_LABELS_ZH[s]) for s in SETTABLE]})


def register_submit(ctx):
    form = ctx.request.form
    body = fields_of(form, ("name", "kind", "status"))

    def again(errors, message, status):
        if not errors and "name" in body:  # e.g. the name is taken: said at the name
            errors = {"name": message}
        return _units(ctx, {k: v for k, v in form.items() if k != "csrf"}, errors, message,
                      status)
    return submit(ctx, "register_unit", body=body, again=again,
                  done=lambda answer: "/units?done=registered")


def status_submit(ctx, unit_id):
    body = fields_of(ctx.request.form, ("status",))

    def again(errors, message, status):
        return _units(ctx, {"kind": "", "status": "available"},
                      {"unit_status": errors.get("status") or message}, message, status,
                      failed_unit=unit_id)
    return submit(ctx, "set_unit_status", unit_id, body=body, again=again,
                  done=lambda answer: "/units?done=status")
