"""What every handler of the political-work office starts with: the principal checked against
its contract and the policy table (before any command is read or anything loaded), fresh ids,
query filters checked by their contract, and objects loaded or a not-found error."""
import uuid

from weiquan.contracts import policy
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import PrincipalV1
from weiquan.contracts.queries import load_query
from weiquan.errors import NotFound


def new_id():
    return str(uuid.uuid4())


def authorized(principal, action):
    """The service is the authority: a direct RPC gets the gateway's refusal."""
    principal = load_or_error(PrincipalV1, principal)
    policy.require("welfare", action, principal)
    return principal


def filters_of(schema, filters):
    """The query as the contract reads it; page and page_size with their defaults."""
    loaded = load_query(schema, filters or {})
    return loaded, (loaded["page"] - 1) * loaded["page_size"], loaded["page_size"]


def found(obj, what, ident):
    if obj is None:
        raise NotFound(what, ident)
    return obj


def known_case(repo, case_no):
    """A case welfare learnt of from intake (submission or acceptance)."""
    return found(repo.get_case(case_no), "case", case_no)
