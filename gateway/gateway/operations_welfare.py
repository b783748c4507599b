"""HTTP operations of the political-work office (welfare service, Art. 28, 29, 32, 9(2)):
rows of the one operation table (gateway.operations). Every row is the political-work
office's alone; the welfare service checks the same rule again (psychological records above
all: a direct RPC is refused like the gateway's early 403)."""
from weiquan.contracts import welfare as w
from weiquan.contracts.answers import welfare as wa

from gateway.operation import Operation as Op


def _op(method, path, name, summary, action, body=None, query=None, answer=None, status=200,
        conflicts=False):
    return Op(method, f"/api/welfare{path}", name, summary, access=("welfare", action),
              rpc=("welfare", name), body=body, query=query, answer=answer, status=status,
              conflicts=conflicts)


OPERATIONS = (
    _op("GET", "/work", "list_work", "The political-work office's queue: its work items, "
        "open first, nearest due first", "read_welfare", query=w.WelfareWorkQueryV1,
        answer=wa.WelfareWorkListV1),
    _op("GET", "/cases/{case_no}", "case_welfare", "Everything the office holds on a case: "
        "work items, green channel, visits, insurance claims, psychological referrals",
        "read_welfare", answer=wa.CaseWelfareV1),
    # ---- medical green channel (Art. 28) --------------------------------------------------
    _op("GET", "/green-channels", "list_green_channels", "Green channels, open first, nearest "
        "due first", "read_welfare", query=w.GreenChannelQueryV1, answer=wa.GreenChannelListV1),
    _op("GET", "/green-channels/{item_id}", "get_green_channel", "One green channel (its id is "
        "its work item's)", "read_welfare", answer=wa.GreenChannelV1),
    _op("POST", "/green-channels/{item_id}", "update_green_channel", "Hospital, contact, "
        "treatment state (opened -> in_treatment)", "update_green_channel",
        body=w.GreenChannelUpdateV1, answer=wa.GreenChannelV1, conflicts=True),
    _op("POST", "/green-channels/{item_id}/close", "close_green_channel", "Close with an "
        "outcome; the work item is done", "update_green_channel", body=w.GreenChannelCloseV1,
        answer=wa.GreenChannelV1, conflicts=True),
    # ---- consolation visits and insurance (Art. 9(2)) -------------------------------------
    _op("POST", "/cases/{case_no}/visits", "record_visit", "Record a consolation visit; the "
        "first closes the case's consolation item", "record_visit", body=w.VisitV1,
        answer=wa.VisitAnswerV1, status=201),
    _op("POST", "/cases/{case_no}/insurance-claims", "file_insurance_claim", "File an "
        "insurance claim", "record_insurance", body=w.InsuranceClaimV1,
        answer=wa.InsuranceClaimAnswerV1, status=201),
    _op("POST", "/insurance-claims/{claim_id}", "update_insurance_claim", "Move a claim: "
        "filed -> under_review -> paid | refused", "record_insurance",
        body=w.InsuranceUpdateV1, answer=wa.InsuranceClaimAnswerV1, conflicts=True),
    # ---- psychological crisis intervention (Art. 29) --------------------------------------
    _op("POST", "/cases/{case_no}/psych-referrals", "refer_psych", "Refer the officer or a "
        "close relative for psychological crisis intervention", "psych",
        body=w.PsychReferralV1, answer=wa.PsychReferralAnswerV1, status=201),
    _op("GET", "/psych-referrals", "list_psych", "Psychological referrals, open first",
        "psych", query=w.PsychQueryV1, answer=wa.PsychListV1),
    _op("GET", "/psych-referrals/{referral_id}", "get_psych", "One referral with its sessions "
        "and follow-ups", "psych", answer=wa.PsychReferralAnswerV1),
    _op("POST", "/psych-referrals/{referral_id}/sessions", "record_psych_session",
        "Record a session or a follow-up", "psych", body=w.PsychSessionV1,
        answer=wa.PsychReferralAnswerV1, conflicts=True),
    _op("POST", "/psych-referrals/{referral_id}/close", "close_psych", "Close a referral",
        "psych", body=w.PsychCloseV1, answer=wa.PsychReferralAnswerV1, conflicts=True),
    # ---- training (Art. 32) ---------------------------------------------------------------
    _op("POST", "/trainings", "create_training", "Record a training session",
        "manage_training", body=w.TrainingV1, answer=wa.TrainingAnswerV1, status=201),
    _op("GET", "/trainings", "list_trainings", "Training sessions, newest first",
        "manage_training", query=w.TrainingQueryV1, answer=wa.TrainingListV1),
    _op("GET", "/trainings/{training_id}", "get_training", "One training session and who "
        "attended", "manage_training", answer=wa.TrainingAnswerV1),
    _op("POST", "/trainings/{training_id}/attendance", "record_attendance", "Add attendees by "
        "police id (repeats kept once)", "manage_training", body=w.AttendanceV1,
        answer=wa.TrainingAnswerV1),
)
