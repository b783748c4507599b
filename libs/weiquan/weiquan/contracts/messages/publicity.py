"""Messages of the publicity service (code -> (zh, en)): refusals of contracts.policy.publicity,
conflicts of the statement path (Art. 30, 31, 35) and field problems."""

MESSAGES = {
    # refusals (contracts.policy.publicity)
    "statements_staff_only": ("仅局内工作人员可查看内部发布", "Only bureau staff read statements"),
    "only_publicity": ("仅宣传部门可执行此操作", "Only the publicity office may do this"),
    "only_legal_review": ("仅法制大队可进行法制审核", "Only legal affairs reviews statements"),
    "only_committee_approval": ("仅维权委主任和维权委成员可审批对外发布",
                                "Only the committee director and members approve statements"),
    "statement_not_visible": ("您无权查看该发布", "You may not read this statement"),
    # conflicts
    "statement_not_in_state": ("该发布当前状态为「{state_zh}」，不能{action_zh}",
                               "The statement is {state}; it cannot be {action_en}"),
    "correction_open": ("该发布已有更正版本（第 {version} 版）在办理中",
                        "A correction (version {version}) of this statement is already open"),
    "redaction_unavailable": ("暂时无法完成脱敏（{service} 无响应），未保存，请稍后重试",
                              "Redaction could not run ({service} did not answer); nothing was "
                              "saved, retry shortly"),
}

FIELD_PROBLEMS = {
    "case_required": ("澄清正名和典型案例须关联案件", "Name clearing and typical cases need a case"),
    "reason_required": ("退回时须说明理由", "A reason is required to return a statement"),
    "unit_scope_needs_case": ("未关联案件（或案件民警单位不明）的发布不能限于单位范围",
                              "Unit scope needs a case whose officer's unit is known"),
}

THINGS = {
    "statement": ("对外发布", "Statement"),
}
