"""Messages of the dispatch domain (the command center, Art. 13, 19, 20). Keys are the codes,
refusal reasons and field problems the dispatch service raises; the wording is the one its
clients have always read."""

MESSAGES = {
    # refusals (contracts.policy.dispatch)
    "only_command_center": ("仅指挥中心可执行此操作", "Only the command center may do this"),
    "only_cc_or_committee_incidents": ("仅指挥中心和维权委可查看警情",
                                       "Only the command center and the committee see "
                                       "incidents"),
    # conflicts
    "unit_busy": ("警力正在执行任务（{unit_status}），不能改为 {requested_status}",
                  "The unit is on a task ({unit_status}); cannot set {requested_status}"),
    "incident_closed": ("警情已结束，不能再派警", "The incident is closed; no more dispatches"),
    "incident_already_closed": ("警情已结束", "The incident is already closed"),
    "unit_unavailable": ("警力不可用: {units}", "Units not available: {units}"),
    "already_acknowledged": ("该派警已确认接收", "This dispatch was already acknowledged"),
    "not_acknowledged": ("警力尚未确认接收，请先确认",
                         "The unit has not acknowledged yet; acknowledge first"),
    "already_arrived": ("该警力已到达现场", "The unit already arrived"),
    "case_already_linked": ("警情已关联案件 {case_no}",
                            "The incident is already linked to {case_no}"),
    "unit_exists": ("警力名称已存在: {name}", "A unit with this name exists: {name}"),
    # a revoked or expired protective order is history: it is neither extended nor revoked
    "order_revoked": ("保护令已撤销，不能再延期或撤销",
                      "The protective order was revoked; it cannot be extended or revoked"),
    "order_expired": ("保护令已于 {valid_until} 到期，不能再延期或撤销",
                      "The protective order expired at {valid_until}; it cannot be extended "
                      "or revoked"),
}

# ``{unit}``: the unit id given at that field (Invalid's per_field facts).
FIELD_PROBLEMS = {
    "unit_listed_twice": ("警力重复: {unit}", "Unit listed twice: {unit}"),
    "unknown_unit": ("警力不存在: {unit}", "Unknown unit: {unit}"),
    "unknown_incident": ("警情不存在: {incident_id}", "Unknown incident: {incident_id}"),
    "validity_not_in_future": ("有效期须晚于当前时间", "{field} must be in the future."),
    "unknown_incident_status": ("状态无效", "Unknown status: {status}"),
    "validity_not_later": ("新有效期须晚于当前有效期（{current}）",
                           "{field} must be later than the current one ({current})."),
}

THINGS = {
    "incident": ("警情", "Incident"),
    "unit": ("警力", "Unit"),
    "dispatch": ("派警", "Dispatch"),
    "protective_order": ("保护令", "Protective order"),
}
