"""dispatch's domain gauge: its department's open work items (one count every 30 s, never per
request), labelled with the department name the work items carry."""
from weiquan.kit.gauges import open_work_items

from dispatch.domain.protection import OWNER as DEPARTMENT  # command_center
from dispatch.models import work_items

refresh = open_work_items(DEPARTMENT, work_items)
