"""The architecture's own floors for the gateway paths, with none of weiquan's work in them (no
auth, no validation, no database), each service a ``nameko run`` process of its own, the way
the gateway and the departments run, on the same broker; `bench.limits.BareEcho` starts,
measures and stops them.

- The echo pair: a bare ``@http`` endpoint that makes one RPC to a bare echo service. The floor
  of every gateway path (an HTTP request that makes one RPC to another process).
- The submission floor: the same HTTP -> RPC, where the RPC also publishes the one event a
  submission publishes, and that event travels as far as a submission's does: to three
  departments that each do nothing with it but one, which answers with an event of its own
  that the first service consumes (the green channel's welfare work item, announced back to
  intake). Published by nameko's EventDispatcher: persistent, with publisher confirms, as the
  outbox relay publishes; consumed from the queues the design asks for (the kit's
  ReliableEventHandler: quorum queues with a delivery limit and a dead-letter path). What a
  submission costs beyond this floor is weiquan's own work (validation, the database, the
  outbox and inbox); what this floor costs is the design's."""
import uuid

from nameko.events import EventDispatcher
from nameko.rpc import RpcProxy, rpc
from nameko.web.handlers import http

from weiquan.kit.consumer import reliable_event_handler


class EchoService:
    name = "bench_echo"

    @rpc
    def echo(self, payload):
        return payload


class BareHttpService:
    name = "bench_bare_http"
    echo = RpcProxy("bench_echo")
    intake = RpcProxy("bench_bare_intake")

    @http("POST", "/echo")
    def post_echo(self, request):
        return 200, {"Content-Type": "application/json"}, self.echo.echo(
            request.get_data(as_text=True))

    @http("GET", "/echo")
    def get_echo(self, request):
        return 200, {"Content-Type": "application/json"}, self.echo.echo("{}")

    @http("POST", "/submit")
    def post_submit(self, request):
        return 201, {"Content-Type": "application/json"}, self.intake.submit(
            request.get_data(as_text=True))


class BareIntake:
    """Takes the submission, announces it, and consumes the department's answer."""
    name = "bench_bare_intake"
    dispatch = EventDispatcher()

    @rpc
    def submit(self, payload):
        key = uuid.uuid4().hex
        self.dispatch("submitted", {"key": key, "size": len(payload)})
        return '{"key": "%s"}' % key

    @reliable_event_handler("bench_bare_welfare", "work_opened")
    def on_work_opened(self, body):
        return None


class BareWelfare:
    """Opens work on every submission (the green channel) and announces it."""
    name = "bench_bare_welfare"
    dispatch = EventDispatcher()

    @reliable_event_handler("bench_bare_intake", "submitted")
    def on_submitted(self, body):
        self.dispatch("work_opened", body)


class BareDispatch:
    name = "bench_bare_dispatch"

    @reliable_event_handler("bench_bare_intake", "submitted")
    def on_submitted(self, body):
        return None


class BarePublicity:
    name = "bench_bare_publicity"

    @reliable_event_handler("bench_bare_intake", "submitted")
    def on_submitted(self, body):
        return None


ECHO_PAIR = ("EchoService", "BareHttpService")
SUBMISSION_FLOOR = ("BareHttpService", "BareIntake", "BareWelfare", "BareDispatch",
                    "BarePublicity")
