"""Cases nobody filed in person: opened from a live incident the command center reported
(Art. 13 para. 1) or referred by a department (Art. 13 para. 2). The role rules of
check_submission are for applicants and stay as strict as they are; these have their own."""
from datetime import datetime

from weiquan.contracts.codes import DEPARTMENT_NAMES_ZH, DEPARTMENT_ROLES
from weiquan.errors import Invalid

from intake.domain import access
from intake.domain.model import HistoryEntry
from intake.domain.rules import in_future, open_case

COMMAND_CENTER = DEPARTMENT_NAMES_ZH["command_center"]
# What a dispatch step may put on the case timeline (no addresses ride on the bus anyway).
_STEP_KEYS = ("incident_id", "dispatch_id", "unit_id", "unit_name", "unit_kind", "units",
              "dispatched_at", "acknowledged_at", "arrived_at", "escalated_at",
              "timeout_seconds", "after_escalation", "order_id", "persons", "measures",
              "valid_until", "change", "at")


def _unit_applicant(name):
    return {"type": "unit", "name": name, "unit_name": name}


def case_from_incident(case_no, event, now, calendar):
    """The committee's case for an incident report (an ``incident_reported`` event body). The
    first officer is the case's officer, with the personnel type the report gave (Art. 38;
    events from before it was carried say nothing: regular); off_duty (Art. 37) is a flag."""
    reported_at = min(datetime.fromisoformat(event["reported_at"]), now)
    flags = event["flags"]
    first = event["officers"][0]
    cmd = {"applicant": _unit_applicant(COMMAND_CENTER), "channel": "intranet",
           "officer": {**first, "personnel_type": first.get("personnel_type") or "regular"},
           "category": event["category"],
           "incident": {"occurred_at": reported_at, "place": event["place"],
                        "description": event["description"], "officers": event["officers"],
                        **{k: bool(flags.get(k, False))
                           for k in ("ongoing", "off_duty", "anti_gang", "injury")}}}
    filer = {"username": event["actor"]["username"], "roles": event["actor"]["roles"]}
    return open_case(case_no, cmd, filer, reported_at, now, calendar,
                     source={"source": "incident", "incident_id": event["incident_id"]},
                     incident_id=event["incident_id"])


def department_of(principal):
    """The referring department (Art. 13 para. 2); any other role is refused (refer_case)."""
    access.require("refer_case", principal)
    return next(role for role in DEPARTMENT_ROLES if role in principal["roles"])


def referred_case(case_no, cmd, principal, now, calendar):
    department = department_of(principal)
    occurred_at = cmd["incident"]["occurred_at"]
    if in_future(occurred_at, now):
        raise Invalid.one("incident.occurred_at", "incident_in_future")
    name = DEPARTMENT_NAMES_ZH[department]
    full = {"applicant": _unit_applicant(name), "channel": "intranet",
            "officer": dict(cmd["officer"]), "category": cmd["category"],
            "incident": dict(cmd["incident"])}
    source = {"source": "referral", "department": department}
    if cmd.get("note"):
        source["note"] = cmd["note"]
    return open_case(case_no, full, principal, now, now, calendar, source=source)


def dispatch_step(event):
    """A command-center event as a timeline entry; the actor is the dispatcher (or system)."""
    detail = {k: event[k] for k in _STEP_KEYS if k in event}
    return HistoryEntry(datetime.fromisoformat(event["occurred_at"]), event["event_type"],
                        event["actor"]["username"], detail)
