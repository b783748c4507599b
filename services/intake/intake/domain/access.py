"""Who may act on which case: the role table of contracts.policy (the same the gateway reads
for its early 403) plus the scopes only intake can check, because they depend on the case."""
from dataclasses import dataclass
from typing import Optional

from weiquan.contracts import policy
from weiquan.contracts.codes import COMMITTEE_ROLES
from weiquan.errors import NotAllowed

OFFICE = "committee_office"


def _roles(principal):
    return set(principal["roles"])


def is_committee(principal):
    return bool(_roles(principal) & set(COMMITTEE_ROLES))


def can_view(case, principal):
    """Scope ``case``: applicants see what they filed or what concerns them, departments what
    they referred (and the command center every case opened from an incident, Art. 13); the
    committee sees everything."""
    if is_committee(principal):
        return True
    roles = _roles(principal)
    if case.filed_by == principal["username"]:
        return True
    if is_concerned_officer(case, principal):
        return True
    if "unit_liaison" in roles and principal.get("unit") and \
            case.officer["unit"] == principal["unit"]:
        return True
    return "command_center" in roles and bool(case.incident_id)


def is_concerned_officer(case, principal):
    return "officer" in _roles(principal) and bool(principal.get("police_id")) and \
        case.officer["police_id"] == principal["police_id"]


def is_applicant(case, principal):
    """Scope ``applicant``: who filed it, the officer the case concerns (an officer may appeal
    a case the committee office keyed in from the paper application), or the committee office
    acting for them."""
    return principal["username"] == case.filed_by or is_concerned_officer(case, principal) \
        or OFFICE in _roles(principal)


_SCOPES = {"any": lambda case, principal: True, "case": can_view, "applicant": is_applicant}


def require(action, principal, case=None):
    """The role rule of ``action``; with a case, also the rule's scope on it."""
    policy.require("intake", action, principal)
    rule = policy.rule("intake", action)
    if case is not None and not _SCOPES[rule.scope](case, principal):
        raise NotAllowed(rule.refusal, action=f"intake.{action}")


@dataclass(frozen=True)
class ListScope:
    """The cases a non-committee principal may list: filed by them, about their police ID or
    unit, or (the command center) opened from an incident."""
    username: str
    police_id: Optional[str] = None
    unit: Optional[str] = None
    incidents: bool = False


def list_scope(principal):
    """None: every case (the committee); else the principal's ListScope."""
    require("list_cases", principal)
    if is_committee(principal):
        return None
    roles = _roles(principal)
    return ListScope(principal["username"],
                     principal.get("police_id") if "officer" in roles else None,
                     principal.get("unit") if "unit_liaison" in roles else None,
                     "command_center" in roles)
