"""Messages shared by every department."""

MESSAGES = {
    "not_found": ("{what_zh}不存在: {ident}", "{what_en} not found: {ident}"),
    "forbidden": ("无权执行此操作", "You are not allowed to do this"),
    "validation_failed": ("请求数据校验失败", "Request validation failed"),
    "concurrent_update": ("已被他人修改，请刷新后重试",
                          "Changed by someone else meanwhile; reload and retry"),
}

FIELD_PROBLEMS = {
    "in_future": ("{field} 不能晚于当前时间", "{field} cannot be in the future"),
    "required": ("缺少必填字段", "Missing required field"),
    "blank": ("不能为空白", "Must not be blank"),
}

THINGS = {
    "case": ("案件", "Case"),  # every department names cases
}
