"""Who may do what with evidence, and whether the case may be seen (asked of intake)."""
from weiquan.contracts.codes import APPLICANT_ROLES, COMMITTEE_ROLES
from weiquan.kit.errors import AppError, forbidden
from weiquan.kit.rpc import call

UPLOAD_ROLES = ("command_center", "cyber_brigade", "committee_office") + APPLICANT_ROLES
# Departments with evidence duties on any case (Art. 9(1), 9(7), 13). intake does not show them
# cases yet (department work items are to come), so for them evidence only asks intake whether
# the case exists.
DEPARTMENT_ROLES = ("command_center", "cyber_brigade")
READ_ROLES = UPLOAD_ROLES + COMMITTEE_ROLES
HOLD_ROLES = ("committee_office", "cyber_brigade")
CYBER_ROLES = ("cyber_brigade",)
# Read-only identity for the existence check above; intake sees every case for committee roles.
_EXISTENCE_CHECKER = {"username": "svc-evidence", "roles": ["committee_member"],
                      "police_id": None, "unit": None, "name": None}


def require(principal, roles):
    if not set(principal["roles"]) & set(roles):
        raise forbidden("该角色无权操作证据", "This role may not do this with evidence")


def check_case(intake, case_no, principal, timeout):
    """Raise intake's 404 / 403 unless the principal may work on the case."""
    try:
        call(intake.get_case, case_no, principal, timeout=timeout, service="intake")
    except AppError as exc:
        if exc.status != 403 or not set(principal["roles"]) & set(DEPARTMENT_ROLES):
            raise
        call(intake.get_case, case_no, _EXISTENCE_CHECKER, timeout=timeout, service="intake")
