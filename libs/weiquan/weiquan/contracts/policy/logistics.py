"""The logistics office (Art. 4, 25-27): funds, payment requests, approvals, disbursements,
third-party compensation. Approval has scope ``threshold``: the logistics service checks the
amount against the fund's thresholds for the approver's role."""
from weiquan.contracts.codes import COMMITTEE_ROLES, FUND_KINDS


def _rule(*args, **kw):
    from weiquan.contracts.policy import Rule
    return Rule(*args, **kw)


LOGISTICS = ("logistics",)
APPROVERS = ("committee_director", "committee_member")
READERS = LOGISTICS + COMMITTEE_ROLES

RULES = {
    "read_funds": _rule(READERS, refusal="funds_readers"),
    "set_budget": _rule(LOGISTICS, refusal="only_logistics"),
    "request_payment": _rule(LOGISTICS + ("political_work", "committee_office"),
                             refusal="may_not_request_payment"),
    "review_payment": _rule(LOGISTICS, refusal="only_logistics"),
    "approve_payment": _rule(APPROVERS, scope="threshold", refusal="only_approvers"),
    "disburse_payment": _rule(LOGISTICS, refusal="only_logistics"),
    "read_payments": _rule(READERS + ("political_work",), refusal="funds_readers"),
    "file_compensation_claim": _rule(LOGISTICS + ("committee_office",),
                                     refusal="may_not_file_compensation"),
}

# The political-work office works consolation payments only (Art. 9(2), 26): it requests and
# reads those, and sees no other fund's payments. The logistics service enforces it; the
# portal offers and links only these funds.
POLITICAL_WORK_FUNDS = ("consolation",)


def funds_of(principal):
    """The funds a principal works: the political-work office's alone when that is its only
    role here, every fund otherwise."""
    roles = set(principal["roles"])
    if "political_work" in roles and not roles & set(READERS):
        return POLITICAL_WORK_FUNDS
    return FUND_KINDS
