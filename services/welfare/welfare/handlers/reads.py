"""What the political-work office reads across its records: everything it holds on one case,
and its queue of work items (open first, nearest due first)."""
from weiquan.contracts import policy
from weiquan.contracts.welfare import WelfareWorkQueryV1

from welfare.handlers.common import authorized, filters_of, known_case
from welfare.repository import WelfareRepository
from welfare.views import (channel_view, claim_view, item_view, page, referral_view,
                           visit_view)


def case_welfare(store, case_no, principal):
    """Psychological referrals only for a principal the psych rule lets in (today the same
    office; the check stays so the two rules may part)."""
    principal = authorized(principal, "read_welfare")
    with store.session() as session:
        repo = WelfareRepository(session)
        case = known_case(repo, case_no)
        channel = repo.channel_of_case(case_no)
        answer = {"case_no": case_no, "police_id": case.police_id,
                  "officer_unit": case.officer_unit, "category": case.category,
                  "work_items": [item_view(i) for i in repo.items_of_case(case_no)],
                  "green_channel": channel_view(channel) if channel else None,
                  "visits": [visit_view(v) for v in repo.visits_of_case(case_no)],
                  "insurance_claims": [claim_view(c) for c in repo.claims_of_case(case_no)]}
        if policy.allowed("welfare", "psych", principal):
            _, referrals = repo.list_referrals(case_no=case_no, limit=1000)
            answer["psych_referrals"] = [referral_view(r) for r in referrals]
    return answer


def list_work(store, filters, principal):
    authorized(principal, "read_welfare")
    loaded, offset, limit = filters_of(WelfareWorkQueryV1, filters)
    with store.session() as session:
        total, items = WelfareRepository(session).list_items(
            loaded.get("state"), loaded.get("kind"), offset, limit)
    return page([item_view(i) for i in items], loaded, total)
