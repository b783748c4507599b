"""What the command center may do and what it becomes. Pure: time, ids and loaded objects
are passed in, so every rule is tested without a broker or a database."""
from datetime import timedelta

from weiquan.contracts.codes import COMMITTEE_ROLES
from weiquan.kit.errors import AppError, conflict, forbidden, validation_error

from dispatch.domain.model import Dispatch, Incident, ProtectiveOrder, Unit

COMMAND_CENTER = "command_center"
READERS = (COMMAND_CENTER,) + COMMITTEE_ROLES   # the committee follows what happens (Art. 13)


def _roles(principal):
    return set(principal["roles"])


def require_command_center(principal):
    if COMMAND_CENTER not in _roles(principal):
        raise forbidden("仅指挥中心可执行此操作", "Only the command center may do this")


def require_reader(principal):
    if not _roles(principal) & set(READERS):
        raise forbidden("仅指挥中心和维权委可查看警情", "Only the command center and the "
                                                     "committee see incidents")


def can_see_address(principal):
    """Art. 20: the protected address is for the command center alone."""
    return COMMAND_CENTER in _roles(principal)


def report_incident(incident_id, cmd, principal, now):
    require_command_center(principal)
    flags = {k: bool(cmd.get(k, False)) for k in ("ongoing", "injury", "anti_gang")}
    flags["off_duty"] = False
    return Incident(id=incident_id, officers=[dict(o) for o in cmd["officers"]],
                    place=cmd["place"], description=cmd["description"],
                    category=cmd["category"], flags=flags, reported_at=now,
                    reported_by=principal["username"])


def new_unit(unit_id, cmd, principal):
    require_command_center(principal)
    return Unit(id=unit_id, name=cmd["name"].strip(), kind=cmd["kind"],
                status=cmd.get("status") or "available")


def set_unit_status(unit, status, principal):
    require_command_center(principal)
    if unit.status in ("dispatched", "on_scene"):
        raise conflict("unit_busy", f"警力正在执行任务（{unit.status}），不能改为 {status}",
                       f"The unit is on a task ({unit.status}); cannot set {status}",
                       unit_status=unit.status)
    unit.status = status
    return unit


def dispatch_units(incident, unit_ids, units, principal, now, new_id):
    """Send units to an open incident; each must exist and be available."""
    require_command_center(principal)
    if incident.status != "open":
        raise conflict("incident_closed", "警情已结束，不能再派警",
                       "The incident is closed; no more dispatches")
    errors = {}
    for i, uid in enumerate(unit_ids):
        if uid in unit_ids[:i]:
            errors[f"unit_ids.{i}"] = f"警力重复: {uid} / Unit listed twice: {uid}"
        elif uid not in units:
            errors[f"unit_ids.{i}"] = f"警力不存在: {uid} / Unknown unit: {uid}"
    if errors:
        raise validation_error(errors)
    busy = [units[u].name for u in unit_ids if units[u].status != "available"]
    if busy:
        raise conflict("unit_unavailable", f"警力不可用: {', '.join(busy)}",
                       f"Units not available: {', '.join(busy)}", units=busy)
    made = []
    for uid in unit_ids:
        units[uid].status = "dispatched"
        made.append(Dispatch(id=new_id(), incident_id=incident.id, unit_id=uid,
                             dispatched_at=now, dispatched_by=principal["username"]))
    incident.dispatches.extend(made)
    return made


def acknowledge(dispatch, principal, now):
    require_command_center(principal)
    if dispatch.acknowledged_at is not None:
        raise conflict("already_acknowledged", "该派警已确认接收", "This dispatch was already "
                                                               "acknowledged")
    dispatch.acknowledged_at, dispatch.acknowledged_by = now, principal["username"]
    return dispatch


def arrive(dispatch, unit, principal, now):
    require_command_center(principal)
    if dispatch.acknowledged_at is None:
        raise conflict("not_acknowledged", "警力尚未确认接收，请先确认",
                       "The unit has not acknowledged yet; acknowledge first")
    if dispatch.arrived_at is not None:
        raise conflict("already_arrived", "该警力已到达现场", "The unit already arrived")
    dispatch.arrived_at = now
    unit.status = "on_scene"
    return dispatch


def ack_overdue(dispatch, now, timeout_seconds):
    """Unacknowledged past the timeout and not escalated yet: escalate (once)."""
    return (dispatch.acknowledged_at is None and dispatch.escalated_at is None
            and now >= dispatch.dispatched_at + timedelta(seconds=timeout_seconds))


def escalate(dispatch, now, timeout_seconds):
    if not ack_overdue(dispatch, now, timeout_seconds):
        return False
    dispatch.escalated_at = now
    return True


def close_incident(incident, units, principal, now):
    """The scene is cleared: dispatched units become available again."""
    require_command_center(principal)
    if incident.status == "closed":
        raise conflict("incident_closed", "警情已结束", "The incident is already closed")
    incident.status, incident.closed_at = "closed", now
    for d in incident.dispatches:
        unit = units.get(d.unit_id)
        if unit is not None and unit.status in ("dispatched", "on_scene"):
            unit.status = "available"
    return incident


def link_case(incident, case_no):
    """The case intake opened for the incident; a second, different number is a bug upstream."""
    if incident.case_no == case_no:
        return False
    if incident.case_no is not None:
        raise AppError("case_already_linked", f"警情已关联案件 {incident.case_no}",
                       f"The incident is already linked to {incident.case_no}", status=409)
    incident.case_no = case_no
    return True


def issue_order(order_id, cmd, incident, principal, now):
    """Art. 20: protective measures for named officers or close relatives (Art. 39)."""
    require_command_center(principal)
    if cmd["valid_until"] <= now:
        raise validation_error({"valid_until": "有效期须晚于当前时间 / valid_until must be in "
                                               "the future."})
    if cmd.get("incident_id") and incident is None:
        raise validation_error({"incident_id": f"警情不存在: {cmd['incident_id']} / Unknown "
                                               f"incident: {cmd['incident_id']}"})
    return ProtectiveOrder(
        id=order_id, persons=[dict(p) for p in cmd["persons"]], measures=list(cmd["measures"]),
        address=cmd["address"], valid_until=cmd["valid_until"], issued_at=now,
        issued_by=principal["username"],
        case_no=cmd.get("case_no") or (incident.case_no if incident else None),
        incident_id=incident.id if incident else None)
