"""The political-work office's rules (Art. 28, 29, 9(2)): when work opens, how a green
channel and an insurance claim move, and what each work item's summary says. Summaries are
read by every role that sees the case: they say what kind of help and how far it got, never
a hospital, a name, a diagnosis, a counsellor or an amount."""
from datetime import timedelta

from weiquan.errors import Conflict, Invalid

from welfare.domain.events import SYSTEM, record
from welfare.domain.model import GreenChannel, WorkItem

# Art. 9(2), 11: cases that concern the officer's body or family get a consolation visit.
CONSOLATION_CATEGORIES = ("violent_attack", "vehicle", "physical_restraint",
                          "threat_insult_harassment")
GREEN_CHANNEL_DUE = timedelta(days=1)

SUMMARIES = {
    ("green_channel", "opened"): "就医绿色通道已开启",
    ("green_channel", "in_treatment"): "就医绿色通道：救治中",
    ("green_channel", "closed"): "就医绿色通道：已办结",
    ("consolation_visit", "open"): "走访慰问：待走访",
    ("consolation_visit", "done"): "走访慰问：已走访",
    ("insurance_claim", "filed"): "保险理赔：已申报",
    ("insurance_claim", "under_review"): "保险理赔：审核中",
    ("insurance_claim", "paid"): "保险理赔：已赔付",
    ("insurance_claim", "refused"): "保险理赔：未获赔付",
    ("psych_support", "open"): "心理疏导：正在提供帮助",
    ("psych_support", "done"): "心理疏导：已提供帮助",
}
CLAIM_NEXT = {"filed": ("under_review", "paid", "refused"), "under_review": ("paid", "refused"),
              "paid": (), "refused": ()}
# Future times are refused past this slack (clocks of clients differ a little).
SLACK = timedelta(minutes=5)


def not_in_future(value, field, now):
    if value > now + SLACK:
        raise Invalid.one(field, "welfare_in_future")


# ---- work items ----------------------------------------------------------------------------
def open_item(item_id, case_no, kind, ref, due, summary, actor, now):
    item = WorkItem(id=item_id, case_no=case_no, kind=kind, ref=ref, state="open", due=due,
                    summary=summary, opened_at=now)
    record(item, "work_opened", actor, now)
    return item


def change_item(item, summary, actor, now, state="open"):
    """work_updated while the item stays open (or opens again), work_closed when it ends."""
    item.summary = summary
    item.state = state
    if state == "open":
        item.closed_at = None
        record(item, "work_updated", actor, now)
    else:
        item.closed_at = now
        record(item, "work_closed", actor, now)
    return item


# ---- green channel (Art. 28) ---------------------------------------------------------------
def green_channel_needed(flags):
    return bool((flags or {}).get("injury"))


def open_green_channel(item_id, facts, now):
    """At once on an injury, due a day after the case was received."""
    due = (facts.received_at or now) + GREEN_CHANNEL_DUE
    item = open_item(item_id, facts.case_no, "green_channel", "", due,
                     SUMMARIES[("green_channel", "opened")], SYSTEM, now)
    channel = GreenChannel(id=item_id, case_no=facts.case_no, opened_at=now, due=due,
                           police_id=facts.police_id, officer_unit=facts.officer_unit,
                           history=[{"at": now.isoformat(), "by": "system", "state": "opened",
                                     "changed": []}])
    return item, channel


def update_green_channel(channel, item, cmd, principal, now):
    if channel.state == "closed":
        raise Conflict("green_channel_closed")
    requested = cmd.get("state")
    if requested == "opened" and channel.state == "in_treatment":
        raise Conflict("green_channel_backwards", state=channel.state, requested=requested)
    changed = [k for k in ("hospital", "contact") if cmd.get(k) is not None
               and cmd[k] != getattr(channel, k)]
    for key in changed:
        setattr(channel, key, cmd[key])
    if requested and requested != channel.state:
        channel.state = requested
        changed.append("state")
    _touch(channel, principal, now, changed)
    change_item(item, SUMMARIES[("green_channel", channel.state)], principal, now)


def close_green_channel(channel, item, outcome, principal, now):
    if channel.state == "closed":
        raise Conflict("green_channel_closed")
    channel.state, channel.outcome, channel.closed_at = "closed", outcome, now
    _touch(channel, principal, now, ["outcome", "state"])
    change_item(item, SUMMARIES[("green_channel", "closed")], principal, now, state="done")


def _touch(channel, principal, now, changed):
    """History names which fields changed, never their values."""
    channel.updated_at, channel.updated_by = now, principal["username"]
    channel.history.append({"at": now.isoformat(), "by": principal["username"],
                            "state": channel.state, "changed": changed})


# ---- consolation visits (Art. 9(2)) ----------------------------------------------------------
def consolation_needed(category, flags):
    return category in CONSOLATION_CATEGORIES or bool((flags or {}).get("injury"))


def open_consolation(item_id, case_no, due, now):
    return open_item(item_id, case_no, "consolation_visit", "", due,
                     SUMMARIES[("consolation_visit", "open")], SYSTEM, now)


def visit_closes(item, principal, now):
    """The first visit closes the consolation item; later ones change nothing on the case."""
    if item is not None and item.state == "open":
        change_item(item, SUMMARIES[("consolation_visit", "done")], principal, now, "done")
        return True
    return False


# ---- insurance claims ---------------------------------------------------------------------
def file_claim(claim, item_id, principal, now):
    claim.history = [{"state": "filed", "at": now.isoformat(), "by": principal["username"],
                      "note": None}]
    return open_item(item_id, claim.case_no, "insurance_claim", claim.id, None,
                     SUMMARIES[("insurance_claim", "filed")], principal, now)


def update_claim(claim, item, requested, note, principal, now):
    if requested == claim.state:
        raise Conflict("claim_same_state", state=claim.state)
    if requested not in CLAIM_NEXT[claim.state]:
        raise Conflict("claim_settled", state=claim.state, requested=requested)
    claim.state = requested
    claim.history.append({"state": requested, "at": now.isoformat(),
                          "by": principal["username"], "note": note})
    settled = not CLAIM_NEXT[requested]
    change_item(item, SUMMARIES[("insurance_claim", requested)], principal, now,
                "done" if settled else "open")


# ---- psychological crisis intervention (Art. 29) -------------------------------------------
def psych_item_for_referral(item, item_id, case_no, principal, now):
    """One psych_support item per case, whoever is helped: it opens with the first referral
    and opens again if a new referral follows a closed one. It never names the person."""
    summary = SUMMARIES[("psych_support", "open")]
    if item is None:
        return open_item(item_id, case_no, "psych_support", "", None, summary, principal, now)
    if item.state != "open":
        change_item(item, summary, principal, now)
    return item


def record_session(referral, cmd, principal, now):
    if referral.state == "closed":
        raise Conflict("psych_closed")
    not_in_future(cmd["at"], "at", now)
    referral.sessions.append({"kind": cmd.get("kind", "session"), "at": cmd["at"].isoformat(),
                              "counsellor": cmd["counsellor"], "notes": cmd["notes"],
                              "by": principal["username"], "recorded_at": now.isoformat()})


def close_referral(referral, item, others_open, note, principal, now):
    """The case's item is done once no referral on it is open any more."""
    if referral.state == "closed":
        raise Conflict("psych_closed")
    referral.state, referral.closed_at, referral.closing_note = "closed", now, note
    if item is not None and item.state == "open" and not others_open:
        change_item(item, SUMMARIES[("psych_support", "done")], principal, now, "done")


# ---- training (Art. 32) --------------------------------------------------------------------
def new_attendees(training, police_ids):
    """The police ids not yet on the list; a repeat within the command is a bad field."""
    seen = set()
    for i, pid in enumerate(police_ids):
        if pid in seen:
            raise Invalid({f"police_ids.{i}": "police_id_twice"},
                          per_field={f"police_ids.{i}": {"police_id": pid}})
        seen.add(pid)
    return [pid for pid in police_ids if pid not in training.attendees]
