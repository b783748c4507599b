"""What the clocks left behind, as the gateway reads it: the Art. 36 accountability register
and the notifications (reminder digests, alerts) addressed to a user or their roles."""
from sqlalchemy import or_, select

from weiquan.config import TZ

from intake.domain import access
from intake.handlers.common import principal_of
from intake.models import accountability, notifications


def _iso(dt):
    return None if dt is None else dt.astimezone(TZ).isoformat()


def _missed(row, now):
    until = row["satisfied_at"] or now
    return {"case_no": row["case_no"], "clock_kind": row["clock_kind"], "holder": row["holder"],
            "statutory": row["statutory"], "due": _iso(row["due_at"]),
            "detected_at": _iso(row["detected_at"]), "satisfied_at": _iso(row["satisfied_at"]),
            "late_seconds": max(0, int((until - row["due_at"]).total_seconds())),
            "still_open": row["satisfied_at"] is None}


def list_accountability(deps, filters, principal):
    """Art. 36 register: every missed deadline, who held it, how late."""
    access.require("list_accountability", principal_of(principal))
    now = deps.clock.now()
    query = select(accountability).order_by(accountability.c.detected_at.desc(),
                                            accountability.c.id.desc())
    if filters.get("case_no"):
        query = query.where(accountability.c.case_no == filters["case_no"])
    page, size = filters.get("page", 1), filters.get("page_size", 50)
    with deps.store.session() as session:
        rows = session.execute(query.offset((page - 1) * size).limit(size)).mappings().all()
    return {"items": [_missed(r, now) for r in rows], "page": page, "page_size": size}


def list_notifications(deps, filters, principal):
    """Reminder digests and alerts addressed to the user or to one of their roles; filters
    (NotificationQueryV1, like list_accountability's) so the pages ask it as the API does."""
    principal = principal_of(principal)
    access.require("list_notifications", principal)
    limit = min(max(int(filters.get("limit") or 50), 1), 200)
    recipients = [principal["username"], *principal["roles"]]
    with deps.store.session() as session:
        rows = session.execute(select(notifications).where(
            or_(*[notifications.c.recipient == r for r in recipients]))
            .order_by(notifications.c.id.desc()).limit(limit)).mappings().all()
    return {"items": [{"id": r["id"], "recipient": r["recipient"], "kind": r["kind"],
                       "day": r["day"].isoformat(), "items": r["items"],
                       "created_at": _iso(r["created_at"])} for r in rows]}
