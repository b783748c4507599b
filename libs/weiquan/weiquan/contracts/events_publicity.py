"""Events of the publicity office (Art. 30, 31, 35). Its work items use events_work."""
from weiquan.contracts.events_work import WORK_EVENTS

PUBLICITY_EVENTS = {**WORK_EVENTS}
