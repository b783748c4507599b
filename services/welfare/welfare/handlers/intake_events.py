"""Intake's events about a case: welfare remembers the case, opens the green channel at once
on an injury (Art. 28, before any decision), and on acceptance opens a consolation visit for
cases that concern the officer's body or family. Each event is applied once (inbox), and each
item exists once per case whatever the deliveries (unique case_no, kind, ref)."""
from datetime import datetime

from weiquan.kit.inbox import claim

from welfare import events
from welfare.domain import rules
from welfare.handlers.common import new_id
from welfare.models import inbox
from welfare.repository import WelfareRepository


def _at(text):
    return datetime.fromisoformat(text) if text else None


def _remember(repo, body, **facts):
    """The case's facts, inserted or completed (acceptance may be consumed first)."""
    return repo.remember_case(body["case_no"], **facts)


def _green_channel(uow, repo, case, now):
    item, channel = rules.open_green_channel(new_id(), case, now)
    if not repo.add_item_once(item):
        return  # opened already (at submission, or by an earlier delivery)
    repo.save_channel(channel, new=True)
    events.announce(uow, item)


def submitted(store, now, body):
    with store.uow() as uow:
        if not claim(uow.session, inbox, body["event_id"], "welfare.on_application_submitted"):
            return
        repo = WelfareRepository(uow.session)
        case = _remember(repo, body, police_id=body.get("police_id"),
                         officer_unit=body.get("officer_unit"), category=body.get("category"),
                         received_at=_at(body.get("received_at")))
        if rules.green_channel_needed(body.get("flags")):
            _green_channel(uow, repo, case, now)


def accepted(store, now, body):
    with store.uow() as uow:
        if not claim(uow.session, inbox, body["event_id"], "welfare.on_case_accepted"):
            return
        repo = WelfareRepository(uow.session)
        case = _remember(repo, body, category=body.get("category"),
                         accepted_at=_at(body.get("decided_at")))
        flags = body.get("flags")
        if rules.green_channel_needed(flags):
            _green_channel(uow, repo, case, now)   # an injury missed at submission
        if not rules.consolation_needed(body.get("category"), flags):
            return
        due = _at((body.get("reply_due") or {}).get("due"))
        item = rules.open_consolation(new_id(), case.case_no, due, now)
        if repo.add_item_once(item):
            events.announce(uow, item)
