"""What every handler of the command center starts with: the principal checked against its
contract and the policy table, fresh ids, and objects loaded or a not-found error."""
import uuid

from weiquan.contracts import policy
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import PrincipalV1
from weiquan.errors import NotFound


def new_id():
    return str(uuid.uuid4())


def authorized(principal, action):
    """The principal, once contracts.policy lets it attempt ``action``: refused before the
    command is read or anything is loaded, as the gateway refuses early."""
    principal = load_or_error(PrincipalV1, principal)
    policy.require("dispatch", action, principal)
    return principal


def incident(repo, incident_id, for_update=False):
    found = repo.get_incident(incident_id, for_update=for_update)
    if found is None:
        raise NotFound("incident", incident_id)
    return found
