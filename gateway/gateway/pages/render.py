"""Templates (gateway/templates, Jinja2, autoescaped) to HTML responses with the portal's
security headers: no caching of personal pages, no framing, forms only to this site."""
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from werkzeug.wrappers import Response

from gateway.labels import ROLE_LABELS_ZH, label

ENV = Environment(loader=PackageLoader("gateway", "templates"),
                  autoescape=select_autoescape(("html",)), trim_blocks=True, lstrip_blocks=True)
ENV.globals["role_label"] = lambda code: label(ROLE_LABELS_ZH, code)

HEADERS = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    # Scripts only from this site's /static/ files (no inline script); forms only to here.
    "Content-Security-Policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                               "script-src 'self'; connect-src 'self'; img-src 'self' data:; "
                               "form-action 'self'; frame-ancestors 'none'",
}


def html(template, http_status=200, **context):
    body = ENV.get_template(template).render(**context)
    return Response(body, status=http_status, mimetype="text/html", headers=HEADERS)


def redirect(location, status=303):
    """After a form post, 303 See Other: the browser follows with a GET."""
    return Response("", status=status, headers={**HEADERS, "Location": location})


def safe_next(target, default="/"):
    """Only a path on this site (never //host or /\\host): no open redirect after login."""
    if (isinstance(target, str) and target.startswith("/") and not target.startswith("//")
            and not target.startswith("/\\") and "\n" not in target and "\r" not in target):
        return target
    return default


def login_url(next_path=None, **flags):
    params = {k: "1" for k, on in flags.items() if on}
    if next_path and safe_next(next_path, None) and next_path != "/":
        params["next"] = next_path
    return "/login" + ("?" + urlencode(params) if params else "")
