"""The statement path (Art. 30, 31, 35): draft, edit, submit, legal review, committee approval,
publication, correction; reads by visibility. Every text is redacted before it is stored, with
what the case knows asked over RPC before the unit of work (``knowledge``, see
handlers.common.CaseKnowledge); the domain refuses a step in the wrong state before anything
is written."""
from sqlalchemy import and_, false, or_

from weiquan.contracts.base import load_or_error
from weiquan.contracts.publicity import (StatementDecisionV1, DraftStatementV1, EditStatementV1,
                                         PublishStatementV1, StatementListQueryV1)

from publicity import events
from publicity.domain import rules
from publicity.domain.redaction import redact
from publicity.domain.visibility import is_worker
from publicity.handlers.common import authorized, new_id, statement
from publicity.models import statements as t
from publicity.repository import PublicityRepository
from publicity.views import statement_view


def get_view(store, statement_id, principal=None):
    with store.session() as session:
        repo = PublicityRepository(session)
        s = statement(repo, statement_id, principal)
        history = repo.series(s.series_id)
    if principal is not None and not is_worker(principal):
        history = [v for v in history if v.state in ("published", "superseded")]
    return statement_view(s, history)


def draft(store, now, command, principal, knowledge):
    principal = authorized(principal, "draft_statement")
    cmd = load_or_error(DraftStatementV1, command)
    case_no = (cmd.get("case_no") or "").strip() or None
    rules.require_case(cmd["kind"], case_no)
    known, unit = knowledge(case_no)
    made = rules.new_statement(new_id(), cmd["kind"], case_no, unit,
                               redact(cmd["title"], known), redact(cmd["body"], known),
                               principal, now)
    with store.uow() as uow:
        PublicityRepository(uow.session).add(made)
        events.announce(uow, made, principal, now)
    return get_view(store, made.id)


def _peek(store, statement_id, action):
    """The statement's case and an early state check, before any RPC is made."""
    with store.session() as session:
        s = statement(PublicityRepository(session), statement_id)
    rules.require_state(s, action)
    return s


def edit(store, now, statement_id, command, principal, knowledge):
    principal = authorized(principal, "draft_statement")
    cmd = load_or_error(EditStatementV1, command)
    known, _ = knowledge(_peek(store, statement_id, "edit").case_no)
    with store.uow() as uow:
        repo = PublicityRepository(uow.session)
        s = statement(repo, statement_id, for_update=True)
        rules.edit(s, redact(cmd["title"], known), redact(cmd["body"], known), now)
        repo.save(s)
    return get_view(store, statement_id)


def _step(store, now, statement_id, principal, change):
    with store.uow() as uow:
        repo = PublicityRepository(uow.session)
        s = statement(repo, statement_id, for_update=True)
        change(s)
        repo.save(s)
        events.announce(uow, s, principal, now)
    return get_view(store, statement_id)


def submit(store, now, statement_id, principal):
    principal = authorized(principal, "draft_statement")
    return _step(store, now, statement_id, principal,
                 lambda s: rules.submit(s, principal, now))


def review(store, now, statement_id, command, principal):
    principal = authorized(principal, "review_statement")
    cmd = load_or_error(StatementDecisionV1, command)
    return _step(store, now, statement_id, principal,
                 lambda s: rules.review(s, cmd["approve"], cmd["reason"], principal, now))


def approve(store, now, statement_id, command, principal):
    principal = authorized(principal, "approve_statement")
    cmd = load_or_error(StatementDecisionV1, command)
    return _step(store, now, statement_id, principal,
                 lambda s: rules.approve(s, cmd["approve"], cmd["reason"], principal, now))


def publish(store, now, statement_id, command, principal, knowledge):
    """Redaction runs once more on the approved text with what the case knows now."""
    principal = authorized(principal, "publish_statement")
    cmd = load_or_error(PublishStatementV1, command)
    known, _ = knowledge(_peek(store, statement_id, "publish").case_no)
    with store.uow() as uow:
        repo = PublicityRepository(uow.session)
        s = statement(repo, statement_id, for_update=True)
        previous = next((v for v in repo.series(s.series_id)
                         if v.state == "published" and v.id != s.id), None)
        rules.publish(s, cmd["scope"], redact(s.title, known), redact(s.body, known),
                      principal, now, previous)
        repo.save(s)
        if previous is not None:
            repo.save(previous)
        events.announce(uow, s, principal, now)
    return get_view(store, statement_id)


def correct(store, now, statement_id, principal):
    principal = authorized(principal, "draft_statement")
    with store.uow() as uow:
        repo = PublicityRepository(uow.session)
        published = statement(repo, statement_id, for_update=True)
        open_versions = [v for v in repo.series(published.series_id)
                         if v.state in rules.WORKING]
        made = rules.correct(published, open_versions, new_id(), principal, now)
        repo.add(made)
        events.announce(uow, made, principal, now)
    return get_view(store, made.id)


def get(store, statement_id, principal):
    principal = authorized(principal, "read_statements")
    return get_view(store, statement_id, principal)


def visible_to(principal):
    """The SQL form of visibility.may_read for a listing."""
    if is_worker(principal):
        return []
    unit = principal.get("unit")
    # no unit: no unit-scope statement (PostgreSQL refuses a NUL byte as a "never" value)
    same_unit = and_(t.c.scope == "unit", t.c.case_unit == unit) if unit else false()
    shown = or_(t.c.scope.in_(("internal", "public")), same_unit)
    return [t.c.state.in_(("published", "superseded")), shown]


def list_(store, filters, principal):
    principal = authorized(principal, "read_statements")
    query = load_or_error(StatementListQueryV1, filters or {})
    conditions = [t.c[k] == query[k] for k in ("state", "kind", "case_no") if query.get(k)]
    conditions += visible_to(principal)
    page, size = query.get("page", 1), query.get("page_size", 20)
    with store.session() as session:
        total, found = PublicityRepository(session).listing(conditions, (page - 1) * size, size)
    return {"items": [statement_view(s) for s in found], "page": page, "page_size": size,
            "total": total}
