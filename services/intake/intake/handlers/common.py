"""What every handler needs: its dependencies, the principal as the contract loads it, and a
case the principal may see."""
from dataclasses import dataclass

from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import PrincipalV1
from weiquan.errors import NotFound

from intake.domain import access


@dataclass(frozen=True)
class Deps:
    """The service's dependencies, as its entrypoint hands them to a handler."""
    store: object      # kit.nameko_deps.Store: uow(), session(), session_factory, outbox, kick()
    clock: object      # now()
    calendar: object   # calendar.watch.CalendarReloader: current(), reload_if_changed(force)
    settings: object   # weiquan.settings.Settings


def calendar_of(deps):
    """The calendar, with the administrator's latest file: a change noticed here keeps its
    reason for the sweep, which recomputes the provisional deadlines it moved."""
    return deps.calendar.current()


def principal_of(raw):
    return load_or_error(PrincipalV1, raw)


def load_case(repo, case_no, principal, for_update=False, to_show=False):
    """The case, if it exists and the principal may see it (view_case's scope); ``to_show``:
    only to read it, first on its session (CaseRepository.read)."""
    case = repo.read(case_no) if to_show else repo.get(case_no, for_update=for_update)
    if case is None:
        raise NotFound("case", case_no)
    access.require("view_case", principal, case)
    return case
