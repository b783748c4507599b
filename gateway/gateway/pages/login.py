"""Logging in and out of the portal. The password check is gateway.auth.login, the same as
POST /api/auth/login; a page session replaces the bearer token. Before login there is no
session, so the login form's CSRF token is the one of a short cookie (double submit)."""
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import LoginV1
from weiquan.kit.errors import AppError

from gateway import auth, tokens
from gateway.pages import sessions
from gateway.pages.cookies import LOGIN_CSRF_COOKIE, SESSION_COOKIE, clear_cookie, set_cookie
from gateway.pages.render import redirect, safe_next


def login_form(ctx, status=200, errors=None, message=None, username=""):
    request = ctx.request
    if ctx.visit is not None and request.method == "GET":
        return redirect(safe_next(request.args.get("next")))
    token = request.cookies.get(LOGIN_CSRF_COOKIE) or sessions.new_secret()
    response = ctx.render("login.html", http_status=status, login_csrf=token, errors=errors or {},
                          message=message, username=username,
                          next=safe_next(request.values.get("next"), ""),
                          expired=request.args.get("expired") == "1",
                          bye=request.args.get("bye") == "1")
    return set_cookie(response, request, LOGIN_CSRF_COOKIE, token)


def login_submit(ctx):
    form = ctx.request.form
    username = form.get("username", "")
    try:
        body = load_or_error(LoginV1, {"username": username,
                                       "password": form.get("password", "")})
        with ctx.gw.db.session() as session, session.begin():
            token, _ = auth.login(session, body["username"], body["password"], ctx.gw.secret)
            principal = tokens.read(token, ctx.gw.secret)
            old = ctx.request.cookies.get(SESSION_COOKIE)
            if old:
                sessions.end(session, sessions.hash_id(old))  # never keep a pre-login id
            session_id, _ = sessions.open_session(session, principal, ctx.now,
                                                  ctx.gw.settings.session_idle)
    except AppError as exc:
        if exc.status not in (401, 422):
            raise
        return login_form(ctx, status=exc.status, errors=exc.fields, username=username,
                          message=exc.message if exc.status == 401 else None)
    response = redirect(safe_next(form.get("next")))
    set_cookie(response, ctx.request, SESSION_COOKIE, session_id)
    return clear_cookie(response, ctx.request, LOGIN_CSRF_COOKIE)


def logout(ctx):
    with ctx.gw.db.session() as session, session.begin():
        sessions.end(session, ctx.visit.id_hash)
    return clear_cookie(redirect("/login?bye=1"), ctx.request, SESSION_COOKIE)


def care_mode(ctx):
    """关怀版 on or off, remembered for the user (users.care_mode)."""
    on = ctx.request.form.get("on") == "1"
    with ctx.gw.db.session() as session, session.begin():
        sessions.set_care_mode(session, ctx.principal["username"], on)
    return redirect(safe_next(ctx.request.form.get("next")))
