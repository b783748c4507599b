"""The command center's protection work item (Art. 19, 20): opened by itself when a case about
a threat, stalking, harassment or doxxing is submitted, closed done when a protective order
for the case is issued. Each change is staged in the caller's unit of work with its
work_opened / work_closed event (the outbox), so the item and its announcement commit together."""
from dispatch import events
from dispatch.domain import events as domain_events
from dispatch.domain import protection
from dispatch.handlers.common import new_id

KIND = "protection"


def open_protection(uow, repo, case_no, incident_id, submitted_at, now):
    """Once per case: a second delivery, or a second submission event, finds the item. An
    order already in force for the case (or its incident) closes it at once: the case still
    shows the command center's work, done."""
    if repo.work_item(case_no, KIND) is not None:
        return None
    item = protection.open_protection(new_id(), case_no, submitted_at, now)
    in_force = repo.orders_in_force(case_no, incident_id, now)
    if in_force:
        protection.close_protection(item, in_force[0], domain_events.SYSTEM, now)
    repo.add_work_item(item)
    events.announce(uow, item)
    return item


def close_for_order(uow, repo, order, principal, now):
    """A protective order for the case is issued: its open protection item is done."""
    if not order.case_no:
        return None
    item = repo.work_item(order.case_no, KIND, for_update=True)
    if item is None or not protection.close_protection(
            item, order.id, domain_events.actor_of(principal), now):
        return None
    repo.save_work_item(item)
    events.announce(uow, item)
    return item
