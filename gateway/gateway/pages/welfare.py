"""Portal pages of the political-work office (welfare service, Art. 28, 29, 32, 9(2)): rows of
the page table (pages/table.py). Each POST row's access is the policy action of the operation
it performs; psychological pages carry the psych rule."""
from gateway.pages import (welfare_case as case, welfare_green as green,
                           welfare_psych as psych, welfare_queue as queue,
                           welfare_training as training)
from gateway.pages.page import Page


def _w(action):
    return ("welfare", action)


PAGES = (
    Page("GET", "/welfare", "welfare_queue_page", "政工室关爱工作", queue.queue_page,
         access=_w("read_welfare"), nav="关爱工作"),
    Page("GET", "/welfare/case", "welfare_find_case", "查找案件", queue.find_case,
         access=_w("read_welfare")),
    Page("GET", "/welfare/green-channels/{item_id}", "welfare_green_page", "就医绿色通道",
         green.green_page, access=_w("read_welfare")),
    Page("POST", "/welfare/green-channels/{item_id}", "welfare_green_update_submit",
         "更新就医绿色通道", green.update_submit, access=_w("update_green_channel")),
    Page("POST", "/welfare/green-channels/{item_id}/close", "welfare_green_close_submit",
         "关闭就医绿色通道", green.close_submit, access=_w("update_green_channel")),
    Page("GET", "/welfare/cases/{case_no}", "welfare_case_page", "案件关爱工作",
         case.case_page, access=_w("read_welfare")),
    Page("POST", "/welfare/cases/{case_no}/visits", "welfare_visit_submit", "记录走访慰问",
         case.visit_submit, access=_w("record_visit")),
    Page("POST", "/welfare/cases/{case_no}/insurance-claims", "welfare_claim_submit",
         "申报保险理赔", case.claim_submit, access=_w("record_insurance")),
    Page("POST", "/welfare/insurance-claims/{claim_id}", "welfare_claim_state_submit",
         "更新理赔状态", case.claim_state_submit, access=_w("record_insurance")),
    Page("POST", "/welfare/cases/{case_no}/psych-referrals", "welfare_psych_submit",
         "转介心理危机干预", case.psych_submit, access=_w("psych")),
    Page("GET", "/welfare/psych-referrals/{referral_id}", "welfare_psych_page",
         "心理危机干预", psych.psych_page, access=_w("psych")),
    Page("POST", "/welfare/psych-referrals/{referral_id}/sessions",
         "welfare_psych_session_submit", "记录心理疏导", psych.session_submit,
         access=_w("psych")),
    Page("POST", "/welfare/psych-referrals/{referral_id}/close", "welfare_psych_close_submit",
         "结束心理危机干预", psych.close_submit, access=_w("psych")),
    Page("GET", "/welfare/trainings", "welfare_trainings_page", "教育培训",
         training.trainings_page, access=_w("manage_training"), nav="教育培训"),
    Page("POST", "/welfare/trainings", "welfare_training_submit", "记录教育培训",
         training.create_submit, access=_w("manage_training")),
    Page("GET", "/welfare/trainings/{training_id}", "welfare_training_page", "教育培训",
         training.training_page, access=_w("manage_training")),
    Page("POST", "/welfare/trainings/{training_id}/attendance", "welfare_attendance_submit",
         "登记参训人员", training.attendance_submit, access=_w("manage_training")),
)
