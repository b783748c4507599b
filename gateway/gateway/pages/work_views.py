"""What the pages show of work items (WorkItemV1): plain functions, no request, no template.
The labels come with the answer (intake's); the page adds whether an open item is past its
due time and where to follow it."""
from urllib.parse import quote

from weiquan.contracts import policy
from weiquan.contracts.codes import WORK_KIND_OF_FUND
from weiquan.contracts.policy.logistics import funds_of

from gateway.pages.views import local, minute_of

# A department's own page for an item of a kind: kind -> (path template, the policy action
# that page's access is), so a link is shown only to a viewer the page lets in (no link that
# answers 403). A table here rather than each department's page module adding to it at
# import: no import cycle, one place to read. Every row also links to its case.
_WELFARE = ("welfare", "read_welfare")
_PAYMENTS = ("logistics", "read_payments")
_LEGAL = ("legal_aid", "read_legal")
_PUBLICITY = ("publicity", "draft_statement")   # drafts are the publicity office's to work
ITEM_PAGES = {
    "green_channel": ("/welfare/green-channels/{item_id}", _WELFARE),
    "consolation_visit": ("/welfare/cases/{case_no}", _WELFARE),
    "insurance_claim": ("/welfare/cases/{case_no}", _WELFARE),
    "psych_support": ("/welfare/cases/{case_no}", _WELFARE),
    # the logistics office's item id is the payment id (services/logistics events.work)
    "consolation_payment": ("/payments/{item_id}", _PAYMENTS),
    "compensation_payment": ("/payments/{item_id}", _PAYMENTS),
    "counsel_fee_payment": ("/payments/{item_id}", _PAYMENTS),
    # legal affairs' items all live on its case page (services/legal-aid handlers/work.py)
    "classification": ("/legal/cases/{case_no}", _LEGAL),
    "counsel": ("/legal/cases/{case_no}", _LEGAL),
    "liability_determination": ("/legal/cases/{case_no}", _LEGAL),
    "discipline_review": ("/legal/cases/{case_no}", _LEGAL),
    "liaison": ("/legal/cases/{case_no}", _LEGAL),
    # the publicity office's item id is the statement (version) id (services/publicity events)
    "name_clearing": ("/publicity/statements/{item_id}", _PUBLICITY),
    "typical_case": ("/publicity/statements/{item_id}", _PUBLICITY),
    "safety_warning": ("/publicity/statements/{item_id}", _PUBLICITY),
    # the issue form, filled in with the case (only while the item is open: once an order
    # is issued the item is done and the form would issue another)
    "protection": ("/protective-orders?case_no={case_no}",
                   ("dispatch", "issue_protective_order")),
}
OPEN_ONLY = {"protection"}
# A payment item's fund: a viewer gets the link only to payments of the funds they work
# (contracts.policy.logistics.funds_of, which the logistics service enforces).
PAYMENT_FUNDS = {kind: fund for fund, kind in WORK_KIND_OF_FUND.items()}


def may_follow(item, principal):
    """Whether the viewer may open the item's own page."""
    page = ITEM_PAGES.get(item["kind"])
    if page is None or principal is None or not policy.allowed(*page[1], principal):
        return False
    if item["kind"] in OPEN_ONLY and item["state"] != "open":
        return False
    if item["kind"] in PAYMENT_FUNDS:
        return PAYMENT_FUNDS[item["kind"]] in funds_of(principal)
    return True


def item_href(item, principal=None):
    """The item's own page for this viewer, or None (no page, or not one they may open)."""
    if not may_follow(item, principal):
        return None
    template = ITEM_PAGES[item["kind"]][0]
    return template.format(item_id=quote(item["item_id"], safe=""),
                           case_no=quote(item["case_no"], safe=""))


def work_row(item, now, principal=None):
    """One item as a row of the case page or a queue; ``href`` its own page where the
    viewer (``principal``) may open it."""
    due = local(item.get("due"))
    late = item["state"] == "open" and due is not None and due < now
    return {"item_id": item["item_id"], "case_no": item["case_no"],
            "department": item.get("department_label") or item["department"],
            "kind": item.get("kind_label") or item["kind"], "owner": item["owner"],
            "due": minute_of(item.get("due")), "late": late,
            "state": item.get("state_label") or item["state"], "state_code": item["state"],
            "summary": item["summary"], "opened": minute_of(item.get("opened_at")),
            "href": item_href(item, principal)}


def with_work_summaries(rows, entries):
    """Timeline rows (views.timeline_view) with the summary of each work-item entry."""
    for row, entry in zip(rows, entries):
        if entry["action"] in ("work_opened", "work_updated", "work_closed"):
            row["summary"] = (entry.get("detail") or {}).get("summary")
    return rows
