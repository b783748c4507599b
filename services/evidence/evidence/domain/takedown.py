"""Takedown requests for harmful posts (Art. 9(7)): requested -> submitted -> removed | refused."""
from evidence.domain.errors import InvalidTransition

STATUSES = ("requested", "submitted", "removed", "refused")
NEXT = {"requested": ("submitted",), "submitted": ("removed", "refused"),
        "removed": (), "refused": ()}
PROBLEMS = ("unknown_takedown_status", "invalid_transition", "takedown_closed")


def check_transition(current, new):
    """None when ``current`` may move to ``new``, else the problem code."""
    if new not in STATUSES:
        return "unknown_takedown_status"
    if new not in NEXT[current]:
        return "invalid_transition" if NEXT[current] else "takedown_closed"
    return None


def require_transition(current, new):
    """Raise InvalidTransition unless ``current`` may move to ``new``."""
    problem = check_transition(current, new)
    if problem:
        raise InvalidTransition(problem, current, new, NEXT.get(current, ()))
