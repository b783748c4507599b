"""我的工作: what the signed-in user has to do or follow. Applicants see their cases with
every open deadline; the committee sees the intake queue (anti-gang first, then the nearest
deadline); everyone else a short list of what they can do."""
from weiquan.contracts import policy
from weiquan.contracts.codes import APPLICANT_ROLES, COMMITTEE_ROLES

from gateway.pages.views import case_row, intake_queue

PAGE_SIZE = "100"  # the most a page of list_cases holds


def home(ctx):
    roles = ctx.roles
    mine = queue = None
    if roles & set(COMMITTEE_ROLES):
        answer = ctx.perform("list_cases", query={"status": "submitted", "page_size": PAGE_SIZE})
        queue = [case_row(item) for item in intake_queue(answer["items"])]
    elif roles & set(APPLICANT_ROLES):
        answer = ctx.perform("list_cases", query={"page_size": PAGE_SIZE})
        mine = [case_row(item) for item in answer["items"]]
    return ctx.render("home.html", mine=mine, queue=queue, can=abilities(ctx.principal))


# What a role can do, said plainly: (policy action, Chinese, English, link or None).
ABILITIES = (
    (("intake", "submit_application"), "提交维权申请", "Apply for rights protection", "/apply"),
    (("intake", "view_case"), "查看有关案件的进展和期限", "Follow your cases and their deadlines",
     None),
    (("dispatch", "report_incident"), "上报警情、调派警力（第十三条）",
     "Report incidents and dispatch units", "/incidents"),
    (("dispatch", "board"), "指挥中心警情看板", "The command center's live incident board",
     "/board"),
    (("intake", "view_ledger"), "查看维权工作台账（第三十五条）", "The ledger (Art. 35)",
     "/ledger"),
    (("evidence", "web_capture"), "网络取证、申请删除有害信息", "Web captures and takedowns",
     "/evidence"),
)


def abilities(principal):
    return [{"zh": zh, "en": en, "href": href} for action, zh, en, href in ABILITIES
            if policy.allowed(*action, principal)]
