"""Legal affairs (Art. 5, 8, 20-25, 33): who may do what. Offender data (names, resident IDs,
phones) is read only by the committee roles and legal affairs; ``redaction_terms`` is the
publicity service's alone and no HTTP operation exposes it."""
from weiquan.contracts.codes import COMMITTEE_ROLES


def _rule(*args, **kw):
    from weiquan.contracts.policy import Rule
    return Rule(*args, **kw)


LEGAL = ("legal_affairs",)
READERS = LEGAL + COMMITTEE_ROLES
# Art. 24: lightening an outcome or revoking a discipline is the committee's decision; the
# service takes the committee's approval from the decider's roles, never from a request flag.
COMMITTEE_DECIDERS = ("committee_director", "committee_member")
DECIDERS = LEGAL + COMMITTEE_DECIDERS

RULES = {
    "read_legal": _rule(READERS, refusal="legal_readers"),
    "decide_classification": _rule(LEGAL, refusal="only_legal_affairs"),
    "manage_counsel": _rule(LEGAL, refusal="only_legal_affairs"),
    "assign_counsel": _rule(LEGAL, refusal="only_legal_affairs"),
    "log_counsel_work": _rule(LEGAL, refusal="only_legal_affairs"),
    "claim_counsel_fee": _rule(LEGAL, refusal="only_legal_affairs"),
    "record_determination": _rule(LEGAL, refusal="only_legal_affairs"),
    "file_appeal": _rule(LEGAL + ("committee_office",), refusal="only_legal_affairs"),
    "decide_appeal": _rule(DECIDERS, refusal="legal_deciders"),
    "file_review": _rule(LEGAL + ("committee_office",), refusal="only_legal_affairs"),
    "decide_review": _rule(DECIDERS, refusal="legal_deciders"),
    "record_liaison": _rule(LEGAL, refusal="only_legal_affairs"),
    "record_offender": _rule(LEGAL + ("committee_office",), refusal="offender_recorders"),
    "read_offenders": _rule(READERS, refusal="offender_readers"),
    "redaction_terms": _rule(("publicity",), refusal="only_publicity_service"),
}
