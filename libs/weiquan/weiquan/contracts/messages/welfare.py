"""Messages of the welfare service (the political-work office, Art. 28, 29, 32): code ->
(zh, en). Keys are the refusal reasons of contracts.policy.welfare, the conflicts and field
problems the welfare domain raises, and the things it may not find."""

MESSAGES = {
    # refusals (contracts.policy.welfare)
    "welfare_only_political_work": ("仅政工室可查看和办理民警关爱工作",
                                    "Only the political-work office sees and handles welfare "
                                    "work"),
    "psych_only_political_work": ("心理危机干预记录仅政工室可查看和办理（第二十九条）",
                                  "Psychological records are for the political-work office "
                                  "only (Art. 29)"),
    # conflicts
    "green_channel_closed": ("就医绿色通道已关闭，不能再修改",
                             "The green channel is closed; it cannot change"),
    "green_channel_backwards": ("救治状态不能从 {state} 回到 {requested}",
                                "The treatment state cannot go back from {state} to "
                                "{requested}"),
    "claim_settled": ("理赔已结束（{state}），不能再改为 {requested}",
                      "The claim is settled ({state}); it cannot become {requested}"),
    "claim_same_state": ("理赔已是 {state} 状态", "The claim is already {state}"),
    "psych_closed": ("该心理干预已结束", "This psychological referral is closed"),
}

FIELD_PROBLEMS = {
    "welfare_in_future": ("{field} 不能晚于当前时间", "{field} cannot be in the future."),
    "police_id_twice": ("警号重复: {police_id}", "Police ID listed twice: {police_id}"),
    "unknown_welfare_state": ("状态无效", "Unknown state: {state}"),
}

THINGS = {
    "green_channel": ("就医绿色通道", "Green channel"),
    "insurance_claim": ("保险理赔", "Insurance claim"),
    "psych_referral": ("心理危机干预", "Psychological referral"),
    "training": ("教育培训", "Training"),
}
