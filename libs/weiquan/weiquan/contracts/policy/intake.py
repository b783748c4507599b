"""The committee office's cases (Art. 12-18, 34, 36). Scopes checked by intake on the case:
``case``: the committee sees every case; others only what they filed, what concerns them as
the officer or the officer's unit, the cases their department has an open or done work item
on, and for the command center every case opened from an incident
(intake.domain.access.can_view). ``department`` (list_work_items): a department role lists
its own department's items only, the committee any department's. ``applicant``: the one
who filed it, the officer the case concerns (even when the committee office keyed the paper
application in), or the committee office acting for them."""
from weiquan.contracts.codes import (APPLICANT_ROLES, COMMITTEE_ROLES, DEPARTMENT_ROLES,
                                     ROLES)


def _rule(*args, **kw):
    from weiquan.contracts.policy import Rule
    return Rule(*args, **kw)


OFFICE = ("committee_office",)
DIRECTOR = ("committee_director",)

RULES = {
    "submit_application": _rule(APPLICANT_ROLES + OFFICE, refusal="may_not_apply"),
    "list_cases": _rule(COMMITTEE_ROLES + APPLICANT_ROLES + DEPARTMENT_ROLES, scope="case",
                        refusal="may_not_list_cases"),
    "view_case": _rule(COMMITTEE_ROLES + APPLICANT_ROLES + DEPARTMENT_ROLES, scope="case",
                       refusal="may_not_view_case"),
    "decide": _rule(OFFICE, refusal="only_office_decides"),
    "appeal": _rule(APPLICANT_ROLES + OFFICE, scope="applicant",
                    refusal="only_applicant_appeals"),
    "conclude": _rule(OFFICE, refusal="only_office_concludes"),
    "extend": _rule(DIRECTOR, refusal="only_director_extends"),
    "request_reexamination": _rule(APPLICANT_ROLES + OFFICE, scope="applicant",
                                   refusal="only_applicant_reexamination"),
    "record_reexamination_outcome": _rule(OFFICE, refusal="only_office_records_reexamination"),
    "escalate": _rule(OFFICE + DIRECTOR, refusal="only_committee_escalates"),
    "record_escalation_outcome": _rule(COMMITTEE_ROLES, refusal="only_committee_records_escalation"),
    "record_appeal_outcome": _rule(OFFICE, refusal="only_office_records_appeal"),
    "list_accountability": _rule(COMMITTEE_ROLES, refusal="only_committee_accountability"),
    "list_notifications": _rule(ROLES),
    "reload_calendar": _rule(DIRECTOR + ("ops",), refusal="only_director_or_ops_reload"),
    "case_for_incident": _rule(("command_center",) + COMMITTEE_ROLES,
                               refusal="only_cc_or_committee_incident_case"),
    "refer_case": _rule(DEPARTMENT_ROLES, refusal="only_department_refers"),
    "view_ledger": _rule(COMMITTEE_ROLES, refusal="only_committee_ledger"),
    # Art. 35: the ledger's patterns (hot spots, trends) are counts without a case in them;
    # legal affairs and publicity draw the safety guidance and warnings from them
    "view_patterns": _rule(COMMITTEE_ROLES + ("legal_affairs", "publicity"),
                           refusal="ledger_patterns_readers"),
    # a department's queue of work items; scope ``department``: the committee sees every
    # department's, a department role its own
    "list_work_items": _rule(COMMITTEE_ROLES + DEPARTMENT_ROLES, scope="department",
                             refusal="may_not_list_work_items"),
}
