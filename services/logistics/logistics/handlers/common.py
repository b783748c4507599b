"""What every handler of the logistics office starts with: the principal checked against its
contract and the policy table, fresh ids, objects loaded or a not-found error, and the case
check that asks intake (the authority on cases) whether a payment may be claimed on it."""
import uuid

from weiquan.config import TZ
from weiquan.contracts import policy
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import PrincipalV1
from weiquan.contracts.policy.logistics import POLITICAL_WORK_FUNDS, funds_of
from weiquan.errors import Conflict, Invalid, NotAllowed, NotFound
from weiquan.kit.errors import AppError
from weiquan.kit.rpc import call

# Read-only identity for asking intake about a case; intake shows committee roles every case.
CASE_CHECKER = {"username": "svc-logistics", "roles": ["committee_member"],
                "police_id": None, "unit": None, "name": None}
# No payment is claimed on a case that is over (Art. 14 refusal, or closed after conclusion).
UNPAYABLE = ("closed", "rejected")


def new_id():
    return str(uuid.uuid4())


def authorized(principal, action):
    """The principal, once contracts.policy lets it attempt ``action``."""
    principal = load_or_error(PrincipalV1, principal)
    policy.require("logistics", action, principal)
    return principal


def political_work_only(principal):
    """The political-work office alone: consolation payments only (policy.logistics.funds_of)."""
    return funds_of(principal) == POLITICAL_WORK_FUNDS


def require_fund_scope(principal, fund):
    if fund not in funds_of(principal):
        raise NotAllowed("political_work_consolation_only")


def payment(repo, payment_id, for_update=False):
    found = repo.get_payment(payment_id, for_update=for_update)
    if found is None:
        raise NotFound("payment", payment_id)
    return found


def year_of(now):
    return now.astimezone(TZ).year


class CaseCheck:
    """Asks intake for a case's status with a timeout; built per call from the service's
    intake proxy. Tests pass any callable ``status_of(case_no) -> status``."""

    def __init__(self, intake, timeout):
        self.intake = intake
        self.timeout = timeout

    def __call__(self, case_no):
        try:
            case = call(self.intake.get_case, case_no, CASE_CHECKER, timeout=self.timeout,
                        service="intake")
        except AppError as exc:
            if exc.status in (404, 422):
                raise Invalid.one("case_no", "unknown_case", case_no=case_no) from None
            raise
        return case["status"]


def require_payable(status_of, case_no):
    status = status_of(case_no)
    if status in UNPAYABLE:
        raise Conflict("case_not_payable", case_no=case_no, status=status)
