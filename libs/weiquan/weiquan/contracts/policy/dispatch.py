"""The command center (Art. 13, 20): it acts; the committee follows what happens. A protected
person's address is for the command center alone (``see_address``)."""
from weiquan.contracts.codes import COMMITTEE_ROLES


def _rule(*args, **kw):
    from weiquan.contracts.policy import Rule
    return Rule(*args, **kw)


CC = ("command_center",)
_ACT = _rule(CC, refusal="only_command_center")
_READ = _rule(CC + COMMITTEE_ROLES, refusal="only_cc_or_committee_incidents")

RULES = {
    "report_incident": _ACT, "close_incident": _ACT, "dispatch_units": _ACT,
    "acknowledge": _ACT, "arrive": _ACT, "register_unit": _ACT, "set_unit_status": _ACT,
    "issue_protective_order": _ACT, "extend_protective_order": _ACT,
    "revoke_protective_order": _ACT, "board": _ACT, "see_address": _ACT,
    "list_incidents": _READ, "get_incident": _READ, "list_units": _READ,
    "get_protective_order": _READ,
}
