"""The one HTTP entry. It authenticates, checks the shared policy and contracts, and asks the
owning service over RPC; it never touches another service's database.

Its routes are made from the operation table (operations.py): one nameko @http entrypoint
per row, each rendering errors through http.endpoint. Nothing here lists a route by hand,
so the served routes and /api/openapi.json cannot differ. The portal's pages come from the
page table (pages/table.py) the same way, each in the page frame (pages/frame.py); they are
not in the document."""
from nameko.web.handlers import http

from weiquan.contracts.base import unstorable
from weiquan.kit.correlation import CorrelationId
from weiquan.kit.errors import AppError
from weiquan.kit.internal_auth import InternalSecret
from weiquan.kit.nameko_deps import Calendar, Database, SettingsProvider, WorkerMetrics
from weiquan.kit.rpc import asks, call

from gateway import auth, board_feed
from gateway.board_events import BoardEvents
from gateway.http import endpoint
from gateway.models import metadata
from gateway.operations import OPERATIONS
from gateway.pages import frame
from gateway.pages.table import PAGES
from gateway.tokens import TokenSecret

ANY = "GET,POST,PUT,PATCH,DELETE"
CATCH_ALL = "/api/<path:rest>"  # unknown API paths: the contract's 404, not werkzeug's page


class GatewayService:
    name = "gateway"

    intake = asks("intake")
    dispatch = asks("dispatch")
    evidence = asks("evidence")
    welfare = asks("welfare")
    logistics = asks("logistics")
    legal_aid = asks("legal_aid")
    publicity = asks("publicity")
    db = Database(metadata, "gateway")
    secret = TokenSecret()
    internal_secret = InternalSecret()
    settings = SettingsProvider()
    correlation = CorrelationId()  # the worker's correlation id: logs, RPCs, events
    calendar = Calendar()
    board_events = BoardEvents()  # dispatch's events wake this process's live boards
    worker_metrics = WorkerMetrics()  # every request's worker timed; /metrics is an operation

    def rpc(self, service, method, *args):
        """Ask a service over RPC with the gateway's timeout; unwrap its answer or error."""
        answer = call(getattr(getattr(self, service), method), *args,
                      timeout=self.settings.rpc_timeout, service=service)
        board_feed.after_rpc(service, method, answer)  # a dispatch change: wake the boards
        return answer

    def principal(self, request):
        return auth.principal_of(request, self.secret)

    @http(ANY, CATCH_ALL)
    @endpoint("/api/*")
    def unknown(self, request, rest):
        raise AppError("not_found", f"接口不存在: /api/{rest}", f"No such endpoint: /api/{rest}",
                       status=404)


def _entrypoint(op):
    from gateway.operation import call_rpc
    handler = op.handler or call_rpc

    def entrypoint(self, request, **path):
        if unstorable(path):  # no object's id holds a NUL or a lone surrogate
            raise AppError("not_found", "对象不存在", "No such object", status=404)
        return handler(self, request, op, **path)
    entrypoint.__name__ = entrypoint.__qualname__ = op.name
    entrypoint.__doc__ = op.summary
    return http(op.method, op.route)(endpoint(op.path)(entrypoint))


for _op in OPERATIONS:
    if hasattr(GatewayService, _op.name):
        raise ValueError(f"operation {_op.name} clashes with a GatewayService attribute")
    setattr(GatewayService, _op.name, _entrypoint(_op))

for _page in PAGES:
    if hasattr(GatewayService, _page.name):
        raise ValueError(f"page {_page.name} clashes with a GatewayService attribute")
    setattr(GatewayService, _page.name, frame.entrypoint(_page))
