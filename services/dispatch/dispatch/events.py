"""The events the command center announces: each domain event the rules recorded becomes one
outbox event of contracts.events_dispatch, staged in the caller's unit of work. The incident's
place and description ride only on incident_reported (intake opens the case with them);
protected addresses and names never, nor the reasons an order was extended or revoked."""
from weiquan.config import TZ
from weiquan.contracts.events_work import work_payload

from dispatch.domain import events as domain

SOURCE = "dispatch"


def _iso(dt):
    return dt.astimezone(TZ).isoformat()


def _unit(ref):
    return {"dispatch_id": ref.dispatch_id, "unit_id": ref.unit_id, "unit_name": ref.unit_name,
            "unit_kind": ref.unit_kind}


def _step(e):
    """What every event about one dispatched unit carries."""
    return {"incident_id": e.incident_id, "dispatched_at": _iso(e.dispatched_at),
            **_unit(e.unit)}


def _incident_reported(e):
    return {"incident_id": e.incident_id, "officers": e.officers, "category": e.category,
            "place": e.place, "description": e.description,
            "reported_at": _iso(e.reported_at), "flags": dict(e.flags)}


def _units_dispatched(e):
    return {"incident_id": e.incident_id, "dispatched_at": _iso(e.dispatched_at),
            "units": [_unit(ref) for ref in e.units]}


def _unit_acknowledged(e):
    return {**_step(e), "acknowledged_at": _iso(e.acknowledged_at),
            "after_escalation": e.after_escalation}


def _unit_arrived(e):
    return {**_step(e), "arrived_at": _iso(e.arrived_at)}


def _dispatch_unacknowledged(e):
    return {**_step(e), "escalated_at": _iso(e.escalated_at),
            "timeout_seconds": int(e.timeout_seconds)}


def _protective_order_issued(e):
    return {"incident_id": e.incident_id, "order_id": e.order_id, "persons": e.persons,
            "measures": list(e.measures), "valid_until": _iso(e.valid_until),
            "issued_at": _iso(e.issued_at)}


def _protective_order_changed(e):
    return {"incident_id": e.incident_id, "order_id": e.order_id, "change": e.change,
            "valid_until": _iso(e.valid_until), "at": _iso(e.at)}


def _work(e):
    """contracts.events_work: the command center's item as it now is."""
    return work_payload(e.item_id, "command_center", e.kind, e.owner, e.due, e.state,
                        e.summary)


# domain event -> (event type on the bus, or None for the event's own; its payload)
WIRE = {
    domain.IncidentReported: ("incident_reported", _incident_reported),
    domain.UnitsDispatched: ("units_dispatched", _units_dispatched),
    domain.UnitAcknowledged: ("unit_acknowledged", _unit_acknowledged),
    domain.UnitArrived: ("unit_arrived", _unit_arrived),
    domain.DispatchUnacknowledged: ("dispatch_unacknowledged", _dispatch_unacknowledged),
    domain.ProtectiveOrderIssued: ("protective_order_issued", _protective_order_issued),
    domain.ProtectiveOrderChanged: ("protective_order_changed", _protective_order_changed),
    domain.WorkAnnounced: (None, _work),
}


def stage(uow, recorded):
    """Put each recorded event in the unit of work's outbox; returns the event bodies."""
    bodies = []
    for event in recorded:
        event_type, payload = WIRE[type(event)]
        event_type = event_type or event.event_type
        bodies.append(uow.emit(SOURCE, event_type, event.case_no, event.actor, payload(event),
                               event.at))
    return bodies


def announce(uow, *changed):
    """Stage what the rules recorded on these objects (and forget it there)."""
    return stage(uow, domain.pull(*changed))
