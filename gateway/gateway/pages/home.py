"""我的工作: what the signed-in user has to do or follow. Applicants see their cases with
every open deadline; the committee sees the intake queue (anti-gang first, then the nearest
deadline); a department its open work items, nearest due first; everyone a short list of
what they can do."""
from weiquan.contracts import policy
from weiquan.contracts.codes import APPLICANT_ROLES, COMMITTEE_ROLES, DEPARTMENT_ROLES

from gateway.pages.views import case_row, intake_queue
from gateway.pages.work_views import work_row

PAGE_SIZE = "100"  # the most a page of list_cases holds
WORK_SHOWN = 10    # a department's nearest-due open items on its home page; /work has all


def home(ctx):
    roles = ctx.roles
    mine = queue = work = None
    if roles & set(COMMITTEE_ROLES):
        answer = ctx.perform("list_cases", query={"status": "submitted", "page_size": PAGE_SIZE})
        queue = [case_row(item) for item in intake_queue(answer["items"])]
    elif roles & set(APPLICANT_ROLES):
        answer = ctx.perform("list_cases", query={"page_size": PAGE_SIZE})
        mine = [case_row(item) for item in answer["items"]]
    elif roles & set(DEPARTMENT_ROLES):
        answer = ctx.perform("list_work_items", query={"page_size": str(WORK_SHOWN)})
        work = {"rows": [work_row(item, ctx.now, ctx.principal) for item in answer["items"]],
                "total": answer["total"]}
    return ctx.render("home.html", mine=mine, queue=queue, work=work,
                      can=abilities(ctx.principal))


# What a role can do, said plainly: (policy action, Chinese, English, link or None).
ABILITIES = (
    (("intake", "submit_application"), "提交维权申请", "Apply for rights protection", "/apply"),
    (("intake", "list_work_items"), "查看工作事项（按期限先后）", "Work items, nearest due first",
     "/work"),
    (("intake", "view_case"), "查看有关案件的进展和期限", "Follow your cases and their deadlines",
     None),
    (("dispatch", "report_incident"), "上报警情、调派警力（第十三条）",
     "Report incidents and dispatch units", "/incidents"),
    (("dispatch", "board"), "指挥中心警情看板", "The command center's live incident board",
     "/board"),
    (("intake", "view_ledger"), "查看维权工作台账（第三十五条）", "The ledger (Art. 35)",
     "/ledger"),
    (("intake", "view_patterns"), "侵权热点与趋势，据此起草安全提示（第三十五条）",
     "Hot spots and trends, for safety warnings (Art. 35)", "/ledger/patterns"),
    (("evidence", "web_capture"), "网络取证、申请删除有害信息", "Web captures and takedowns",
     "/evidence"),
    (("logistics", "review_payment"), "审核、登记抚慰金和补偿支付（第二十五至二十七条）",
     "Review and disburse payments", "/payments"),
    (("logistics", "request_payment"), "提出支付申请（抚慰金等）", "Request a payment",
     "/payments/new"),
    (("logistics", "approve_payment"), "审批支付申请", "Approve payments", "/payments"),
    (("logistics", "read_funds"), "经费预算与年度收支表", "Funds and yearly statements",
     "/funds"),
    (("legal_aid", "decide_classification"),
     "法制工作：法律定性、法律顾问、责任认定、申诉复查、检法联络",
     "Legal affairs: classification, counsel, determinations, appeals, liaison (Art. 21-25, 33)",
     "/legal"),
    (("legal_aid", "read_offenders"), "多案侵权行为人（第三十五条）", "Repeat offenders (Art. 35)",
     "/legal/offenders"),
    (("welfare", "read_welfare"), "关爱工作：就医绿色通道、走访慰问、保险理赔、心理危机干预",
     "Welfare: green channel, visits, insurance, crisis intervention (Art. 28, 29)",
     "/welfare"),
    (("publicity", "draft_statement"), "对外发布：澄清正名、典型案例、安全防范提示（第三十、三十一、三十五条）",
     "Statements: name clearing, typical cases, safety warnings (Art. 30, 31, 35)",
     "/publicity"),
    (("publicity", "review_statement"), "对外发布的法制审核", "Legal review of statements",
     "/publicity"),
)


def abilities(principal):
    return [{"zh": zh, "en": en, "href": href} for action, zh, en, href in ABILITIES
            if policy.allowed(*action, principal)]
