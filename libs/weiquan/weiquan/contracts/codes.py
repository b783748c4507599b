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
