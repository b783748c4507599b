"""HTTP operations of legal affairs (legal_aid service, Art. 20-25, 33): rows of the one
operation table (gateway.operations). ``redaction_terms`` is deliberately absent: only the
publicity service asks for it, over RPC."""
from weiquan.contracts import legal_aid as lc
from weiquan.contracts.answers import legal_aid as la

from gateway.operation import Operation as Op


def _la(method, path, name, summary, action, rpc_method=None, **kw):
    return Op(method, path, name, summary, access=("legal_aid", action),
              rpc=("legal_aid", rpc_method or name), **kw)


OPERATIONS = (
    _la("GET", "/api/legal/work", "list_legal_work", "Open legal work items (the legal "
        "affairs queue)", "read_legal", query=lc.LegalWorkQueryV1, answer=la.LegalWorkListV1),
    _la("GET", "/api/legal/cases/{case_no}", "legal_case", "Legal affairs' file on a case: "
        "classification, counsel, determinations, appeals, reviews, liaison, offenders",
        "read_legal", answer=la.LegalCaseV1),
    _la("POST", "/api/legal/cases/{case_no}/classification", "decide_classification",
        "Confirm the suggested classification (Art. 21) or change it with a reason",
        "decide_classification", body=lc.DecideClassificationV1, answer=la.ClassificationV1,
        conflicts=True),
    _la("GET", "/api/legal/counsel", "list_counsel", "The counsel roster with current loads "
        "(Art. 25)", "read_legal", answer=la.CounselListV1),
    _la("POST", "/api/legal/counsel", "add_counsel", "Add a counsel to the roster",
        "manage_counsel", body=lc.CounselV1, answer=la.CounselRecordV1, status=201),
    _la("GET", "/api/legal/counsel/{counsel_id}", "get_counsel", "One counsel of the roster",
        "read_legal", answer=la.CounselRecordV1),
    _la("PUT", "/api/legal/counsel/{counsel_id}", "update_counsel", "Change a roster entry "
        "(specialities, relations, active)", "manage_counsel", body=lc.CounselV1,
        answer=la.CounselRecordV1),
    _la("POST", "/api/legal/assignments", "assign_counsel", "Assign counsel to a case: the "
        "named one or the least loaded free one; 409 counsel_conflicted / no_counsel_free",
        "assign_counsel", body=lc.AssignCounselV1, answer=la.AssignmentV1, status=201,
        conflicts=True),
    _la("GET", "/api/legal/assignments/{assignment_id}", "get_assignment",
        "An assignment with its work logs and fee claims", "read_legal",
        answer=la.AssignmentV1),
    _la("POST", "/api/legal/assignments/{assignment_id}/logs", "log_counsel_work",
        "Log counsel's work on an open assignment (date, hours, note)", "log_counsel_work",
        body=lc.WorkLogV1, answer=la.AssignmentV1, conflicts=True),
    _la("POST", "/api/legal/assignments/{assignment_id}/fee-claims", "claim_counsel_fee",
        "Claim counsel's fee (once per claim id); logistics makes it a payment request",
        "claim_counsel_fee", body=lc.FeeClaimV1, answer=la.AssignmentV1,
        conflicts=True),
    _la("POST", "/api/legal/assignments/{assignment_id}/close", "close_assignment",
        "End an assignment", "assign_counsel", answer=la.AssignmentV1, conflicts=True),
    _la("POST", "/api/legal/determinations", "record_determination", "Record a liability "
        "determination (Art. 22, 23)", "record_determination", body=lc.DeterminationV1,
        answer=la.DeterminationRecordV1, status=201),
    _la("GET", "/api/legal/determinations/{determination_id}", "get_determination",
        "One liability determination", "read_legal", answer=la.DeterminationRecordV1),
    _la("GET", "/api/legal/determinations/{determination_id}/leniency-letter",
        "leniency_letter", "The leniency recommendation letter (Chinese text) when Art. 23 "
        "factors apply; 409 otherwise", "read_legal", answer=la.LetterV1, conflicts=True),
    _la("POST", "/api/legal/appeals", "file_appeal", "File an appeal against accountability "
        "or discipline (Art. 24)", "file_appeal", body=lc.LegalAppealV1,
        answer=la.LegalAppealRecordV1,
        status=201),
    _la("POST", "/api/legal/appeals/{appeal_id}/decision", "decide_appeal", "Decide an "
        "appeal; 409 appeal_cannot_worsen when more severe than the appealed outcome",
        "decide_appeal", body=lc.DecideAppealV1, answer=la.LegalAppealRecordV1, conflicts=True),
    _la("POST", "/api/legal/reviews", "file_review", "File a review of unfair internal "
        "discipline (Art. 24 para. 2)", "file_review", body=lc.ReviewV1, answer=la.ReviewRecordV1,
        status=201),
    _la("POST", "/api/legal/reviews/{review_id}/decision", "decide_review", "Decide a review: "
        "revoke (grounds, committee approval) or uphold", "decide_review",
        body=lc.DecideReviewV1, answer=la.ReviewRecordV1, conflicts=True),
    _la("POST", "/api/legal/liaisons", "record_liaison", "Record a liaison with the "
        "procuratorate or a court (Art. 33)", "record_liaison", body=lc.LiaisonV1,
        answer=la.LiaisonRecordV1, status=201),
    _la("GET", "/api/legal/cases/{case_no}/offenders", "case_offenders", "A case's offenders, "
        "each with the other cases the same person touches (Art. 20, 35)", "read_offenders",
        answer=la.OffenderListV1),
    _la("POST", "/api/legal/cases/{case_no}/offenders", "record_offender", "Record an "
        "offender on a case", "record_offender", body=lc.OffenderV1, answer=la.OffenderRecordV1,
        status=201),
    _la("GET", "/api/legal/offenders", "repeat_offenders", "People recorded on more than one "
        "case (Art. 35)", "read_offenders", answer=la.RepeatOffendersV1),
)
