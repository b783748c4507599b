"""The events the command center announces. The incident's place and description ride only on
incident_reported (intake opens the case with them); protected addresses and names never."""
from weiquan.config import TZ

SYSTEM = {"username": "system", "roles": ["command_center"]}


def _iso(dt):
    return dt.astimezone(TZ).isoformat()


def _unit_ref(d, unit):
    return {"dispatch_id": d.id, "unit_id": unit.id, "unit_name": unit.name,
            "unit_kind": unit.kind}


def incident_reported(uow, inc, actor, now):
    return uow.emit("dispatch", "incident_reported", inc.case_no, actor, {
        "incident_id": inc.id, "officers": inc.officers, "category": inc.category,
        "place": inc.place, "description": inc.description,
        "reported_at": _iso(inc.reported_at), "flags": dict(inc.flags)}, now)


def units_dispatched(uow, inc, made, units, actor, now):
    return uow.emit("dispatch", "units_dispatched", inc.case_no, actor, {
        "incident_id": inc.id, "dispatched_at": _iso(now),
        "units": [_unit_ref(d, units[d.unit_id]) for d in made]}, now)


def _step(d, unit, case_no):
    return {"incident_id": d.incident_id, "dispatched_at": _iso(d.dispatched_at),
            **_unit_ref(d, unit)}, case_no


def unit_acknowledged(uow, d, unit, case_no, actor, now):
    payload, case_no = _step(d, unit, case_no)
    return uow.emit("dispatch", "unit_acknowledged", case_no, actor, {
        **payload, "acknowledged_at": _iso(d.acknowledged_at),
        "after_escalation": d.escalated_at is not None}, now)


def unit_arrived(uow, d, unit, case_no, actor, now):
    payload, case_no = _step(d, unit, case_no)
    return uow.emit("dispatch", "unit_arrived", case_no, actor, {
        **payload, "arrived_at": _iso(d.arrived_at)}, now)


def dispatch_unacknowledged(uow, d, unit, case_no, timeout_seconds, now):
    """Escalation by the sweep, hence the system as actor."""
    payload, case_no = _step(d, unit, case_no)
    return uow.emit("dispatch", "dispatch_unacknowledged", case_no, SYSTEM, {
        **payload, "escalated_at": _iso(d.escalated_at),
        "timeout_seconds": int(timeout_seconds)}, now)


def protective_order_issued(uow, order, actor, now):
    return uow.emit("dispatch", "protective_order_issued", order.case_no, actor, {
        "incident_id": order.incident_id, "order_id": order.id, "persons": len(order.persons),
        "measures": list(order.measures), "valid_until": _iso(order.valid_until),
        "issued_at": _iso(order.issued_at)}, now)
