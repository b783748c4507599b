"""What the command center's objects may become. Pure: time, ids and loaded objects are passed
in, so every rule is tested without a broker or a database. Who may attempt each step is
contracts.policy's table, checked by the handler before it loads anything; the rules refuse
what the objects' state forbids, with weiquan.errors (codes and facts; the text is in
contracts.messages.dispatch), and record what they announce on the object they changed."""
from datetime import timedelta

from weiquan.errors import Conflict, Invalid

from dispatch.domain import events
from dispatch.domain.model import Dispatch, Incident, ProtectiveOrder, Unit

FLAGS = ("ongoing", "injury", "anti_gang", "off_duty")


def _conflict(code, reason, **details):
    """A conflict whose message (``reason``) differs from the one its code usually reads."""
    exc = Conflict(code, **details)
    exc.reason = reason
    return exc


def report_incident(incident_id, cmd, principal, now):
    """Art. 13. Every flag the command carries is kept (``off_duty``, Art. 37, among them),
    and each officer's ``personnel_type`` (Art. 38): intake opens the case with both."""
    officers = [{**o, "personnel_type": o.get("personnel_type") or "regular"}
                for o in cmd["officers"]]
    inc = Incident(id=incident_id, officers=officers,
                   place=cmd["place"], description=cmd["description"],
                   category=cmd["category"], flags={k: bool(cmd.get(k, False)) for k in FLAGS},
                   reported_at=now, reported_by=principal["username"])
    inc.recorded.append(events.IncidentReported(
        incident_id=inc.id, case_no=inc.case_no, officers=inc.officers,
        category=inc.category, place=inc.place, description=inc.description,
        reported_at=inc.reported_at, flags=dict(inc.flags), actor=events.actor_of(principal),
        at=now))
    return inc


def new_unit(unit_id, cmd):
    return Unit(id=unit_id, name=cmd["name"].strip(), kind=cmd["kind"],
                status=cmd.get("status") or "available")


def set_unit_status(unit, status):
    if unit.status in ("dispatched", "on_scene"):
        raise Conflict("unit_busy", unit_status=unit.status, requested_status=status)
    unit.status = status
    return unit


def _unit_problems(unit_ids, units):
    """Each listed unit must exist and be listed once: the problem of each bad position and
    the id given there."""
    problems, given = {}, {}
    for i, uid in enumerate(unit_ids):
        field = f"unit_ids.{i}"
        if uid in unit_ids[:i]:
            problems[field] = "unit_listed_twice"
        elif uid not in units:
            problems[field] = "unknown_unit"
        else:
            continue
        given[field] = {"unit": uid}
    return problems, given


def dispatch_units(incident, unit_ids, units, principal, now, new_id):
    """Send units to an open incident; each must exist and be available."""
    if incident.status != "open":
        raise Conflict("incident_closed")
    problems, given = _unit_problems(unit_ids, units)
    if problems:
        raise Invalid(problems, per_field=given)
    busy = [units[u].name for u in unit_ids if units[u].status != "available"]
    if busy:
        raise Conflict("unit_unavailable", units=busy)
    made = []
    for uid in unit_ids:
        units[uid].status = "dispatched"
        made.append(Dispatch(id=new_id(), incident_id=incident.id, unit_id=uid,
                             dispatched_at=now, dispatched_by=principal["username"]))
    incident.dispatches.extend(made)
    incident.recorded.append(events.UnitsDispatched(
        incident_id=incident.id, case_no=incident.case_no, dispatched_at=now,
        units=tuple(events.unit_ref(d, units[d.unit_id]) for d in made),
        actor=events.actor_of(principal), at=now))
    return made


def acknowledge(dispatch, unit, case_no, principal, now):
    """The unit took the order; late (after escalation) still counts, and says so."""
    if dispatch.acknowledged_at is not None:
        raise Conflict("already_acknowledged")
    dispatch.acknowledged_at, dispatch.acknowledged_by = now, principal["username"]
    dispatch.recorded.append(events.UnitAcknowledged(
        incident_id=dispatch.incident_id, case_no=case_no, unit=events.unit_ref(dispatch, unit),
        dispatched_at=dispatch.dispatched_at, acknowledged_at=now,
        after_escalation=dispatch.escalated_at is not None, actor=events.actor_of(principal),
        at=now))
    return dispatch


def arrive(dispatch, unit, case_no, principal, now):
    if dispatch.acknowledged_at is None:
        raise Conflict("not_acknowledged")
    if dispatch.arrived_at is not None:
        raise Conflict("already_arrived")
    dispatch.arrived_at = now
    unit.status = "on_scene"
    dispatch.recorded.append(events.UnitArrived(
        incident_id=dispatch.incident_id, case_no=case_no, unit=events.unit_ref(dispatch, unit),
        dispatched_at=dispatch.dispatched_at, arrived_at=now, actor=events.actor_of(principal),
        at=now))
    return dispatch


def ack_overdue(dispatch, now, timeout_seconds):
    """Unacknowledged past the timeout and not escalated yet: escalate (once)."""
    return (dispatch.acknowledged_at is None and dispatch.escalated_at is None
            and now >= dispatch.dispatched_at + timedelta(seconds=timeout_seconds))


def escalate(dispatch, unit, case_no, now, timeout_seconds):
    """Art. 13 (forces move at once): announce a dispatch nobody acknowledged in time."""
    if not ack_overdue(dispatch, now, timeout_seconds):
        return False
    dispatch.escalated_at = now
    dispatch.recorded.append(events.DispatchUnacknowledged(
        incident_id=dispatch.incident_id, case_no=case_no, unit=events.unit_ref(dispatch, unit),
        dispatched_at=dispatch.dispatched_at, escalated_at=now,
        timeout_seconds=timeout_seconds, actor=events.SYSTEM, at=now))
    return True


def close_incident(incident, units, now):
    """The scene is cleared: dispatched units become available again."""
    if incident.status == "closed":
        raise _conflict("incident_closed", "incident_already_closed")
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
        raise Conflict("case_already_linked", case_no=incident.case_no)
    incident.case_no = case_no
    return True


def issue_order(order_id, cmd, incident, principal, now):
    """Art. 20: protective measures for named officers or close relatives (Art. 39)."""
    if cmd["valid_until"] <= now:
        raise Invalid.one("valid_until", "validity_not_in_future")
    if cmd.get("incident_id") and incident is None:
        raise Invalid.one("incident_id", "unknown_incident", incident_id=cmd["incident_id"])
    order = ProtectiveOrder(
        id=order_id, persons=[dict(p) for p in cmd["persons"]], measures=list(cmd["measures"]),
        address=cmd["address"], valid_until=cmd["valid_until"], issued_at=now,
        issued_by=principal["username"],
        case_no=cmd.get("case_no") or (incident.case_no if incident else None),
        incident_id=incident.id if incident else None)
    order.recorded.append(events.ProtectiveOrderIssued(
        incident_id=order.incident_id, case_no=order.case_no, order_id=order.id,
        persons=len(order.persons), measures=tuple(order.measures),
        valid_until=order.valid_until, issued_at=now, actor=events.actor_of(principal), at=now))
    return order
