"""Portal pages of legal affairs (legal_aid service): rows of the page table (pages/table.py).
Each POST row's access is the policy action of the operation it performs."""
from gateway.pages import legal_assignment as la
from gateway.pages import legal_forms as lf
from gateway.pages import legal_pages as lp
from gateway.pages.page import Page


def _la(action):
    return ("legal_aid", action)


PAGES = (
    Page("GET", "/legal", "legal_queue_page", "法制大队工作", lp.queue_page,
         access=_la("read_legal"), nav="法制工作"),
    Page("GET", "/legal/cases/{case_no}", "legal_case_page", "案件法制工作", lp.case_page,
         access=_la("read_legal")),
    Page("POST", "/legal/cases/{case_no}/classification", "legal_classification_submit",
         "法律定性", lp.classification_submit, access=_la("decide_classification")),
    Page("POST", "/legal/cases/{case_no}/assignments", "legal_assign_submit", "指派法律顾问",
         lp.assign_submit, access=_la("assign_counsel")),
    Page("POST", "/legal/cases/{case_no}/offenders", "legal_offender_submit", "登记侵权行为人",
         lp.offender_submit, access=_la("record_offender")),
    Page("POST", "/legal/cases/{case_no}/liaisons", "legal_liaison_submit", "登记检法联络",
         lp.liaison_submit, access=_la("record_liaison")),
    Page("POST", "/legal/cases/{case_no}/determinations", "legal_determination_submit",
         "登记责任认定", lf.determination_submit, access=_la("record_determination")),
    Page("POST", "/legal/cases/{case_no}/appeals", "legal_appeal_submit", "登记申诉",
         lf.appeal_submit, access=_la("file_appeal")),
    Page("POST", "/legal/cases/{case_no}/appeals/{appeal_id}/decision",
         "legal_appeal_decision_submit", "申诉决定", lf.appeal_decision_submit,
         access=_la("decide_appeal")),
    Page("POST", "/legal/cases/{case_no}/reviews", "legal_review_submit", "登记复查申请",
         lf.review_submit, access=_la("file_review")),
    Page("POST", "/legal/cases/{case_no}/reviews/{review_id}/decision",
         "legal_review_decision_submit", "复查结论", lf.review_decision_submit,
         access=_la("decide_review")),
    Page("GET", "/legal/assignments/{assignment_id}", "legal_assignment_page", "法律顾问服务",
         la.assignment_page, access=_la("read_legal")),
    Page("POST", "/legal/assignments/{assignment_id}/logs", "legal_work_log_submit",
         "登记工作记录", la.log_submit, access=_la("log_counsel_work")),
    Page("POST", "/legal/assignments/{assignment_id}/fee-claims", "legal_fee_claim_submit",
         "申请法律顾问费用", la.fee_submit, access=_la("claim_counsel_fee")),
    Page("POST", "/legal/assignments/{assignment_id}/close", "legal_assignment_close_submit",
         "结束法律顾问服务", la.close_submit, access=_la("assign_counsel")),
    Page("GET", "/legal/counsel/new", "legal_counsel_form", "新增法律顾问", lp.counsel_form,
         access=_la("manage_counsel")),
    Page("POST", "/legal/counsel", "legal_counsel_submit", "新增法律顾问", lp.counsel_submit,
         access=_la("manage_counsel")),
    Page("GET", "/legal/offenders", "legal_offenders_page", "多案侵权行为人", lp.offenders_page,
         access=_la("read_offenders")),
    Page("GET", "/legal/determinations/{determination_id}/letter", "legal_letter_page",
         "从宽处理建议函", lp.letter_page, access=_la("read_legal")),
)
