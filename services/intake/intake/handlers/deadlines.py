"""One deadline of a case and the reckoning behind it: every day from its clock's start to
the due day by its kind's rule (domain/clock_rules.DUE_RULES), read with the same rule as the
case (``view_case``)."""
from weiquan.errors import NotFound

from intake.domain import access, clock_rules
from intake.handlers.common import calendar_of, load_case, principal_of
from intake.repository import CaseRepository
from intake.views import deadline_reckoning


def deadline_reckoning_of(deps, case_no, kind, principal):
    principal = principal_of(principal)
    access.require("view_case", principal)   # the role rule; the case's scope once loaded
    with deps.store.session() as session:
        case = load_case(CaseRepository(session), case_no, principal)
    clock = case.clock(kind) if kind in clock_rules.DUE_RULES else None
    if clock is None:
        raise NotFound("deadline", kind)
    calendar = calendar_of(deps)
    reckoned = clock_rules.reckon(kind, clock.start_at, calendar)
    return deadline_reckoning(case, clock, clock_rules.DUE_RULES[kind], reckoned,
                              deps.clock.now(), calendar)
