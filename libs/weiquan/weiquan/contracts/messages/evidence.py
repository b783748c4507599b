"""Messages of the evidence domain."""

MESSAGES = {}

FIELD_PROBLEMS = {}

THINGS = {}
