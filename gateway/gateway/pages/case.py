"""One case: status, every deadline as a date with the days left or overdue, the timeline."""
from gateway.labels import (APPLICANT_TYPE_LABELS_ZH, CATEGORY_LABELS_ZH, CHANNEL_LABELS_ZH,
                            STATUS_LABELS_ZH, label)
from gateway.pages.views import deadline_view, minute_of, timeline_view


def case_page(ctx, case_no):
    case = ctx.perform("get_case", case_no)
    return ctx.render("case.html", case=case, title=f"案件 {case['case_no']}",
                      status_label=label(STATUS_LABELS_ZH, case["status"]),
                      category=label(CATEGORY_LABELS_ZH, case["category"]),
                      channel=label(CHANNEL_LABELS_ZH, case["channel"]),
                      applicant_type=label(APPLICANT_TYPE_LABELS_ZH,
                                           (case.get("applicant") or {}).get("type")),
                      received=minute_of(case.get("received_at")),
                      deadlines=[deadline_view(d) for d in case["deadlines"]],
                      timeline=timeline_view(case["timeline"]),
                      submitted=ctx.request.args.get("submitted") == "1")
