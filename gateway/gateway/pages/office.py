"""The committee office's, the director's and the applicant's case work (Art. 14-18, 34, 36):
the posts of the case page's action forms, each deadline's reckoning, and the committee's
lists. Handlers live in case_actions, reckoning and office_lists; this module holds the rows."""
from gateway.pages import case_actions, case_forms, office_lists, reckoning
from gateway.pages.page import Page

COMMITTEE = ("intake", "list_accountability")  # the committee's own lists (Art. 36)


def _action_rows():
    """One POST row per route of the case forms; its access is the operation's own rule."""
    rows, seen = [], set()
    for form in case_forms.FORMS:
        if form.tail in seen:
            continue
        seen.add(form.tail)
        handler = case_actions.handler_for(form.tail)
        title = "受理决定" if form.tail == "decision" else form.title
        rows.append(Page("POST", f"/cases/{{case_no}}/{form.tail}", handler.__name__, title,
                         handler, access=("intake", form.op)))
    return tuple(rows)


PAGES = _action_rows() + (
    Page("GET", "/cases/{case_no}/deadlines/{kind}", "deadline_reckoning_page", "期限推算",
         reckoning.reckoning_page, access=("intake", "view_case")),
    Page("GET", "/overdue", "overdue_page", "逾期看板", office_lists.overdue_board,
         access=COMMITTEE, nav="逾期看板"),
    Page("GET", "/accountability", "accountability_page", "责任追究登记（第三十六条）",
         office_lists.accountability_register, access=COMMITTEE, nav="责任追究"),
    Page("GET", "/inbox", "director_inbox_page", "维权委主任待办", office_lists.director_inbox,
         access=("intake", "extend"), nav="待办"),
    Page("GET", "/notifications", "notifications_page", "通知", office_lists.notifications,
         access=("intake", "list_notifications"), nav="通知"),
)
