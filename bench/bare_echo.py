"""The architecture's own floor for the gateway paths: a bare nameko ``@http`` endpoint that
makes one RPC to a bare echo service, nothing else (no auth, no validation, no database).

Two services, run as two processes with ``nameko run`` the way the gateway and intake run as
two, on the same broker; `bench.limits.BareEcho` starts, measures and stops them."""
from nameko.rpc import RpcProxy, rpc
from nameko.web.handlers import http


class EchoService:
    name = "bench_echo"

    @rpc
    def echo(self, payload):
        return payload


class BareHttpService:
    name = "bench_bare_http"
    echo = RpcProxy("bench_echo")

    @http("POST", "/echo")
    def post_echo(self, request):
        return 200, {"Content-Type": "application/json"}, self.echo.echo(
            request.get_data(as_text=True))

    @http("GET", "/echo")
    def get_echo(self, request):
        return 200, {"Content-Type": "application/json"}, self.echo.echo("{}")
