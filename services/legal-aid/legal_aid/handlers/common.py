"""What every legal_aid handler starts with: the principal checked against its contract and
the policy table, fresh ids, objects loaded or a not-found error, and the case check that
asks intake (the authority on cases) whether the case exists before anything is written."""
import uuid

from weiquan.config import TZ
from weiquan.contracts import policy
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import PrincipalV1
from weiquan.contracts.policy.legal_aid import COMMITTEE_DECIDERS
from weiquan.errors import Invalid, NotFound
from weiquan.kit.errors import AppError
from weiquan.kit.rpc import call

# Read-only identity for asking intake about a case; intake shows committee roles every case.
CASE_CHECKER = {"username": "svc-legal-aid", "roles": ["committee_member"],
                "police_id": None, "unit": None, "name": None}


def new_id():
    return str(uuid.uuid4())


def authorized(principal, action):
    """The principal, once contracts.policy lets it attempt ``action``."""
    principal = load_or_error(PrincipalV1, principal)
    policy.require("legal_aid", action, principal)
    return principal


def committee_decides(principal):
    """The decision is the committee's own (policy.legal_aid.COMMITTEE_DECIDERS)."""
    return bool(set(principal["roles"]) & set(COMMITTEE_DECIDERS))


def found(repo, what, key, for_update=False):
    row = repo.get(what, key, for_update=for_update)
    if row is None:
        raise NotFound(what, key)
    return row


def iso(value):
    if value is None:
        return None
    if hasattr(value, "tzinfo"):
        return value.astimezone(TZ).isoformat()
    return value.isoformat()


def today(now):
    return now.astimezone(TZ).date()


class CaseCheck:
    """Asks intake for a case with a timeout; built per call from the service's intake proxy.
    Tests pass any callable ``case_of(case_no) -> case dict``."""

    def __init__(self, intake, timeout):
        self.intake = intake
        self.timeout = timeout

    def __call__(self, case_no):
        try:
            return call(self.intake.get_case, case_no, CASE_CHECKER, timeout=self.timeout,
                        service="intake")
        except AppError as exc:
            if exc.status in (404, 422):
                raise Invalid.one("case_no", "unknown_case", case_no=case_no) from None
            raise
