"""Protection (Art. 20) after an order is issued: extending or revoking the order, and the
command center's protection work item that a threat against an officer or a close relative
opens by itself. Pure, like rules.py: time, ids and loaded objects are passed in."""
from datetime import timedelta

from weiquan.config import TZ
from weiquan.errors import Conflict, Invalid

from dispatch.domain import events
from dispatch.domain.model import OrderChange, WorkItem

# A threat, stalking or harassment (Art. 11 threat_insult_harassment), and doxxing, which
# exposes the family (privacy_violation), call for protection at once.
PROTECTION_CATEGORIES = ("threat_insult_harassment", "privacy_violation")
PROTECTION_DUE = timedelta(days=1)
OWNER = "command_center"
# What every role that sees the case reads: never a name, an address or a measure.
SUMMARY_OPEN = "人身安全保护：待评估并落实措施"
SUMMARY_DONE = "人身安全保护：保护令已签发"


def _refuse_unless_active(order, now):
    """A revoked or expired order is history: the conflict says which."""
    state = order.state(now)
    if state == "revoked":
        raise Conflict("order_revoked", state=state)
    if state == "expired":
        raise Conflict("order_expired", state=state,
                       valid_until=order.valid_until.astimezone(TZ).isoformat(timespec="minutes"))


def _change(order, change, reason, valid_until, principal, now):
    order.changes.append(OrderChange(change=change, at=now, by=principal["username"],
                                     reason=reason, previous_valid_until=order.valid_until,
                                     valid_until=valid_until))
    order.valid_until = valid_until
    order.recorded.append(events.ProtectiveOrderChanged(
        incident_id=order.incident_id, case_no=order.case_no, order_id=order.id, change=change,
        valid_until=valid_until, actor=events.actor_of(principal), at=now))


def extend_order(order, cmd, principal, now):
    """The order stays in force until a later time; the reason is kept in its history."""
    _refuse_unless_active(order, now)
    if cmd["valid_until"] <= order.valid_until:
        raise Invalid.one("valid_until", "validity_not_later",
                          current=order.valid_until.astimezone(TZ).isoformat(timespec="minutes"))
    _change(order, "extended", cmd["reason"], cmd["valid_until"], principal, now)
    return order


def revoke_order(order, cmd, principal, now):
    """The order ends now; its validity becomes the moment of revocation."""
    _refuse_unless_active(order, now)
    order.revoked_at = now
    _change(order, "revoked", cmd["reason"], now, principal, now)
    return order


def needs_protection(category):
    return category in PROTECTION_CATEGORIES


def open_protection(item_id, case_no, submitted_at, now):
    """The command center's protection item for a threatened officer's case, due a day
    after the submission; opened by the system, not by a person."""
    item = WorkItem(id=item_id, case_no=case_no, kind="protection", state="open", owner=OWNER,
                    summary=SUMMARY_OPEN, due=submitted_at + PROTECTION_DUE, opened_at=now)
    item.recorded.append(events.WorkAnnounced(
        event_type="work_opened", case_no=case_no, item_id=item.id, kind=item.kind,
        owner=item.owner, due=item.due, state=item.state, summary=item.summary,
        actor=events.SYSTEM, at=now))
    return item


def close_protection(item, order_id, actor, now):
    """A protective order for the case is in force: the item is done (once)."""
    if item.state != "open":
        return False
    item.state, item.summary = "done", SUMMARY_DONE
    item.closed_at, item.closed_by, item.order_id = now, actor["username"], order_id
    item.recorded.append(events.WorkAnnounced(
        event_type="work_closed", case_no=item.case_no, item_id=item.id, kind=item.kind,
        owner=item.owner, due=item.due, state=item.state, summary=item.summary,
        actor=dict(actor), at=now))
    return True
