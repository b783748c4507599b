"""Portal pages of work items of every department (intake projects them): rows of the page
table (pages/table.py). 我的待办: a department's queue, nearest due first, each row linking to
its case (and to the department's own item page where it has one)."""
from weiquan.contracts.codes import DEPARTMENT_NAMES_ZH, WORK_STATE_LABELS_ZH, WORK_STATES

from gateway.pages.page import Page
from gateway.pages.work_views import work_row

PAGE_SIZE = 50


def _page_arg(ctx):
    text = ctx.request.args.get("page", "1")
    return int(text) if text.isdigit() and 0 < int(text) <= 100000 else 1


def work_queue(ctx):
    """The caller's department's queue (the committee: every department's, or the one it
    picks); ?state= open (default), done or cancelled."""
    page = _page_arg(ctx)
    state = ctx.request.args.get("state") or "open"
    query = {"state": state, "page": str(page), "page_size": str(PAGE_SIZE)}
    department = ctx.request.args.get("department")
    if department:
        query["department"] = department
    answer = ctx.perform("list_work_items", query=query)
    rows = [work_row(item, ctx.now, ctx.principal) for item in answer["items"]]
    shown = answer.get("departments")
    return ctx.render("work_queue.html", rows=rows, total=answer["total"], page=page,
                      more=page * PAGE_SIZE < answer["total"], state=state,
                      state_label=WORK_STATE_LABELS_ZH.get(state, state),
                      states=[(s, WORK_STATE_LABELS_ZH[s]) for s in WORK_STATES],
                      department=department,
                      departments_zh="、".join(DEPARTMENT_NAMES_ZH.get(d, d) for d in shown)
                      if shown else "各部门")


PAGES = (
    Page("GET", "/work", "work_queue_page", "我的待办", work_queue,
         access=("intake", "list_work_items"), nav="我的待办"),
)
