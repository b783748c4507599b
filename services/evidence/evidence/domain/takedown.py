"""Takedown requests for harmful posts (Art. 9(7)): requested -> submitted -> removed | refused."""

STATUSES = ("requested", "submitted", "removed", "refused")
NEXT = {"requested": ("submitted",), "submitted": ("removed", "refused"),
        "removed": (), "refused": ()}


def check_transition(current, new):
    """None when ``current`` may move to ``new``, else a bilingual reason."""
    if new not in STATUSES:
        return f"状态须为 {', '.join(STATUSES[1:])} 之一 / Status must be one of " \
               f"{', '.join(STATUSES[1:])}."
    if new not in NEXT[current]:
        allowed = ", ".join(NEXT[current]) or "none"
        return f"不能从 {current} 变为 {new}（可选：{allowed}） / Cannot go from {current} to " \
               f"{new} (allowed: {allowed})."
    return None
