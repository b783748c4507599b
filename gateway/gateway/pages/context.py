"""What a page handler gets: the request, the signed-in user (visit), rendering with the
frame's context (user, roles, navigation, care mode, CSRF token) and the operations."""
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit
from typing import Optional

from gateway.operation import invoke
from gateway.pages.render import html, safe_next
from gateway.pages.sessions import Visit


@dataclass
class Ctx:
    gw: object
    request: object
    page: object
    visit: Optional[Visit]
    now: datetime

    @property
    def principal(self):
        return self.visit.principal if self.visit else None

    @property
    def roles(self):
        return set(self.principal["roles"]) if self.visit else set()

    def perform(self, name, *path, query=None, body=None, key=None):
        """Ask the service behind operation `name` exactly as the JSON API does."""
        from gateway.operations import BY_NAME
        return invoke(self.gw, BY_NAME[name], self.principal, path, query, body, key)

    def nav(self):
        from gateway.pages.table import PAGES
        return [{"path": p.path, "label": p.nav, "current": p.path == self.request.path}
                for p in PAGES if p.nav and p.method == "GET" and p.allows(self.principal)]

    def render(self, template, http_status=200, **context):
        """The template in the frame; http_status is the answer's, so a page may show a case's
        `status` in its own context."""
        context.setdefault("title", self.page.title)
        return html(template, http_status, visit=self.visit, user=self.principal,
                    care=bool(self.visit and self.visit.care), nav=self.nav(),
                    csrf=self.visit.csrf if self.visit else "",
                    here=self.here(), **context)

    def here(self):
        """Where the header's forms (care mode) return to: this page, or after a refused
        form post (its path answers POST only) the page the form was on."""
        if self.request.method == "GET":
            return self.request.full_path.rstrip("?")
        referrer = urlsplit(self.request.referrer or "")
        if referrer.netloc == self.request.host:
            return safe_next(referrer.path + (f"?{referrer.query}" if referrer.query else ""))
        return "/"
