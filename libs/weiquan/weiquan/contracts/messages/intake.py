"""Messages of the intake domain."""

MESSAGES = {}

FIELD_PROBLEMS = {}

THINGS = {}
