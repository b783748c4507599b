"""Messages of the welfare service (code -> (zh, en))."""

MESSAGES = {}

FIELD_PROBLEMS = {}

THINGS = {}
