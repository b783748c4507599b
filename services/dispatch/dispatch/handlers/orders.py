"""Protective orders (Art. 20): measures for named officers or close relatives, issued once
per request key, extended or revoked with a reason kept in the order's history. The address
and the reasons are stored here only (the address returned to the command center only) and
never put on the bus. An order for a case closes the case's protection work item."""
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import (ProtectiveOrderExtensionV1, ProtectiveOrderRevocationV1,
                                        ProtectiveOrderV1)
from weiquan.errors import NotFound
from weiquan.kit.idempotent import create_once

from dispatch import events
from dispatch.domain import protection, rules
from dispatch.handlers import work
from dispatch.handlers.common import authorized, new_id
from dispatch.repository import DispatchRepository
from dispatch.views import order_view


def issue(store, now, command, principal, request_id=None):
    """``request_id`` makes the issue idempotent, like report_incident: a retry answers with
    the order the first attempt made."""
    principal = authorized(principal, "issue_protective_order")
    cmd = load_or_error(ProtectiveOrderV1, command)

    def create(uow):
        repo = DispatchRepository(uow.session)
        # Locked as the submission handler locks it to link the case: the order and the case's
        # protection item then see each other, whichever commits first.
        incident = (repo.get_incident(cmd["incident_id"], for_update=True)
                    if cmd.get("incident_id") else None)
        order = rules.issue_order(new_id(), cmd, incident, principal, now)
        repo.add_order(order, request_id)
        events.announce(uow, order)
        work.close_for_order(uow, repo, order, principal, now)
        return order

    existing, order = create_once(
        store, lambda session: DispatchRepository(session).find_order_by_request(request_id),
        create)
    if existing is not None:
        with store.session() as session:
            order = DispatchRepository(session).get_order(existing)
    return order_view(order, principal, now)


def get(store, now, order_id, principal):
    principal = authorized(principal, "get_protective_order")
    with store.session() as session:
        order = DispatchRepository(session).get_order(order_id)
    if order is None:
        raise NotFound("protective_order", order_id)
    return order_view(order, principal, now)


def extend(store, now, order_id, command, principal):
    principal = authorized(principal, "extend_protective_order")
    cmd = load_or_error(ProtectiveOrderExtensionV1, command)
    return _change(store, now, order_id, principal,
                   lambda order: protection.extend_order(order, cmd, principal, now))


def revoke(store, now, order_id, command, principal):
    principal = authorized(principal, "revoke_protective_order")
    cmd = load_or_error(ProtectiveOrderRevocationV1, command)
    return _change(store, now, order_id, principal,
                   lambda order: protection.revoke_order(order, cmd, principal, now))


def _change(store, now, order_id, principal, change):
    """The order locked, changed by the rule, saved with its new history entry and its
    protective_order_changed event in one transaction."""
    with store.uow() as uow:
        repo = DispatchRepository(uow.session)
        order = repo.get_order(order_id, for_update=True)
        if order is None:
            raise NotFound("protective_order", order_id)
        saved = len(order.changes)
        change(order)
        repo.save_order(order, saved)
        events.announce(uow, order)
    return order_view(order, principal, now)
