"""Shared working-day calendar: deadlines per the SPEC "Time rules" for every service."""
from weiquan.calendar.reckoning import ReckonedDay, Reckoning
from weiquan.calendar.schedule_file import (
    YearSchedule,
    load_schedule_file,
    make_schedule,
    parse_schedules,
)
from weiquan.calendar.workdays import (
    Due,
    WorkCalendar,
    default_calendar,
    local_date,
)

__all__ = [
    "Due",
    "ReckonedDay",
    "Reckoning",
    "WorkCalendar",
    "YearSchedule",
    "default_calendar",
    "load_schedule_file",
    "local_date",
    "make_schedule",
    "parse_schedules",
]
