"""Messages of the intake domain (the committee office's cases). Conflicts name the status the
case is in (``status_now``); refusals (``forbidden``) say who may, keyed by the ``refusal`` of
contracts/policy/intake.py or by a scope rule of intake.domain.access."""

_STATUS_ZH, _STATUS_EN = "（当前状态 {status_now}）", " (status {status_now})"


def _conflict(zh, en):
    return zh + _STATUS_ZH, en + _STATUS_EN


MESSAGES = {
    # conflicts: the command is well formed, the case's state refuses it
    "already_decided": _conflict("该申请已作出决定", "This application has already been decided"),
    "not_rejected": _conflict("仅不予受理的申请可申请复议",
                              "Only a refused application can be appealed"),
    "appeal_window_closed": (
        "复议申请期限已于 {window_closed_on} 届满（第十五条：收到答复之日起10个工作日内）",
        "The appeal window closed on {window_closed_on} (Art. 15: 10 working days after the "
        "answer was received)"),
    "not_accepted": _conflict("仅已受理的案件可以办结", "Only an accepted case can be concluded"),
    "no_open_reply_deadline": _conflict("该案件没有进行中的书面答复期限，不能延期",
                                        "The case has no open written-reply deadline to extend"),
    "not_concluded": _conflict("仅已办结的案件可以申请复查",
                               "Re-examination can be asked only after the conclusion"),
    "not_in_reexamination": _conflict("该案件不在复查中", "The case is not under re-examination"),
    "not_open": _conflict("仅办理中的案件可以提请上级协调", "Only an open case can be escalated"),
    "not_appealed": _conflict("该案件不在复议中", "The case has no pending appeal"),
    "escalation_answered": ("第 {escalation_id} 次提请协调已录入结果",
                            "Escalation {escalation_id} already has its outcome"),
    "request_id_reused": ("请求标识已被使用", "Idempotency key reused"),
    # refusals (code forbidden): the policy's refusal keys and the scope rules
    "may_not_apply": ("该角色不能提交维权申请", "This role cannot submit applications"),
    "officer_without_police_id": ("账号未登记警号，不能以民警身份申请",
                                  "This account has no police ID and cannot apply as an officer"),
    "may_not_list_cases": ("该角色不能查看案件列表", "This role cannot list cases"),
    "may_not_view_case": ("无权查看此案件", "You may not see this case"),
    "only_office_decides": ("仅维权办可作出受理决定",
                            "Only the committee office decides on acceptance"),
    "only_applicant_appeals": ("仅申请人或案件所涉民警本人可以申请复议",
                               "Only the applicant or the officer the case concerns may appeal a "
                               "refusal"),
    "only_office_concludes": ("仅维权办可作出书面办理结论",
                              "Only the committee office concludes a case"),
    "only_director_extends": ("仅维权委主任可批准延期（第十六条）",
                              "Only the committee director approves an extension (Art. 16)"),
    "only_applicant_reexamination": ("仅申请人或案件所涉民警本人可以申请复查",
                                     "Only the applicant or the officer the case concerns may "
                                     "ask for re-examination"),
    "only_office_records_reexamination": (
        "仅维权办可录入复查结果", "Only the committee office records the re-examination outcome"),
    "only_committee_escalates": (
        "仅维权办或维权委主任可提请上级协调",
        "Only the committee office or director escalates to the higher level"),
    "only_committee_records_escalation": ("仅维权委可录入上级协调结果",
                                          "Only the committee records the higher level's answer"),
    "only_office_records_appeal": ("仅维权办可录入复议结果",
                                   "Only the committee office records the appeal outcome"),
    "only_committee_accountability": ("仅维权委可查看问责记录",
                                      "Only the committee sees accountability"),
    "only_director_or_ops_reload": (
        "仅维权委主任或运维人员可重新载入工作日历",
        "Only the committee director or ops may reload the calendar"),
    "only_cc_or_committee_incident_case": (
        "仅指挥中心和维权委可查询警情案件",
        "Only the command center and the committee may ask this"),
    "only_department_refers": ("仅各业务部门可移送案件", "Only a department may refer a case"),
    "may_not_list_work_items": ("仅维权委和各业务部门可查看待办事项，业务部门仅可查看本部门的",
                                "Only the committee and the departments list work items, a "
                                "department only its own"),
    "only_committee_ledger": ("仅维权委可查看台账统计与导出（第三十五条）",
                              "Only the committee sees the ledger and its exports (Art. 35)"),
    "ledger_patterns_readers": ("仅维权委、法制大队和宣传部门可查看侵权热点与趋势（第三十五条）",
                                "Only the committee, legal affairs and publicity see the "
                                "hot spots and trends (Art. 35)"),
}

FIELD_PROBLEMS = {
    # who files what (Art. 12)
    "applies_as_own_type": ("您的账号只能以 {own_type} 身份申请",
                            "Your account applies as '{own_type}' only."),
    "written_is_keyed_in": ("书面申请由维权办录入",
                            "Written applications are keyed in by the committee office."),
    "office_keys_in_written_only": (
        "维权办仅录入书面申请（渠道须为 written）",
        "The committee office keys in written applications only (channel must be 'written')"),
    "received_at_keyed_in_only": (
        "仅维权办录入书面申请时可填写收件时间",
        "Only the committee office keying in a written application may set received_at."),
    "own_unit_only": ("单位只能为本单位民警申请", "A unit applies for its own officers only."),
    "own_police_id_only": ("民警本人申请时警号须为本人警号",
                           "An officer applies for himself or herself: police_id must be your "
                           "own."),
    # believable times
    "incident_in_future": ("事发时间不能晚于当前时间",
                           "The incident cannot have occurred in the future."),
    "received_in_future": ("收件时间不能晚于当前时间", "received_at cannot be in the future."),
    "received_before_incident": ("收件时间不能早于事发时间",
                                 "received_at cannot be before the incident occurred."),
    "decided_in_future": ("决定时间不能晚于当前时间", "decided_at cannot be in the future."),
    "decided_before_receipt": ("决定时间不能早于收件时间",
                               "decided_at cannot be before the application was received."),
    "answer_received_in_future": ("收到答复时间不能晚于当前时间",
                                  "answer_received_at cannot be in the future."),
    "answer_received_before_decision": ("收到答复时间不能早于决定时间",
                                        "answer_received_at cannot be before the decision."),
    "requested_before_conclusion": (
        "复查申请时间不能早于办结时间 {concluded_at}",
        "requested_at cannot be before the conclusion ({concluded_at})."),
    "before_refusal": ("{field} 不能早于不予受理决定时间（{earliest}）",
                       "{field} cannot be before the refusal ({earliest})."),
    "before_reexamination_request": ("{field} 不能早于复查申请时间（{earliest}）",
                                     "{field} cannot be before the re-examination request "
                                     "({earliest})."),
    "before_escalation": ("{field} 不能早于提请协调时间（{earliest}）",
                          "{field} cannot be before the escalation ({earliest})."),
    # the director's extension (Art. 16)
    "extension_needs_reason": ("延期须说明理由", "An extension needs a reason."),
    "not_a_working_day": ("新期限 {day} 不是工作日", "new_due {day} is not a working day."),
    "not_later_than_due": ("新期限须晚于当前期限 {current}",
                           "new_due must be later than the current due date {current}."),
    "already_passed": ("新期限 {day} 已过", "new_due {day} has already passed."),
    # escalations (Art. 18) and case lists
    "no_such_escalation": ("该案件没有第 {number} 次提请协调", "The case has no escalation {number}."),
    "unknown_status": ("状态无效", "Unknown status: {status}"),
    "unknown_category": ("类别无效", "Unknown category: {category}"),
}

THINGS = {
    "incident_case": ("警情对应的案件", "Case of incident"),
    "deadline": ("该案件的期限", "Deadline of this case"),
}
