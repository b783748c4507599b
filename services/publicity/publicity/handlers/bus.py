"""Events that open an automatic name-clearing draft (Art. 30): intake's submission and
acceptance teach publicity the case's category and officer unit, its conclusion the outcome;
legal affairs' revoked discipline clears the officer too. Each event is applied once (inbox)
and each trigger makes one draft per case (unique origin key), with a template text that holds
no personal data, and a ``name_clearing`` work item for publicity."""
from weiquan.kit.inbox import claim

from publicity import events
from publicity.domain import rules, texts
from publicity.domain.redaction import redact
from publicity.handlers.common import SERVICE_ACTOR, new_id
from publicity.models import inbox
from publicity.repository import PublicityRepository


def _remember(repo, case_no, **facts):
    return repo.remember_case(case_no, **facts)


def _draft(uow, repo, case_no, unit, origin, origin_key, title, body, now):
    if repo.has_origin(origin_key):
        return None
    made = rules.new_statement(new_id(), "name_clearing", case_no, unit, redact(title),
                               redact(body), SERVICE_ACTOR, now, origin=origin,
                               origin_key=origin_key)
    repo.add(made)
    events.announce(uow, made, SERVICE_ACTOR, now)
    return made


def _after_facts(uow, repo, case, now):
    if rules.clears_name(case):
        title, body = texts.clearing_after_conclusion(case.category)
        _draft(uow, repo, case.case_no, case.officer_unit, "case_concluded",
               f"case_concluded:{case.case_no}", title, body, now)


def case_facts(store, now, body, handler):
    """application_submitted, case_accepted, case_concluded: remember, then draft if due
    (the conclusion may be consumed before the category arrives)."""
    with store.uow() as uow:
        if not claim(uow.session, inbox, body["event_id"], handler):
            return
        repo = PublicityRepository(uow.session)
        case = _remember(repo, body["case_no"], category=body.get("category"),
                         officer_unit=body.get("officer_unit"), outcome=body.get("outcome"))
        _after_facts(uow, repo, case, now)


def discipline_revoked(store, now, body):
    with store.uow() as uow:
        if not claim(uow.session, inbox, body["event_id"], "publicity.on_discipline_revoked"):
            return
        repo = PublicityRepository(uow.session)
        case = repo.get_case(body["case_no"]) if body.get("case_no") else None
        title, body_text = texts.clearing_after_revocation(body["revoked_outcome"])
        _draft(uow, repo, body.get("case_no"), case and case.officer_unit,
               "discipline_revoked", f"discipline_revoked:{body['review_id']}", title,
               body_text, now)
