"""Every page of the portal, once. The page routes (service.py) and the navigation come from
this table; pages are not part of /api/openapi.json. access names a rule of
weiquan.contracts.policy where the page performs an operation; the operation itself is asked
through gateway.operations (ctx.perform), the same path as the JSON API."""
from gateway.operation import PUBLIC
from gateway.pages import (apply, case, command, evidence, home, ledger, ledger_patterns_page,
                           legal, logistics, login, office, publicity, static, welfare, work)
from gateway.pages.page import LOGIN, Page

# Each area of the portal keeps its rows in a module of its own (its PAGES), added below.
CORE = (
    Page("GET", "/", "home_page", "我的工作", home.home, nav="我的工作"),
    Page("GET", "/login", "login_page", "登录", login.login_form, access=PUBLIC),
    Page("POST", "/login", "login_submit", "登录", login.login_submit, access=PUBLIC,
         csrf=LOGIN),
    Page("POST", "/logout", "logout_submit", "退出登录", login.logout),
    Page("POST", "/care-mode", "care_mode_submit", "关怀版", login.care_mode),
    Page("GET", "/apply", "apply_page", "提交维权申请", apply.apply_form,
         access=("intake", "submit_application"), nav="提交申请"),
    Page("POST", "/apply", "apply_submit", "提交维权申请", apply.apply_submit,
         access=("intake", "submit_application")),
    Page("GET", "/cases/{case_no}", "case_page", "案件详情", case.case_page,
         access=("intake", "view_case")),
    Page("GET", "/static/{name}", "static_file", "静态文件", static.static_file, access=PUBLIC),
)

PAGES = CORE + office.PAGES + command.PAGES + evidence.PAGES + ledger.PAGES + \
    ledger_patterns_page.PAGES + work.PAGES + welfare.PAGES + logistics.PAGES + legal.PAGES + \
    publicity.PAGES

BY_NAME = {page.name: page for page in PAGES}
if len(BY_NAME) != len(PAGES):
    raise ValueError("gateway pages: every name must be unique")
