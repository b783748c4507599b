"""What the pages show of work items (WorkItemV1): plain functions, no request, no template.
The labels come with the answer (intake's); the page adds whether an open item is past its
due time and where to follow it."""
from gateway.pages.views import local, minute_of

# A department's own page for an item of a kind, where it has one: kind -> href(item). Each
# department's pages add theirs; every row also links to the case.
ITEM_PAGES = {}


def item_href(item):
    page = ITEM_PAGES.get(item["kind"])
    return page(item) if page else None


def work_row(item, now):
    """One item as a row of the case page or a queue."""
    due = local(item.get("due"))
    late = item["state"] == "open" and due is not None and due < now
    return {"item_id": item["item_id"], "case_no": item["case_no"],
            "department": item.get("department_label") or item["department"],
            "kind": item.get("kind_label") or item["kind"], "owner": item["owner"],
            "due": minute_of(item.get("due")), "late": late,
            "state": item.get("state_label") or item["state"], "state_code": item["state"],
            "summary": item["summary"], "opened": minute_of(item.get("opened_at")),
            "href": item_href(item)}


def with_work_summaries(rows, entries):
    """Timeline rows (views.timeline_view) with the summary of each work-item entry."""
    for row, entry in zip(rows, entries):
        if entry["action"] in ("work_opened", "work_updated", "work_closed"):
            row["summary"] = (entry.get("detail") or {}).get("summary")
    return rows
