"""Consolation visits and insurance claims on a case (Art. 9(2)). The first visit closes the
case's consolation item; a claim is a work item of its own, closed when paid or refused."""
from weiquan.contracts.base import load_or_error
from weiquan.contracts.welfare import InsuranceClaimV1, InsuranceUpdateV1, VisitV1

from welfare import events
from welfare.domain import rules
from welfare.domain.model import InsuranceClaim, Visit
from welfare.handlers.common import authorized, found, known_case, new_id
from welfare.repository import WelfareRepository
from welfare.views import claim_view, visit_view


def record_visit(store, now, case_no, command, principal):
    principal = authorized(principal, "record_visit")
    cmd = load_or_error(VisitV1, command)
    rules.not_in_future(cmd["visited_at"], "visited_at", now)
    visit = Visit(id=new_id(), case_no=case_no, visitors=cmd["visitors"],
                  visited_at=cmd["visited_at"], gifts=cmd.get("gifts"), notes=cmd.get("notes"),
                  recorded_at=now, recorded_by=principal["username"])
    with store.uow() as uow:
        repo = WelfareRepository(uow.session)
        known_case(repo, case_no)
        repo.add_visit(visit)
        item = repo.get_item(case_no=case_no, kind="consolation_visit", for_update=True)
        if rules.visit_closes(item, principal, now):
            repo.save_item(item)
            events.announce(uow, item)
    return visit_view(visit)


def file_claim(store, now, case_no, command, principal):
    principal = authorized(principal, "record_insurance")
    cmd = load_or_error(InsuranceClaimV1, command)
    claim = InsuranceClaim(id=new_id(), case_no=case_no, insurer=cmd["insurer"],
                           policy_no=cmd["policy_no"], filed_at=now,
                           filed_by=principal["username"])
    with store.uow() as uow:
        repo = WelfareRepository(uow.session)
        known_case(repo, case_no)
        item = rules.file_claim(claim, new_id(), principal, now)
        if cmd.get("note"):
            claim.history[0]["note"] = cmd["note"]
        repo.save_claim(claim, new=True)
        repo.save_item(item, new=True)
        events.announce(uow, item)
    return claim_view(claim)


def update_claim(store, now, claim_id, command, principal):
    principal = authorized(principal, "record_insurance")
    cmd = load_or_error(InsuranceUpdateV1, command)
    with store.uow() as uow:
        repo = WelfareRepository(uow.session)
        claim = found(repo.get_claim(claim_id, for_update=True), "insurance_claim", claim_id)
        item = repo.get_item(case_no=claim.case_no, kind="insurance_claim", ref=claim.id,
                             for_update=True)
        rules.update_claim(claim, item, cmd["state"], cmd.get("note"), principal, now)
        repo.save_claim(claim)
        repo.save_item(item)
        events.announce(uow, item)
    return claim_view(claim)
