"""Code lists fixed by the regulation (SPEC.md) and the HTTP contract (DESIGN.md)."""

# Art. 11: the ten covered situations.
CATEGORIES = (
    "violent_attack", "vehicle", "mobbing_obstruction", "physical_restraint",
    "threat_insult_harassment", "false_accusation_retaliation", "malicious_complaint_hype",
    "privacy_violation", "wrongful_accountability", "other",
)
CATEGORY_LABELS_ZH = {
    "violent_attack": "暴力袭击", "vehicle": "驾车冲撞、碾压、拖拽、剐蹭",
    "mobbing_obstruction": "聚众围堵、冲击、阻碍", "physical_restraint": "限制人身自由、撕咬、拉扯、推搡",
    "threat_insult_harassment": "威胁、恐吓、侮辱、谩骂、诽谤、滋扰",
    "false_accusation_retaliation": "诬告陷害、打击报复", "malicious_complaint_hype": "恶意投诉、炒作",
    "privacy_violation": "侵犯个人隐私", "wrongful_accountability": "不当问责、处理",
    "other": "其他侵权情形",
}
APPLICANT_TYPES = ("officer", "relative", "unit")          # Art. 12
CHANNELS = ("written", "intranet", "internet", "app")      # Art. 12
RELATIONS = ("spouse", "father", "mother", "son", "daughter", "sibling")  # Art. 39, nobody else
PERSONNEL_TYPES = ("regular", "auxiliary")                 # Art. 38
CASE_STATUSES = ("submitted", "accepted", "rejected", "appealed", "concluded",
                 "reexamination", "closed")
DEADLINE_STATES = ("running", "overdue", "met", "missed", "lapsed")
ROLES = ("officer", "relative", "unit_liaison", "committee_office", "committee_director",
         "committee_member", "command_center", "political_work", "logistics", "legal_affairs",
         "cyber_brigade", "publicity", "ops")
COMMITTEE_ROLES = ("committee_office", "committee_director", "committee_member")
APPLICANT_ROLES = ("officer", "relative", "unit_liaison")

# Case lifecycle after acceptance (Art. 15-18)
CONCLUSION_OUTCOMES = ("established", "partly_established", "not_established", "withdrawn")
REEXAMINATION_OUTCOMES = ("upheld", "revised")                  # Art. 17, higher level's answer
APPEAL_OUTCOMES = ("refusal_upheld", "refusal_overturned")      # Art. 15, higher level's answer

# Art. 35 ledger: how the statistics group cases; the outcome key of a case without a written
# conclusion is derived from its status (refused: rejected, or closed with the refusal upheld;
# pending: everything else), see docs/architecture.md "Ledger".
LEDGER_GROUPINGS = ("category", "month", "unit", "channel", "outcome", "place")
LEDGER_OUTCOMES = CONCLUSION_OUTCOMES + ("pending", "refused")
LEDGER_CLOSED_STATUSES = ("concluded", "closed", "rejected")   # every other status is open

# Live incidents and departments (Art. 9, 13, 19, 20)
DEPARTMENT_ROLES = ("command_center", "political_work", "logistics", "legal_affairs",
                    "cyber_brigade", "publicity")          # may refer a case (Art. 13 para. 2)
DEPARTMENT_NAMES_ZH = {"command_center": "指挥中心", "political_work": "政工室",
                       "logistics": "警务保障室", "legal_affairs": "法制大队",
                       "cyber_brigade": "网安大队", "publicity": "宣传部门"}
UNIT_KINDS = ("patrol", "investigation", "traffic", "special")
UNIT_STATUSES = ("available", "dispatched", "on_scene", "off_duty")
INCIDENT_STATUSES = ("open", "closed")
PROTECTED_PERSON_TYPES = ("officer", "relative")

# Work items (Art. 9, 19): a department's task on a case, announced by the department's
# service as work_opened / work_updated / work_closed and projected by intake onto the case.
WORK_STATES = ("open", "done", "cancelled")
WORK_KINDS = {
    "command_center": ("protection", "investigation"),
    "political_work": ("green_channel", "consolation_visit", "insurance_claim",
                       "psych_support", "training"),
    "logistics": ("consolation_payment", "compensation_payment", "counsel_fee_payment"),
    "cyber_brigade": ("web_evidence", "takedown"),
    "legal_affairs": ("classification", "counsel", "liability_determination",
                      "discipline_review", "liaison"),
    "publicity": ("name_clearing", "typical_case", "safety_warning"),
}
WORK_KIND_LABELS_ZH = {
    "protection": "人身保护措施", "investigation": "调查取证",
    "green_channel": "就医绿色通道", "consolation_visit": "走访慰问", "insurance_claim": "保险理赔",
    "psych_support": "心理疏导与危机干预", "training": "教育培训",
    "consolation_payment": "抚慰金支付", "compensation_payment": "第三方损失补偿",
    "counsel_fee_payment": "律师费用支付",
    "web_evidence": "网络证据固定", "takedown": "有害信息处置",
    "classification": "法律定性", "counsel": "法律顾问服务", "liability_determination": "责任认定",
    "discipline_review": "不当处理复查", "liaison": "检法联络",
    "name_clearing": "澄清正名", "typical_case": "典型案例发布", "safety_warning": "安全提示与警示",
}
WORK_STATE_LABELS_ZH = {"open": "办理中", "done": "已办结", "cancelled": "已撤销"}

# Funds (Art. 25-27): money is integer fen (1 yuan = 100 fen) everywhere; the API takes and
# shows yuan as a decimal string with at most two places.
FUND_KINDS = ("consolation", "compensation", "counsel_fee")
FUND_LABELS_ZH = {"consolation": "抚慰金", "compensation": "第三方损失补偿金",
                  "counsel_fee": "律师费用"}
PAYMENT_STATES = ("requested", "reviewed", "approved", "refused", "disbursed", "cancelled")
