"""Psychological crisis intervention (Art. 29) for officers and close relatives: referrals,
sessions and follow-ups, closing. Readable and writable by the political-work office only,
refused here before anything is read or loaded (a direct RPC gets the gateway's 403; an
unknown id is a 404 only for a role that passed). The bus carries only the case's
psych_support work item, whose summary says that help is being or was given."""
from weiquan.contracts.base import load_or_error
from weiquan.contracts.welfare import (PsychCloseV1, PsychQueryV1, PsychReferralV1,
                                       PsychSessionV1)

from welfare import events
from welfare.domain import rules
from welfare.domain.model import PsychReferral
from welfare.handlers.common import authorized, filters_of, found, known_case, new_id
from welfare.repository import WelfareRepository
from welfare.views import page, referral_view

ACTION = "psych"


def _referral(repo, referral_id, for_update=False):
    return found(repo.get_referral(referral_id, for_update), "psych_referral", referral_id)


def refer(store, now, case_no, command, principal):
    principal = authorized(principal, ACTION)
    cmd = load_or_error(PsychReferralV1, command)
    referral = PsychReferral(id=new_id(), case_no=case_no, person=dict(cmd["person"]),
                             reason=cmd.get("reason"), referred_at=now,
                             referred_by=principal["username"])
    with store.uow() as uow:
        repo = WelfareRepository(uow.session)
        known_case(repo, case_no)
        existing = repo.get_item(case_no=case_no, kind="psych_support", for_update=True)
        item = rules.psych_item_for_referral(existing, new_id(), case_no, principal, now)
        repo.save_referral(referral, new=True)
        repo.save_item(item, new=existing is None)
        events.announce(uow, item)
    return referral_view(referral)


def get(store, referral_id, principal):
    authorized(principal, ACTION)
    with store.session() as session:
        return referral_view(_referral(WelfareRepository(session), referral_id))


def list_(store, filters, principal):
    authorized(principal, ACTION)
    loaded, offset, limit = filters_of(PsychQueryV1, filters)
    with store.session() as session:
        total, found_ = WelfareRepository(session).list_referrals(
            loaded.get("case_no"), loaded.get("state"), offset, limit)
    return page([referral_view(r) for r in found_], loaded, total)


def record_session(store, now, referral_id, command, principal):
    principal = authorized(principal, ACTION)
    cmd = load_or_error(PsychSessionV1, command)
    with store.uow() as uow:
        repo = WelfareRepository(uow.session)
        referral = _referral(repo, referral_id, for_update=True)
        rules.record_session(referral, cmd, principal, now)
        repo.save_referral(referral)
    return referral_view(referral)


def close(store, now, referral_id, command, principal):
    principal = authorized(principal, ACTION)
    cmd = load_or_error(PsychCloseV1, command)
    with store.uow() as uow:
        repo = WelfareRepository(uow.session)
        referral = _referral(repo, referral_id, for_update=True)
        item = repo.get_item(case_no=referral.case_no, kind="psych_support", for_update=True)
        others = repo.open_referrals(referral.case_no, besides=referral.id)
        rules.close_referral(referral, item, others, cmd.get("note"), principal, now)
        repo.save_referral(referral)
        if item is not None:
            repo.save_item(item)
            events.announce(uow, item)
    return referral_view(referral)
