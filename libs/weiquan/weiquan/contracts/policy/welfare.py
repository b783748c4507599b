"""The political-work office (welfare, Art. 28, 29, 32). Health and psychological records are
the most sensitive data in the system: every welfare action is the political-work office's
alone, and the welfare service enforces it itself (a direct RPC gets the same refusal as the
gateway's early 403)."""


def _rule(*args, **kw):
    from weiquan.contracts.policy import Rule
    return Rule(*args, **kw)


POLITICAL_WORK = ("political_work",)
_PW = _rule(POLITICAL_WORK, refusal="welfare_only_political_work")

RULES = {
    "read_welfare": _PW,            # green channel, visits, insurance claims of a case
    "update_green_channel": _PW,
    "record_visit": _PW,
    "record_insurance": _PW,
    "manage_training": _PW,
    "psych": _rule(POLITICAL_WORK, refusal="psych_only_political_work"),
}
