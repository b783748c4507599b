"""The frame every page runs in, made from its row of the page table: the session (or the
login page), the CSRF check of a POST, the role check, then the handler; errors become a
Chinese (and English) error page, never a JSON object or a stack trace."""
import logging
import time
from datetime import datetime, timezone

from nameko.web.handlers import http
from werkzeug.exceptions import HTTPException

from weiquan.contracts import policy
from weiquan.contracts.base import unstorable
from weiquan.errors import DomainError
from weiquan.kit import metrics
from weiquan.kit.errors import AppError, from_domain

from gateway.http import answer_request_id
from gateway.pages import sessions
from gateway.pages.context import Ctx
from gateway.pages.cookies import LOGIN_CSRF_COOKIE, SESSION_COOKIE, clear_cookie
from gateway.pages.page import LOGIN, QUERY
from gateway.pages.render import login_url, redirect
from gateway.operation import PUBLIC

log = logging.getLogger(__name__)
MAX_FORM_BYTES = 256 * 1024
CSRF_REFUSED = AppError("csrf_failed", "表单已失效或不是从本系统提交的，请返回页面刷新后重新提交",
                        "The form expired or did not come from this site; reload the page and "
                        "submit again", status=403)
NOT_FOUND = AppError("not_found", "页面不存在", "No such page", status=404)


def utcnow():
    return datetime.now(timezone.utc)


def error_page(ctx, exc):
    zh, _, en = exc.message.partition(" / ")
    return ctx.render("error.html", http_status=exc.status, status_code=exc.status, message_zh=zh,
                      message_en=en, code=exc.code)


def csrf_passes(ctx):
    if ctx.page.csrf == QUERY:  # the body streams to the handler: it must stay unread here
        given = ctx.request.args.get("csrf")
    else:
        given = ctx.request.form.get("csrf")
    if ctx.page.csrf == LOGIN:
        return sessions.csrf_ok(ctx.request.cookies.get(LOGIN_CSRF_COOKIE), given)
    return ctx.visit is not None and sessions.csrf_ok(ctx.visit.csrf, given)


def visit_of(gw, request, now):
    """(visit or None, whether a session just expired)."""
    session_id = request.cookies.get(SESSION_COOKIE)
    if not session_id:
        return None, False
    settings = gw.settings
    with gw.db.session() as session, session.begin():
        return sessions.find(session, session_id, now, settings.session_idle,
                             settings.token_ttl)


def run(gw, request, page, path):
    request.max_content_length = MAX_FORM_BYTES
    now = utcnow()
    visit, expired = visit_of(gw, request, now)
    ctx = Ctx(gw, request, page, visit, now)
    if unstorable(path):
        return error_page(ctx, NOT_FOUND)
    if page.access != PUBLIC and visit is None:
        response = redirect(login_url(request.full_path.rstrip("?") if request.method == "GET"
                                      else None, expired=expired))
        return clear_cookie(response, request, SESSION_COOKIE) if expired else response
    try:
        if request.method == "POST" and not csrf_passes(ctx):
            return error_page(ctx, CSRF_REFUSED)
        if page.policy_action:
            policy.require(*page.policy_action, visit.principal)
        return page.handler(ctx, **path)
    except AppError as exc:
        return error_page(ctx, exc)
    except DomainError as exc:  # the shared policy's refusal
        return error_page(ctx, from_domain(exc))
    except HTTPException as exc:  # e.g. a form over MAX_FORM_BYTES
        return error_page(ctx, AppError("bad_request", "请求无效", exc.name,
                                        status=exc.code or 400))


def serve(gw, request, page, path):
    started = time.perf_counter()
    try:
        response = run(gw, request, page, path)
    except Exception:
        log.exception("unhandled error on page %s %s", request.method, request.path)
        response = error_page(Ctx(gw, request, page, None, utcnow()), AppError(
            "internal_error", "服务器内部错误", "Internal server error", status=500))
    took = time.perf_counter() - started
    metrics.HTTP_REQUESTS.labels(request.method, page.path, str(response.status_code)).inc()
    metrics.HTTP_LATENCY.labels(request.method, page.path).observe(took)
    response.headers["Server-Timing"] = f"app;dur={took * 1000:.1f}"  # read by bench/pages.py
    return response


def entrypoint(page):
    """The nameko @http entrypoint of one page row."""
    def handle(self, request, **path):
        return answer_request_id(serve(self, request, page, path))
    handle.__name__ = handle.__qualname__ = page.name
    handle.__doc__ = page.title
    return http(page.method, page.route)(handle)
