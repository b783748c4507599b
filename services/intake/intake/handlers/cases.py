"""Filing a case (applications; referrals and incidents reuse ``file_case``) and reading cases."""
from weiquan.config import TZ
from weiquan.contracts.base import load_or_error
from weiquan.contracts.codes import CASE_STATUSES, CATEGORIES
from weiquan.contracts.commands import SubmitApplicationV1
from weiquan.errors import Conflict, Invalid
from weiquan.kit import metrics
from weiquan.kit.idempotent import create_once

from intake import events, filing
from intake.domain import access, rules
from intake.handlers.common import calendar_of, load_case, principal_of
from intake.repository import CaseRepository
from intake.views import case_summary, case_view, decision_due


def submit_application(deps, command, principal, request_id=None):
    """``request_id`` makes the submission idempotent: a redelivered request (the process
    died before acking it) or a client retry returns the case it already created."""
    principal = principal_of(principal)
    access.require("submit_application", principal)
    cmd = load_or_error(SubmitApplicationV1, command)
    now = deps.clock.now()
    calendar = calendar_of(deps)
    received_at = rules.check_submission(cmd, principal, now)  # before a number is taken
    return file_case(deps, principal, request_id, now, lambda case_no: rules.open_case(
        case_no, cmd, principal, received_at, now, calendar))


def file_case(deps, principal, request_id, now, build):
    """Number and store a new case built by ``build(case_no)``, with the events it recorded,
    idempotent on ``request_id``: a redelivered request or a client retry answers with the
    case it already created."""
    year = now.astimezone(TZ).year

    def create(uow):
        repo = CaseRepository(uow.session)
        if repo.files_in_one_statement:  # the year's counter locked for one statement only
            case = build(filing.stand_in(year))
            rows = events.outbox_rows(uow, case)
            case.case_no, _ = repo.file(case, year, request_id, rows)
            return case
        case_no, seq = repo.next_case_no(year)
        case = build(case_no)
        repo.add(case, year, seq, request_id)
        events.publish(uow, case)
        return case

    # cases.request_id is unique: a repeated request fails on insert (before the case is
    # stored) and is answered from the case it names, without a lookup on every new request
    existing, case = create_once(
        deps.store, lambda session: CaseRepository(session).find_by_request(request_id), create,
        find_first=False)
    if existing is not None:
        with deps.store.session() as session:
            case = CaseRepository(session).get(existing)
        if case.filed_by != principal["username"]:
            raise Conflict("request_id_reused")
    else:
        metrics.APPLICATIONS.labels(case.channel, case.category).inc()
    return {"case_no": case.case_no, "status": case.status,
            "decision_due": decision_due(case, now, calendar_of(deps))}


def get_case(deps, case_no, principal):
    principal = principal_of(principal)
    access.require("view_case", principal)   # the role rule; the case's scope once loaded
    with deps.store.session() as session:
        case = load_case(CaseRepository(session), case_no, principal, to_show=True)
    return case_view(case, deps.clock.now(), calendar_of(deps))


def _filter_problems(status, category):
    problems = {}
    if status and status not in CASE_STATUSES:
        problems["status"] = "unknown_status"
    if category and category not in CATEGORIES:
        problems["category"] = "unknown_category"
    return problems


def list_cases(deps, filters, principal):
    principal = principal_of(principal)
    scope = access.list_scope(principal)
    status, category = filters.get("status"), filters.get("category")
    problems = _filter_problems(status, category)
    if problems:
        raise Invalid(problems, status=status, category=category)
    page, size = int(filters.get("page", 1)), int(filters.get("page_size", 20))
    now, calendar = deps.clock.now(), calendar_of(deps)
    with deps.store.session() as session:
        repo = CaseRepository(session)
        due_within = filters.get("due_within")
        due_by = (None if due_within is None
                  else calendar.add_working_days(now, int(due_within)).due)
        total, listed = repo.page(scope, status=status, category=category,
                                  overdue=filters.get("overdue"), due_by=due_by, now=now,
                                  offset=(page - 1) * size, limit=size)
        items = [case_summary(case, now, calendar) for case in listed]
    return {"items": items, "page": page, "page_size": size, "total": total}
