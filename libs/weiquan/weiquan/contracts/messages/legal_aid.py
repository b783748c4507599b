"""Messages of the legal-aid service (the legal affairs brigade, Art. 5, 8, 20-25, 33): code ->
(zh, en). Keys are the conflicts and field problems the legal_aid domain raises (appeals that
would worsen an outcome, counsel recusal, inconsistent liability determinations, offender
identities that cannot be right), and the things it may not find."""

MESSAGES = {
    # refusals (contracts.policy.legal_aid)
    "legal_readers": ("仅法制大队和维权委可以查看", "Only legal affairs and the committee may read this"),
    "only_legal_affairs": ("仅法制大队可以办理", "Only legal affairs may do this"),
    "legal_deciders": ("仅法制大队、维权委主任或委员可以作出决定",
                       "Only legal affairs, the committee director or members may decide"),
    "offender_recorders": ("仅维权办或法制大队可以登记侵权行为人",
                           "Only the committee office or legal affairs may record offenders"),
    "offender_readers": ("侵权行为人信息仅维权委和法制大队可以查看",
                         "Offender data is for the committee and legal affairs only"),
    "only_publicity_service": ("仅宣传部门可以取得脱敏词表", "Only publicity may read redaction terms"),
    "offender_scope": ("侵权行为人信息不对该角色开放", "Offender data is not open to this role"),
    # states (409)
    "classification_decided": ("该案法律定性已作出，不能重复决定",
                               "The case's classification is already decided"),
    "appeal_decided": ("该申诉已作出决定，不能重复决定", "The appeal is already decided"),
    "review_decided": ("该复核已作出决定，不能重复决定", "The review is already decided"),
    "assignment_closed": ("该指派已结束", "The assignment is closed"),
    "counsel_already_assigned": ("该法律顾问已指派到本案", "This counsel is already assigned to the case"),
    "claim_id_used": ("费用申请编号 {claim_id} 已用于其他指派",
                      "Claim id {claim_id} is used by another assignment"),
    "no_leniency_letter": ("本认定没有第二十三条从宽情形，不出具从宽处理建议函",
                           "No mitigating factors: no leniency letter"),
    # appeals and reviews (Art. 24)
    "appeal_cannot_worsen": ("申诉不得加重处理：原处理为「{appealed_zh}」，不能改为更重的「{outcome_zh}」"
                             "（第二十四条）",
                             "An appeal must never worsen the outcome: {appealed} cannot become "
                             "the more severe {outcome} (Art. 24)"),
    "change_needs_committee": ("变更处理结果（「{appealed_zh}」改为「{outcome_zh}」）须经维权委批准",
                               "Changing the outcome ({appealed} to {outcome}) needs the "
                               "committee's approval"),
    "revocation_needs_committee": ("撤销处理决定（{discipline_zh}）须经维权委批准",
                                   "Revoking the discipline ({discipline}) needs the "
                                   "committee's approval"),
    # counsel (Art. 21 para. 2, Art. 25)
    "counsel_conflicted": ("法律顾问须回避，不能指派：{detail_zh}",
                           "Counsel {counsel} must step aside and cannot be assigned "
                           "(conflicts: {conflicts})"),
    "counsel_not_free": ("法律顾问 {counsel} 当前承办 {load} 件，已达上限 {capacity} 件",
                         "Counsel {counsel} already handles {load} matters, the limit is "
                         "{capacity}"),
    "no_counsel_free": ("没有具备该专长（{speciality}）且有余力的法律顾问",
                        "No counsel with the speciality {speciality} is free"),
}

FIELD_PROBLEMS = {
    "unknown_case": ("案件不存在: {case_no}", "Unknown case: {case_no}"),
    "unknown_work_kind": ("法制大队没有此类工作: {kind}", "Legal affairs has no work of kind {kind}"),
    "appeal_no_determination": ("该责任认定不属于本案", "The determination is not on this case"),
    # classification (Art. 21)
    "unknown_legal_classification": ("法律定性无效，应为刑事或治安",
                                     "Unknown legal classification: {classification}"),
    "change_needs_reason": ("改变建议定性（{suggested} 改为 {chosen}）须说明理由",
                            "Changing the suggested classification ({suggested} to {chosen}) "
                            "needs a reason"),
    # liability determination (Art. 5, 22, 23)
    "unknown_liability_classification": ("责任认定类型无效，应为过错、瑕疵或意外",
                                         "Unknown classification: {classification}"),
    "unknown_outcome_on_scale": ("处理结果无效: {outcome}", "Unknown outcome: {outcome}"),
    "accident_is_exempt": ("认定为意外的，应当免责", "An accident is exempt from liability"),
    "accountable_needs_fault": ("只有认定为执法过错的才能问责（第五条）",
                                "Only a fault can be held accountable (Art. 5)"),
    "mitigation_needs_leniency": ("存在第二十三条从宽情形的，应当减责或免责",
                                  "With mitigating factors (Art. 23) the outcome is reduce or "
                                  "exempt"),
    "unknown_mitigating_factor": ("从宽情形无效", "Unknown mitigating factor"),
    "team_required": ("调查组至少需要一名成员", "The investigation team needs at least one member"),
    "officer_on_own_team": ("当事民警不能参加对本人的调查组（回避）",
                            "The officer concerned cannot sit on the team (recusal)"),
    "legal_listed_twice": ("重复填写", "Listed twice"),
    # reviews of internal discipline (Art. 24 para. 2)
    "unknown_review_ground": ("复核理由无效: {ground}", "Unknown review ground: {ground}"),
    "revocation_needs_grounds": ("撤销处理决定须写明理由", "A revocation needs its grounds"),
    "nothing_to_review": ("未作处理，无需复核", "There is no discipline to review"),
    # counsel (Art. 25)
    "unknown_speciality": ("专长无效: {speciality}", "Unknown speciality: {speciality}"),
    "bad_counsel_count": ("应为非负整数（承办上限至少为 1）",
                          "Must be a whole number, at least 0 (capacity at least 1)"),
    "unknown_relation_kind": ("关系类型无效", "Unknown relation kind"),
    # offenders (Art. 20, 35)
    "offender_bad_id": ("身份证号码无效（校验位或出生日期不符）",
                        "Not a valid resident ID (check digit or birth date)"),
    "offender_bad_phone": ("电话号码无效", "Not a valid phone number"),
    "birth_date_not_id": ("出生日期与身份证号码不一致",
                          "The birth date differs from the one in the resident ID"),
}

THINGS = {
    "offender": ("侵权行为人", "Offender"),
    "counsel": ("法律顾问", "Counsel"),
    "liability_determination": ("责任认定", "Liability determination"),
    "legal_appeal": ("申诉", "Appeal"),
    "discipline_review": ("不当处理复核", "Discipline review"),
    "classification": ("法律定性", "Classification"),
    "counsel_assignment": ("法律顾问指派", "Counsel assignment"),
}
