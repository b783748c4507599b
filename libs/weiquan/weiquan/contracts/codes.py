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
# fund kind -> the work-item kind of its payments (WORK_KINDS["logistics"])
WORK_KIND_OF_FUND = {"consolation": "consolation_payment", "compensation": "compensation_payment",
                     "counsel_fee": "counsel_fee_payment"}
PAYMENT_STATES = ("requested", "reviewed", "approved", "refused", "disbursed", "cancelled")

# Legal affairs (Art. 5, 8, 21-25). Art. 21: how an offender is pursued.
LEGAL_CLASSIFICATIONS = ("criminal", "administrative")
LEGAL_CLASSIFICATION_LABELS_ZH = {"criminal": "刑事案件（涉嫌妨害公务罪）",
                                  "administrative": "治安案件（阻碍执行职务）"}
LEGAL_BASIS_ZH = {"criminal": "《中华人民共和国刑法》第二百七十七条",
                  "administrative": "《中华人民共和国治安管理处罚法》第五十条第一款第二项、第二款"}
# Art. 22: the investigation team's classification of the officer's conduct and the outcome.
LIABILITY_CLASSIFICATIONS = ("fault", "flaw", "accident")
LIABILITY_CLASSIFICATION_LABELS_ZH = {"fault": "执法过错", "flaw": "执法瑕疵", "accident": "意外"}
# Ordered from the least to the most severe: the order an appeal may never climb (Art. 24).
LIABILITY_OUTCOMES = ("exempt", "reduce", "accountable")
LIABILITY_OUTCOME_LABELS_ZH = {"exempt": "免责", "reduce": "减责", "accountable": "问责"}
# Internal discipline (Art. 5, 24), least to most severe: no action, criticism and education
# (not a sanction), then the sanctions of the Civil Servant Law Art. 62 in their legal order.
DISCIPLINE_OUTCOMES = ("none", "criticism", "warning", "demerit", "major_demerit", "demotion",
                       "removal_from_post", "expulsion")
DISCIPLINE_OUTCOME_LABELS_ZH = {"none": "不予处理", "criticism": "批评教育", "warning": "警告",
                                "demerit": "记过", "major_demerit": "记大过", "demotion": "降级",
                                "removal_from_post": "撤职", "expulsion": "开除"}
# Art. 23: the circumstances that call for leniency (从轻、减轻或免于追究).
MITIGATING_FACTORS = ("subjective_cognition", "objective_conditions", "external_factors",
                      "not_intentional", "prompt_correction", "harm_limited")
MITIGATING_FACTOR_LABELS_ZH = {
    "subjective_cognition": "依法履职尽责，受主观认知影响", "objective_conditions": "受客观条件限制",
    "external_factors": "受外来因素影响", "not_intentional": "非因故意违法违规履职",
    "prompt_correction": "及时发现并主动纠正错误", "harm_limited": "积极采取措施避免或者减轻危害后果与影响",
}
# Art. 24 para. 2 and SPEC Art. 5: why an internal discipline is found unfair on review.
DISCIPLINE_REVIEW_GROUNDS = ("no_legal_basis", "procedure_violated", "facts_wrong",
                             "hype_or_petition_driven", "disproportionate")
DISCIPLINE_REVIEW_GROUND_LABELS_ZH = {
    "no_legal_basis": "无法定事由", "procedure_violated": "未经法定程序", "facts_wrong": "事实认定错误",
    "hype_or_petition_driven": "因舆论炒作或信访施压作出", "disproportionate": "处理明显过重",
}
# Art. 25: special legal counsel, what they practise and why one must step aside (Art. 21
# para. 2: the recusal rules of the Criminal Procedure Law apply).
COUNSEL_SPECIALITIES = ("criminal_victim", "criminal_defense", "administrative", "civil_tort",
                        "reputation_privacy")
COUNSEL_SPECIALITY_LABELS_ZH = {
    "criminal_victim": "刑事被害人代理", "criminal_defense": "刑事辩护",
    "administrative": "行政复议与诉讼", "civil_tort": "民事侵权与损害赔偿",
    "reputation_privacy": "名誉权与隐私保护",
}
COUNSEL_CONFLICTS = ("is_offender", "is_officer", "relative_of_offender", "relative_of_officer",
                     "acted_for_offender", "firm_represents_offender", "involved_in_case")
COUNSEL_CONFLICT_LABELS_ZH = {
    "is_offender": "本人即侵权行为人", "is_officer": "本人即当事民警",
    "relative_of_offender": "系侵权行为人的近亲属", "relative_of_officer": "系当事民警的近亲属",
    "acted_for_offender": "曾代理侵权行为人", "firm_represents_offender": "所在律所代理侵权行为人",
    "involved_in_case": "曾以其他身份参与本案",
}

# Publicity (Art. 30, 31, 35): statements, their review path and where they are published.
STATEMENT_KINDS = ("name_clearing", "typical_case", "safety_warning")
STATEMENT_KIND_LABELS_ZH = {"name_clearing": "澄清正名", "typical_case": "典型案例",
                            "safety_warning": "安全防范提示"}
STATEMENT_KINDS_WITH_CASE = ("name_clearing", "typical_case")   # a warning may have no case
STATEMENT_STATES = ("draft", "submitted", "legal_reviewed", "committee_approved", "published",
                    "superseded")
STATEMENT_STATE_LABELS_ZH = {"draft": "草稿", "submitted": "待法制审核",
                             "legal_reviewed": "法制审核通过、待维权委审批",
                             "committee_approved": "维权委已批准、待发布", "published": "已发布",
                             "superseded": "已被更正版本取代"}
STATEMENT_SCOPES = ("internal", "unit", "public")
STATEMENT_SCOPE_LABELS_ZH = {"internal": "局内公开", "unit": "当事民警所在单位", "public": "社会公开"}
# Art. 30: a concluded case of these categories, established at least in part, is cleared.
NAME_CLEARING_CATEGORIES = ("false_accusation_retaliation", "malicious_complaint_hype",
                            "wrongful_accountability")
NAME_CLEARING_OUTCOMES = ("established", "partly_established")
