"""Messages of the logistics service (code -> (zh, en))."""

MESSAGES = {}

FIELD_PROBLEMS = {}

THINGS = {}
