"""legal_aid's domain gauge: its department's open work items (one count every 30 s, never per
request), labelled with the department name the work items carry."""
from weiquan.kit.gauges import open_work_items

from legal_aid.events import DEPARTMENT  # legal_affairs
from legal_aid.models import work_items

refresh = open_work_items(DEPARTMENT, work_items)
