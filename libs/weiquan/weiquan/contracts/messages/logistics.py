"""Messages of the logistics service (code -> (zh, en)): refusals of contracts.policy.logistics,
conflicts of the payment path (Art. 25-27) and field problems."""

MESSAGES = {
    # refusals (contracts.policy.logistics)
    "funds_readers": ("仅警务保障室和维权委可查看经费与支付",
                      "Only the logistics office and the committee see funds and payments"),
    "only_logistics": ("仅警务保障室可执行此操作", "Only the logistics office may do this"),
    "may_not_request_payment": ("仅警务保障室、政工室和维权办可提出支付申请",
                                "Only logistics, the political-work office and the committee "
                                "office may request a payment"),
    "only_approvers": ("仅维权委主任和维权委成员可审批支付",
                       "Only the committee director and the committee approve payments"),
    "may_not_file_compensation": ("仅警务保障室和维权办可登记第三方损失补偿",
                                  "Only logistics and the committee office file compensation "
                                  "claims"),
    "above_threshold": ("金额 {amount} 元超出您的审批权限（上限 {limit} 元），须由{needed_zh}审批",
                        "The amount {amount} yuan is above your approval limit ({limit} yuan); "
                        "{needed_en} must approve it"),
    "political_work_consolation_only": ("政工室只能申请和查看抚慰金支付",
                                        "The political-work office requests and sees "
                                        "consolation payments only"),
    # conflicts
    "fund_exhausted": ("经费余额不足：{fund_zh}（{year} 年度）余额 {balance} 元，不足支付 {amount} 元",
                       "Fund exhausted: {fund} ({year}) has {balance} yuan left, less than "
                       "{amount} yuan"),
    "no_budget": ("{fund_zh}尚未设定 {year} 年度预算", "No {year} budget is set for {fund}"),
    "budget_below_committed": ("预算 {budget} 元低于已批准金额 {committed} 元",
                               "The budget {budget} yuan is below the {committed} yuan "
                               "already approved"),
    "payment_not_in_state": ("支付申请当前状态为「{state_zh}」，不能{action_zh}",
                             "The payment request is {state}; it cannot be {action_en}"),
    "not_scheduled": ("支付指令尚未生成，请稍后重试",
                      "The disbursement order is not scheduled yet; retry shortly"),
    "case_not_payable": ("案件 {case_no} 状态为「{status}」，不能申请支付",
                         "Case {case_no} is {status}; no payment can be requested on it"),
}

FIELD_PROBLEMS = {
    "unknown_case": ("案件不存在: {case_no}", "Unknown case: {case_no}"),
    "no_budget_for_fund": ("{fund} 尚未设定 {year} 年度预算", "No {year} budget is set for {fund}"),
}

THINGS = {
    "payment": ("支付申请", "Payment request"),
    "fund": ("经费", "Fund"),
}
