"""Who may do what: one rule table per department, read by the gateway for its early 403 and
by the department's service, which is the authority (it also applies each rule's scope to the
object at hand, e.g. "the applicant's own case").

``ACTIONS`` below is every (department, action) pair; a test asks the gateway and each service
the same question for every role and action and requires the same answer."""
from dataclasses import dataclass

from weiquan.errors import NotAllowed


@dataclass(frozen=True)
class Rule:
    roles: tuple            # roles that may attempt the action at all
    scope: str = "any"      # which objects: "any", or a scope the service checks (see RULES)
    refusal: str = "forbidden"  # message key (contracts.messages) saying who may


from weiquan.contracts.policy import (dispatch, evidence, intake, legal_aid,  # noqa: E402
                                      logistics, publicity, welfare)

POLICIES = {"intake": intake.RULES, "dispatch": dispatch.RULES, "evidence": evidence.RULES,
            "welfare": welfare.RULES, "logistics": logistics.RULES,
            "legal_aid": legal_aid.RULES, "publicity": publicity.RULES}
ACTIONS = tuple((dept, action) for dept, rules in POLICIES.items() for action in rules)


def rule(department, action) -> Rule:
    return POLICIES[department][action]


def allowed(department, action, principal) -> bool:
    return bool(set(principal["roles"]) & set(rule(department, action).roles))


def require(department, action, principal):
    """Refuse early: the principal's roles do not include any allowed for the action."""
    if not allowed(department, action, principal):
        raise NotAllowed(rule(department, action).refusal, action=f"{department}.{action}")
