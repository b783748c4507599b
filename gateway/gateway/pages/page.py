"""One page of the portal, described once: its route, who may open it, its handler. The table
(table.py) is the source of the page routes (service.py) and of the navigation."""
from dataclasses import dataclass, field
from typing import Callable, Optional

from weiquan.contracts import policy

from gateway.operation import PUBLIC, SIGNED_IN, Routed

SESSION = "session"  # a POST carries the session's CSRF token
LOGIN = "login"      # the login form: the token of the pre-login cookie (no session yet)
QUERY = "query"      # a streamed upload: the session's token in the action URL (?csrf=),
                     # so the check never reads (and consumes) the multipart body


@dataclass(frozen=True)
class Page(Routed):
    method: str
    path: str                        # /cases/{case_no}
    name: str                        # the GatewayService entrypoint's name
    title: str                       # Chinese title (the <title> and the <h1>)
    handler: Callable                # handler(ctx, **path) -> werkzeug Response
    access: object = SIGNED_IN       # PUBLIC, SIGNED_IN or a policy action (dept, action)
    nav: Optional[str] = None        # label in the navigation (GET pages the user may open)
    csrf: str = SESSION              # POST only: which CSRF token it must carry
    path_params: tuple = field(default=(), init=False)

    @property
    def roles(self):
        """The roles that may open the page; None: anyone (signed in unless PUBLIC)."""
        return policy.rule(*self.policy_action).roles if self.policy_action else None

    def allows(self, principal):
        if self.access == PUBLIC:
            return True
        if principal is None:
            return False
        return self.roles is None or bool(set(principal["roles"]) & set(self.roles))
