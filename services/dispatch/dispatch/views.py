"""The command center's objects as the HTTP contract shows them (Shanghai times)."""
from weiquan.config import TZ
from weiquan.contracts import policy


def _iso(dt):
    return None if dt is None else dt.astimezone(TZ).isoformat()


def dispatch_state(d):
    if d.arrived_at:
        return "arrived"
    if d.acknowledged_at:
        return "acknowledged"
    return "escalated" if d.escalated_at else "awaiting_ack"


def dispatch_view(d, unit):
    return {"dispatch_id": d.id, "incident_id": d.incident_id, "unit_id": d.unit_id,
            "unit_name": unit.name if unit else None, "unit_kind": unit.kind if unit else None,
            "state": dispatch_state(d), "dispatched_at": _iso(d.dispatched_at),
            "dispatched_by": d.dispatched_by, "acknowledged_at": _iso(d.acknowledged_at),
            "acknowledged_by": d.acknowledged_by, "arrived_at": _iso(d.arrived_at),
            "escalated_at": _iso(d.escalated_at)}


def incident_view(inc, units):
    return {"incident_id": inc.id, "status": inc.status, "case_no": inc.case_no,
            "category": inc.category, "officers": inc.officers, "place": inc.place,
            "description": inc.description, **inc.flags,
            "reported_at": _iso(inc.reported_at), "reported_by": inc.reported_by,
            "closed_at": _iso(inc.closed_at),
            "dispatches": [dispatch_view(d, units.get(d.unit_id)) for d in inc.dispatches]}


def unit_view(u):
    return {"unit_id": u.id, "name": u.name, "kind": u.kind, "status": u.status}


def order_history(o):
    """Issued, then each extension or revocation (who, when, why), oldest first."""
    first_validity = o.changes[0].previous_valid_until if o.changes else o.valid_until
    issued = {"change": "issued", "at": _iso(o.issued_at), "by": o.issued_by, "reason": None,
              "valid_until": _iso(first_validity)}
    return [issued] + [{"change": c.change, "at": _iso(c.at), "by": c.by, "reason": c.reason,
                        "valid_until": _iso(c.valid_until)} for c in o.changes]


def order_view(o, principal, now):
    """Art. 20: the address only for the command center."""
    view = {"order_id": o.id, "case_no": o.case_no, "incident_id": o.incident_id,
            "persons": o.persons, "measures": o.measures, "valid_until": _iso(o.valid_until),
            "issued_at": _iso(o.issued_at), "issued_by": o.issued_by,
            "state": o.state(now), "revoked_at": _iso(o.revoked_at),
            "history": order_history(o)}
    if policy.allowed("dispatch", "see_address", principal):
        view["address"] = o.address
    return view
