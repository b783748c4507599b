"""Who is asking, and may they: the role rule of ``contracts.policy.evidence`` (the same table
the gateway refuses early with), then the rule's case scope, which evidence applies itself by
asking intake, the authority on cases, with the caller's own principal whether it may see the
case. Departments see the cases they have an open or done work item on (intake's answer), so
the cyber brigade works on the cases its own items name, and nothing else."""
from weiquan.contracts import policy
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import PrincipalV1
from weiquan.errors import NotAllowed, NotFound
from weiquan.kit.errors import AppError
from weiquan.kit.rpc import call


def principal_of(raw):
    """The caller's principal, validated (a 422 naming the bad field otherwise)."""
    return load_or_error(PrincipalV1, raw)


class CaseScope:
    """Asks intake whether a principal may work on a case; built per call from the service's
    intake proxy and its RPC timeout."""

    def __init__(self, intake, timeout):
        self.intake = intake
        self.timeout = timeout

    def _ask(self, case_no, principal):
        call(self.intake.get_case, case_no, principal, timeout=self.timeout, service="intake")

    def check(self, case_no, principal):
        """Raise NotFound / NotAllowed unless the principal may work on the case. Other
        answers of intake (unavailable, malformed number) pass through as they are."""
        try:
            self._ask(case_no, principal)
        except AppError as exc:
            if exc.status == 404:
                raise NotFound("case", case_no) from None
            if exc.status == 403:
                raise NotAllowed("case_not_visible", case_no=case_no) from None
            raise


def require(action, principal):
    """The role rule of ``action`` (raises NotAllowed)."""
    policy.require("evidence", action, principal)


def require_case(action, principal, cases, case_no):
    """The scope of ``action``'s rule on this case (only rules scoped to the case ask)."""
    if policy.rule("evidence", action).scope == "case":
        cases.check(case_no, principal)


def authorize(action, principal, cases, case_no):
    """Both: the role first (no RPC for a role that may not act at all), then the case."""
    require(action, principal)
    require_case(action, principal, cases, case_no)
