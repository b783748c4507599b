"""The political-work office's objects as the HTTP contract shows them (Shanghai times)."""
from weiquan.config import TZ

from welfare.domain.model import DEPARTMENT, OWNER


def _iso(dt):
    return None if dt is None else dt.astimezone(TZ).isoformat()


def item_view(i):
    return {"item_id": i.id, "case_no": i.case_no, "department": DEPARTMENT, "kind": i.kind,
            "owner": OWNER, "state": i.state, "due": _iso(i.due), "summary": i.summary,
            "opened_at": _iso(i.opened_at), "closed_at": _iso(i.closed_at)}


def channel_view(c):
    return {"item_id": c.id, "case_no": c.case_no, "state": c.state,
            "police_id": c.police_id, "officer_unit": c.officer_unit,
            "hospital": c.hospital, "contact": c.contact, "outcome": c.outcome,
            "opened_at": _iso(c.opened_at), "due": _iso(c.due),
            "updated_at": _iso(c.updated_at), "updated_by": c.updated_by,
            "closed_at": _iso(c.closed_at), "history": list(c.history)}


def visit_view(v):
    return {"visit_id": v.id, "case_no": v.case_no, "visitors": v.visitors,
            "visited_at": _iso(v.visited_at), "gifts": v.gifts, "notes": v.notes,
            "recorded_at": _iso(v.recorded_at), "recorded_by": v.recorded_by}


def claim_view(c):
    return {"claim_id": c.id, "case_no": c.case_no, "insurer": c.insurer,
            "policy_no": c.policy_no, "state": c.state, "filed_at": _iso(c.filed_at),
            "filed_by": c.filed_by, "history": list(c.history)}


def referral_view(r):
    return {"referral_id": r.id, "case_no": r.case_no, "person": dict(r.person),
            "reason": r.reason, "state": r.state, "referred_at": _iso(r.referred_at),
            "referred_by": r.referred_by, "sessions": list(r.sessions),
            "closed_at": _iso(r.closed_at), "closing_note": r.closing_note}


def training_view(t, attendees=None):
    view = {"training_id": t.id, "title": t.title, "topic": t.topic,
            "held_at": _iso(t.held_at), "trainer": t.trainer, "created_by": t.created_by}
    if attendees is None:
        view.update(attendees=list(t.attendees), attendance=len(t.attendees))
    else:
        view["attendance"] = attendees
    return view


def page(items, filters, total):
    return {"items": items, "page": int(filters.get("page", 1)),
            "page_size": int(filters.get("page_size", 20)), "total": total}
