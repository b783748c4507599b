"""The events the publicity office announces, staged in the caller's unit of work: the work item
of a statement on its case (opened with the draft, closed on publication). A statement without
a case (a safety warning) has no work item. Summaries carry kind and state, never the text."""
from weiquan.contracts.events_work import work_payload

from publicity.domain import rules

SOURCE = "publicity"
DEPARTMENT = "publicity"


def work(uow, s, event_type, actor, now):
    state = {"work_opened": "open", "work_closed": "done"}.get(event_type, "open")
    uow.emit(SOURCE, event_type, s.case_no, actor, work_payload(
        s.id, DEPARTMENT, s.kind, DEPARTMENT, None, state, rules.summary(s)), now)


def announce(uow, s, actor, now, changed=True):
    """What the rule recorded (opened, closed), else a work_updated when the state moved."""
    if not s.case_no:
        s.recorded.clear()
        return
    recorded, s.recorded = list(s.recorded), []
    for what in recorded:
        work(uow, s, {"opened": "work_opened", "closed": "work_closed"}[what], actor, now)
    if not recorded and changed:
        work(uow, s, "work_updated", actor, now)
