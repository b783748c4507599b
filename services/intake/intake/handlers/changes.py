"""Every change to an existing case takes one path: check the action's role rule (the
gateway's early 403 refuses the same roles), validate the command, lock the case (404, or 403
if the principal may not see it), apply the domain rule (which checks its own scope and the
case's state), save the case and stage the events it recorded in one transaction, answer with
the case."""
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import (AppealOutcomeV1, AppealV1, ConclusionV1, DecisionV1,
                                        EscalationOutcomeV1, EscalationV1, ExtensionV1,
                                        ReexaminationOutcomeV1, ReexaminationV1)
from weiquan.kit import metrics

from intake import events
from intake.domain import access, lifecycle, rules
from intake.handlers.common import calendar_of, load_case, principal_of
from intake.repository import CaseRepository
from intake.views import case_view

# action (contracts/policy/intake.py) -> (command contract, domain rule)
CHANGES = {
    "decide": (DecisionV1, rules.decide),
    "appeal": (AppealV1, rules.appeal),
    "conclude": (ConclusionV1, lifecycle.conclude),
    "extend": (ExtensionV1, lifecycle.extend),
    "request_reexamination": (ReexaminationV1, lifecycle.request_reexamination),
    "record_reexamination_outcome": (ReexaminationOutcomeV1,
                                     lifecycle.record_reexamination_outcome),
    "escalate": (EscalationV1, lifecycle.escalate),
    "record_escalation_outcome": (EscalationOutcomeV1, lifecycle.record_escalation_outcome),
    "record_appeal_outcome": (AppealOutcomeV1, lifecycle.record_appeal_outcome),
}


def change(deps, action, case_no, command, principal):
    schema, rule = CHANGES[action]
    principal = principal_of(principal)
    access.require(action, principal)   # the role rule, before the command is even read
    cmd = load_or_error(schema, command)
    now = deps.clock.now()
    calendar = calendar_of(deps)
    with deps.store.uow() as uow:
        repo = CaseRepository(uow.session)
        case = load_case(repo, case_no, principal, for_update=True)
        rule(case, cmd, principal, now, calendar)
        repo.save(case)
        events.publish(uow, case)
    if action == "decide":
        metrics.DECISIONS.labels(str(cmd["accept"]).lower()).inc()
    return case_view(case, now, calendar)
