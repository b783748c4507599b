"""HTTP operations of work items of every department (intake projects them from each
department's work_opened / work_updated / work_closed): rows of the one operation table
(gateway.operations)."""
from weiquan.contracts import queries as q
from weiquan.contracts.answers import cases as ca

from gateway.operation import Operation as Op

OPERATIONS = (
    Op("GET", "/api/work-items", "list_work_items",
       "A department's queue of work items: its own by default (another department's is a "
       "403), any or every department's for the committee; state open by default; nearest "
       "due first, items without a due date last; paged",
       access=("intake", "list_work_items"), rpc=("intake", "list_work_items"),
       query=q.WorkItemListQueryV1, answer=ca.WorkItemListV1),
)
