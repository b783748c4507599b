"""Chinese labels of the contracts' codes, shared by the ledger's exports and the portal."""
from weiquan.contracts.codes import CATEGORY_LABELS_ZH  # noqa: F401  (one import place)

CHANNEL_LABELS_ZH = {"written": "书面", "intranet": "内网", "internet": "互联网",
                     "app": "移动应用"}
STATUS_LABELS_ZH = {"submitted": "已提交", "accepted": "已受理", "rejected": "不予受理",
                    "appealed": "复议中", "concluded": "已办结", "reexamination": "复查中",
                    "closed": "已结案"}
OUTCOME_LABELS_ZH = {"established": "成立", "partly_established": "部分成立",
                     "not_established": "不成立", "withdrawn": "撤回", "pending": "未办结",
                     "refused": "不予受理"}
# The higher level's answers (Art. 15, 17): contracts.codes APPEAL_OUTCOMES, REEXAMINATION_OUTCOMES.
APPEAL_OUTCOME_LABELS_ZH = {"refusal_upheld": "维持不予受理决定",
                            "refusal_overturned": "撤销不予受理决定，予以受理"}
REEXAMINATION_OUTCOME_LABELS_ZH = {"upheld": "维持原处理", "revised": "变更原处理"}
APPLICANT_TYPE_LABELS_ZH = {"officer": "民警本人", "relative": "民警近亲属", "unit": "民警所在单位"}
RELATION_LABELS_ZH = {"spouse": "配偶", "father": "父亲", "mother": "母亲", "son": "儿子",
                      "daughter": "女儿", "sibling": "同胞兄弟姐妹"}
PERSONNEL_TYPE_LABELS_ZH = {"regular": "民警", "auxiliary": "警务辅助人员"}
DEADLINE_KIND_LABELS_ZH = {
    "acceptance_decision": "受理决定期限（第十四条）",
    "anti_gang_decision": "涉黑恶案件受理目标（第三十四条）",
    "written_reply": "书面答复期限（第十六条）",
    "appeal_window": "申请复议期限（第十五条）",
}
DEADLINE_STATE_LABELS_ZH = {"running": "进行中", "overdue": "已逾期", "met": "已按期完成",
                            "missed": "逾期完成", "lapsed": "已失效"}
TIMELINE_LABELS_ZH = {
    "application_submitted": "提交申请", "case_accepted": "决定受理",
    "case_rejected": "决定不予受理", "case_appealed": "申请复议", "appeal_decided": "复议结果",
    "case_concluded": "作出书面结论", "deadline_extended": "延长答复期限",
    "reexamination_requested": "申请复查", "reexamination_decided": "复查结果",
    "case_escalated": "提请上级协调", "escalation_answered": "上级答复",
    "deadline_missed": "期限届满未办结", "case_referred": "部门移送",
    # every department's work items on the case (DESIGN.md "Work items")
    "work_opened": "部门工作事项开始", "work_updated": "部门工作事项进展",
    "work_closed": "部门工作事项办结",
}
ROLE_LABELS_ZH = {
    "officer": "民警", "relative": "民警近亲属", "unit_liaison": "单位联络员",
    "committee_office": "维权委员会办公室", "committee_director": "维权委员会主任",
    "committee_member": "维权委员会成员", "command_center": "指挥中心", "political_work": "政工室",
    "logistics": "警务保障室", "legal_affairs": "法制大队", "cyber_brigade": "网安大队",
    "publicity": "宣传部门", "ops": "运维",
}
LEDGER_GROUPING_LABELS_ZH = {"category": "侵权情形", "month": "收件月份", "unit": "民警所在单位",
                             "channel": "申请渠道", "outcome": "办理结果", "place": "事发地点"}

# The command center (Art. 13, 20): contracts.codes UNIT_KINDS, UNIT_STATUSES,
# INCIDENT_STATUSES, PROTECTED_PERSON_TYPES.
UNIT_KIND_LABELS_ZH = {"patrol": "巡逻", "investigation": "侦查", "traffic": "交警",
                       "special": "特警"}
UNIT_STATUS_LABELS_ZH = {"available": "可调派", "dispatched": "已派出", "on_scene": "在现场",
                         "off_duty": "休息"}
INCIDENT_STATUS_LABELS_ZH = {"open": "处置中", "closed": "已结束"}
PROTECTED_PERSON_TYPE_LABELS_ZH = {"officer": "民警本人", "relative": "民警近亲属"}

# The political-work office (Art. 28, 29, 32): contracts.welfare GREEN_CHANNEL_STATES,
# CLAIM_STATES, PSYCH_STATES, PSYCH_SESSION_KINDS.
GREEN_CHANNEL_STATE_LABELS_ZH = {"opened": "已开启", "in_treatment": "救治中", "closed": "已关闭"}
CLAIM_STATE_LABELS_ZH = {"filed": "已申报", "under_review": "审核中", "paid": "已赔付",
                         "refused": "未获赔付"}
PSYCH_STATE_LABELS_ZH = {"open": "干预中", "closed": "已结束"}
PSYCH_SESSION_KIND_LABELS_ZH = {"session": "疏导", "follow_up": "回访"}

# The logistics office (Art. 25-27): contracts.codes PAYMENT_STATES, payment origins.
PAYMENT_STATE_LABELS_ZH = {"requested": "待审核", "reviewed": "待审批",
                           "approved": "已批准，待支付", "refused": "未获批准",
                           "disbursed": "已支付", "cancelled": "已撤销"}
PAYMENT_ORIGIN_LABELS_ZH = {"request": "支付申请", "compensation_claim": "第三方损失补偿申请",
                            "counsel_fee_claim": "律师费用申请（法制大队）"}

# The publicity office (Art. 30, 31, 35): where a statement came from, who returned it.
STATEMENT_ORIGIN_LABELS_ZH = {"manual": "宣传部门起草", "case_concluded": "案件办结后自动起草",
                              "discipline_revoked": "处理决定撤销后自动起草",
                              "correction": "更正版本"}
STATEMENT_RETURN_LABELS_ZH = {"legal_review": "法制审核退回", "committee": "维权委审批退回"}


def label(labels, code):
    return labels.get(code, code) if code is not None else ""
