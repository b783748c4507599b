"""Evidence (Art. 9(1), 9(7), 13): who stores, reads, holds and takes down. Scope ``case``:
the evidence service asks intake, with the caller's own principal, whether the caller may see
the case: departments (command center, cyber brigade) see the cases they have an open or done
work item on, the command center also the cases of its incidents."""
from weiquan.contracts.codes import APPLICANT_ROLES, COMMITTEE_ROLES


def _rule(*args, **kw):
    from weiquan.contracts.policy import Rule
    return Rule(*args, **kw)


UPLOADERS = ("command_center", "cyber_brigade", "committee_office") + APPLICANT_ROLES
READERS = UPLOADERS + tuple(r for r in COMMITTEE_ROLES if r not in UPLOADERS)
KINDS = ("video", "audio", "photo", "document", "web_capture")
_CYBER = _rule(("cyber_brigade",), scope="case", refusal="evidence_role")

RULES = {
    "upload": _rule(UPLOADERS, scope="case", refusal="evidence_role"),
    "web_capture": _CYBER,
    "read": _rule(READERS, scope="case", refusal="evidence_role"),
    "hold": _rule(("committee_office", "cyber_brigade"), scope="case", refusal="evidence_role"),
    "request_takedown": _CYBER,
    "change_takedown": _rule(("cyber_brigade",), refusal="evidence_role"),
    "read_takedown": _rule(("cyber_brigade", "committee_office", "committee_director"),
                           refusal="evidence_role"),
}
