"""Messages of the dispatch domain."""

MESSAGES = {}

FIELD_PROBLEMS = {}

THINGS = {}
