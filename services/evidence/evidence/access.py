"""Who is asking, and may they: the role rule of ``contracts.policy.evidence`` (the same table
the gateway refuses early with), then the rule's case scope, which evidence applies itself by
asking intake, the authority on cases, whether the principal may see the case. Departments
with evidence duties (``CASE_WORKERS``: command center, cyber brigade) work on any case that
exists: intake does not show them every case, so for them evidence only asks whether it does."""
from weiquan.contracts import policy
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import PrincipalV1
from weiquan.contracts.policy.evidence import CASE_WORKERS
from weiquan.errors import NotAllowed, NotFound
from weiquan.kit.errors import AppError
from weiquan.kit.rpc import call

# Read-only identity for the existence check above; intake shows committee roles every case.
EXISTENCE_CHECKER = {"username": "svc-evidence", "roles": ["committee_member"],
                     "police_id": None, "unit": None, "name": None}


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
            return
        except AppError as exc:
            if exc.status == 404:
                raise NotFound("case", case_no) from None
            if exc.status != 403:
                raise
            if not set(principal["roles"]) & set(CASE_WORKERS):
                raise NotAllowed("case_not_visible", case_no=case_no) from None
        try:
            self._ask(case_no, EXISTENCE_CHECKER)
        except AppError as exc:
            if exc.status == 404:
                raise NotFound("case", case_no) from None
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
