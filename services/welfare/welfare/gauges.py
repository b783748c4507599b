"""welfare's domain gauge: its department's open work items (one count every 30 s, never per
request), labelled with the department name the work items carry."""
from weiquan.kit.gauges import open_work_items

from welfare.domain.model import DEPARTMENT  # political_work
from welfare.models import work_items

refresh = open_work_items(DEPARTMENT, work_items)
