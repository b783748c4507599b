"""How each clock's due date follows from its start (SPEC.md "Time rules"), and the working
hours in which people are reminded. Pure: the calendar and 'now' are passed in."""
from datetime import datetime, time, timedelta

from weiquan.config import TZ

from intake.domain.model import (ACCEPTANCE_DECISION, ANTI_GANG_DECISION, APPEAL_WINDOW,
                                 WRITTEN_REPLY)

# kind -> (counting, n): "working_days" = within N working days, "days" = within N days
DUE_RULES = {
    ACCEPTANCE_DECISION: ("working_days", 3),   # Art. 14
    ANTI_GANG_DECISION: ("working_days", 1),    # Art. 34, internal target
    WRITTEN_REPLY: ("days", 30),                # Art. 16
    APPEAL_WINDOW: ("working_days", 10),        # Art. 15
}
WORKDAY_START = time(8, 30)
WORKDAY_END = time(17, 30)


def compute_due(kind, start_at, calendar):
    counting, n = DUE_RULES[kind]
    start_day = start_at.astimezone(TZ).date()
    if counting == "working_days":
        return calendar.add_working_days(start_day, n)
    return calendar.add_days(start_day, n)


def reckon(kind, start_at, calendar):
    """The reckoning behind ``compute_due``: the same rule, every day explained."""
    counting, n = DUE_RULES[kind]
    start_day = start_at.astimezone(TZ).date()
    if counting == "working_days":
        return calendar.reckon_working_days(start_day, n)
    return calendar.reckon_days(start_day, n)


def in_working_hours(now, calendar):
    """Reminders go out 08:30-17:30 Asia/Shanghai on working days only, never at midnight."""
    local = now.astimezone(TZ)
    return calendar.is_working_day(local.date()) and WORKDAY_START <= local.time() < WORKDAY_END


def next_working_day_window(now, calendar):
    """[start, end] of the next working day after today (Shanghai): clocks due in it get
    today's reminder."""
    today = now.astimezone(TZ).date()
    day = calendar.next_working_day(today + timedelta(days=1))
    start = datetime.combine(day, time(0, 0), tzinfo=TZ)
    return day, start, start + timedelta(days=1) - timedelta(microseconds=1)


def late_seconds(due_at, now):
    return max(0, int((now - due_at).total_seconds()))
