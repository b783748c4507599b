"""Publicity (Art. 30, 31, 35): who may do what. The publicity office writes, edits, submits,
publishes and corrects statements; legal affairs reviews them; the committee approves them.
``read_statements`` has scope ``visibility``: the reviewers see every state, other staff only
published statements by scope (internal: all staff; unit: the case officer's unit). The public
page and its JSON list need no rule: they show public, current statements only."""
from weiquan.contracts.codes import COMMITTEE_ROLES, ROLES


def _rule(*args, **kw):
    from weiquan.contracts.policy import Rule
    return Rule(*args, **kw)


PUBLICITY = ("publicity",)
APPROVERS = ("committee_director", "committee_member")
# who works statements before publication and so sees every state
WORKERS = PUBLICITY + ("legal_affairs",) + COMMITTEE_ROLES
STAFF = tuple(r for r in ROLES if r != "relative")

RULES = {
    "read_statements": _rule(STAFF, scope="visibility", refusal="statements_staff_only"),
    "draft_statement": _rule(PUBLICITY, refusal="only_publicity"),
    "publish_statement": _rule(PUBLICITY, refusal="only_publicity"),
    "review_statement": _rule(("legal_affairs",), refusal="only_legal_review"),
    "approve_statement": _rule(APPROVERS, refusal="only_committee_approval"),
}
