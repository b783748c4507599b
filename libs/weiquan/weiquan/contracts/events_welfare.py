"""Events of the political-work office (welfare). Only work items ride on the bus: hospitals,
diagnoses, psychological sessions and who was counselled stay in the welfare service."""
from weiquan.contracts.events_work import WORK_EVENTS

WELFARE_EVENTS = {**WORK_EVENTS}
