"""The portal's cookies: the session cookie and the login form's CSRF cookie. HttpOnly,
SameSite=Lax, Path=/, and Secure when the request came over HTTPS (directly or through a
proxy that says so in X-Forwarded-Proto)."""
SESSION_COOKIE = "wq_session"
LOGIN_CSRF_COOKIE = "wq_login_csrf"


def is_https(request):
    forwarded = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower()
    return request.scheme == "https" or forwarded == "https"


def cookie_options(request):
    return {"httponly": True, "samesite": "Lax", "path": "/", "secure": is_https(request)}


def set_cookie(response, request, name, value):
    response.set_cookie(name, value, **cookie_options(request))
    return response


def clear_cookie(response, request, name):
    response.delete_cookie(name, **cookie_options(request))
    return response
