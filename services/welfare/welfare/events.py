"""The events the political-work office announces: each work-item change the rules recorded
becomes one outbox event (contracts.events_work), staged in the caller's unit of work."""
from weiquan.contracts.events_work import work_payload

from welfare.domain import events as domain
from welfare.domain.model import DEPARTMENT, OWNER

SOURCE = "welfare"


def payload(e):
    return work_payload(e.item_id, DEPARTMENT, e.kind, OWNER, e.due, e.state, e.summary)


def announce(uow, *changed):
    """Stage what the rules recorded on these objects (and forget it there)."""
    return [uow.emit(SOURCE, e.event_type, e.case_no, e.actor, payload(e), e.at)
            for e in domain.pull(*changed)]
