"""Who may act on which case: the role table of contracts.policy (the same the gateway reads
for its early 403) plus the scopes only intake can check, because they depend on the case."""
from dataclasses import dataclass
from typing import Optional

from weiquan.contracts import policy
from weiquan.contracts.codes import COMMITTEE_ROLES, DEPARTMENT_ROLES
from weiquan.errors import NotAllowed

from intake.domain.work import departments_with_access

OFFICE = "committee_office"


def _roles(principal):
    return set(principal["roles"])


def is_committee(principal):
    return bool(_roles(principal) & set(COMMITTEE_ROLES))


def departments_of(principal):
    """The department roles the principal holds (DEPARTMENT_ROLES are department names)."""
    return tuple(r for r in DEPARTMENT_ROLES if r in _roles(principal))


def has_work_on(case, principal):
    """A department with an open or done work item on the case (DESIGN.md "Work items")."""
    return bool(set(departments_of(principal)) & departments_with_access(case.work_items))


def can_view(case, principal):
    """Scope ``case``: applicants see what they filed or what concerns them, departments what
    they referred and the cases they have an open or done work item on (the command center
    also every case opened from an incident, Art. 13); the committee sees everything."""
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
    if has_work_on(case, principal):
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
    unit, with an open or done work item of their department, or (the command center) opened
    from an incident."""
    username: str
    police_id: Optional[str] = None
    unit: Optional[str] = None
    incidents: bool = False
    departments: tuple = ()


def list_scope(principal):
    """None: every case (the committee); else the principal's ListScope."""
    require("list_cases", principal)
    if is_committee(principal):
        return None
    roles = _roles(principal)
    return ListScope(principal["username"],
                     principal.get("police_id") if "officer" in roles else None,
                     principal.get("unit") if "unit_liaison" in roles else None,
                     "command_center" in roles, departments_of(principal))


def work_queue_departments(principal, asked=None):
    """Scope ``department`` of list_work_items: the departments whose items the principal may
    list. The committee: the one asked for, or every department (None); a department role:
    its own (the default), and asking for another is refused."""
    require("list_work_items", principal)
    if is_committee(principal):
        return None if asked is None else (asked,)
    own = departments_of(principal)
    if asked is None:
        return own
    if asked not in own:
        raise NotAllowed("may_not_list_work_items", action="intake.list_work_items",
                         department=asked)
    return (asked,)
