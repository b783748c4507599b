"""What the command center's pages show of dispatch's answers (Art. 13, 20): plain functions,
no request, no template. The board page and its event stream both use board_view, so the
table the server renders and the rows board.js redraws say the same words."""
from weiquan.contracts.answers.dispatch import DISPATCH_STATES, ORDER_CHANGES, ORDER_STATES

from gateway.labels import (CATEGORY_LABELS_ZH, INCIDENT_STATUS_LABELS_ZH,
                            PERSONNEL_TYPE_LABELS_ZH, PROTECTED_PERSON_TYPE_LABELS_ZH,
                            RELATION_LABELS_ZH,
                            UNIT_KIND_LABELS_ZH, UNIT_STATUS_LABELS_ZH, label)
from gateway.pages.views import minute_of

# Dispatch states are an answer's (contracts.answers.dispatch), not a code list of
# contracts.codes, so their words live here, next to their only reader. Said in words, never
# by colour alone.
DISPATCH_STATE_LABELS_ZH = {"awaiting_ack": "待确认", "acknowledged": "已确认",
                            "arrived": "已到场", "escalated": "超时未确认"}
if set(DISPATCH_STATE_LABELS_ZH) != set(DISPATCH_STATES):
    raise ValueError("every dispatch state needs its words")
ORDER_STATE_LABELS_ZH = {"active": "有效", "expired": "已过期", "revoked": "已撤销"}
ORDER_CHANGE_LABELS_ZH = {"issued": "签发", "extended": "延期", "revoked": "撤销"}
if set(ORDER_STATE_LABELS_ZH) != set(ORDER_STATES) or \
        set(ORDER_CHANGE_LABELS_ZH) != set(ORDER_CHANGES):
    raise ValueError("every protective order state and change needs its words")


def flags_of(item):
    """The incident's marks as words (Art. 34: anti-gang first)."""
    return [text for key, text in (("anti_gang", "涉黑恶"), ("injury", "民警受伤"),
                                   ("ongoing", "侵权仍在持续"), ("off_duty", "非工作时间"))
            if item.get(key)]


def dispatch_row(d):
    return {"dispatch_id": d["dispatch_id"], "unit_id": d.get("unit_id"),
            "unit_name": d.get("unit_name") or d.get("unit_id") or "",
            "unit_kind": label(UNIT_KIND_LABELS_ZH, d.get("unit_kind")),
            "state": d["state"], "state_label": label(DISPATCH_STATE_LABELS_ZH, d["state"]),
            "dispatched_at": minute_of(d.get("dispatched_at")),
            "acknowledged_at": minute_of(d.get("acknowledged_at")),
            "arrived_at": minute_of(d.get("arrived_at")),
            "escalated_at": minute_of(d.get("escalated_at")),
            "can_acknowledge": d["state"] in ("awaiting_ack", "escalated"),
            "can_arrive": d["state"] == "acknowledged"}


def officer_of(o):
    """An officer of the report, with the words of their personnel type (Art. 38)."""
    kind = o.get("personnel_type") or "regular"
    return {**o, "personnel_type": kind,
            "personnel_label": label(PERSONNEL_TYPE_LABELS_ZH, kind)}


def incident_row(item):
    """An incident (IncidentV1) as a page row."""
    officers = [officer_of(o) for o in item.get("officers") or []]
    return {"incident_id": item["incident_id"], "status": item["status"],
            "status_label": label(INCIDENT_STATUS_LABELS_ZH, item["status"]),
            "open": item["status"] == "open", "case_no": item.get("case_no") or "",
            "category": label(CATEGORY_LABELS_ZH, item.get("category")),
            "place": item.get("place") or "", "description": item.get("description") or "",
            "officers": "、".join(
                f"{o.get('name', '')}（{o.get('unit', '')}"
                f"{'，' + o['personnel_label'] if o['personnel_type'] != 'regular' else ''}）"
                for o in officers),
            "officer_list": officers, "flags": flags_of(item),
            "anti_gang": bool(item.get("anti_gang")),
            "reported_at": minute_of(item.get("reported_at")),
            "reported_by": item.get("reported_by") or "",
            "closed_at": minute_of(item.get("closed_at")),
            "dispatches": [dispatch_row(d) for d in item.get("dispatches") or []]}


def unit_row(unit):
    return {"unit_id": unit["unit_id"], "name": unit["name"], "kind": unit["kind"],
            "kind_label": label(UNIT_KIND_LABELS_ZH, unit["kind"]), "status": unit["status"],
            "status_label": label(UNIT_STATUS_LABELS_ZH, unit["status"]),
            "available": unit["status"] == "available"}


def board_view(incidents, units):
    """The live board: the same rows for the server-rendered page and for every event of the
    stream (board.js draws them with textContent)."""
    return {"incidents": [incident_row(i) for i in incidents],
            "units": [unit_row(u) for u in units]}


def order_view(order):
    """A protective order (ProtectiveOrderAnswerV1) as the page shows it."""
    persons = [{"type": label(PROTECTED_PERSON_TYPE_LABELS_ZH, p.get("type")),
                "name": p.get("name") or "", "police_id": p.get("police_id") or "",
                "relation": label(RELATION_LABELS_ZH, p.get("relation"))}
               for p in order.get("persons") or []]
    return {"order_id": order["order_id"], "case_no": order.get("case_no") or "",
            "incident_id": order.get("incident_id") or "", "persons": persons,
            "measures": order.get("measures") or [],
            "valid_until": minute_of(order.get("valid_until")),
            "issued_at": minute_of(order.get("issued_at")),
            "issued_by": order.get("issued_by") or "",
            "address": order.get("address"), "has_address": "address" in order,
            "state": order.get("state") or "active",
            "state_label": label(ORDER_STATE_LABELS_ZH, order.get("state") or "active"),
            "active": (order.get("state") or "active") == "active",
            "revoked_at": minute_of(order.get("revoked_at")),
            "history": [{"change": label(ORDER_CHANGE_LABELS_ZH, h.get("change")),
                         "at": minute_of(h.get("at")), "by": h.get("by") or "",
                         "reason": h.get("reason") or "",
                         "valid_until": minute_of(h.get("valid_until"))}
                        for h in order.get("history") or []]}
