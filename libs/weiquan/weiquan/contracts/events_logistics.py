"""Events of the logistics office: funds, payments, compensation and counsel fees."""
from weiquan.contracts.events_work import WORK_EVENTS

LOGISTICS_EVENTS = {**WORK_EVENTS}
