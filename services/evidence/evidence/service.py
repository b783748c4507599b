"""nameko adapter of the cyber brigade's evidence store, and the one list of its entrypoints:
RPC for metadata, custody, holds, captures and takedowns; one internal HTTP endpoint (only the
gateway calls it) for the bytes; the sweep of abandoned uploads; ping. Each entrypoint hands
its dependencies to a function of ``evidence.handlers``."""
from nameko.web.handlers import http

from weiquan.contracts.events import subscriptions_of
from weiquan.kit import readiness
from weiquan.kit.consumer import reliable_event_handler
from weiquan.kit.correlation import CorrelationId
from weiquan.kit.internal_auth import InternalSecret
from weiquan.kit.nameko_deps import (Calendar, Clock, Database, MetricsEndpoint,
                                     SettingsProvider, every)
from weiquan.kit.rpc import answers, asks
from weiquan.kit.rpc_entry import rpc

from evidence.access import CaseScope
from evidence.handlers import custody, internal_http, takedowns, uploads, work
from evidence import gauges
from evidence.models import metadata
from evidence.store import ObjectStore


class EvidenceService:
    name = "evidence"

    # declares intake's queues of evidence's work events, so none published first is lost
    db = Database(metadata, "evidence", declare_queues=subscriptions_of("evidence"))
    store = ObjectStore()
    clock = Clock()
    calendar = Calendar()
    settings = SettingsProvider()
    correlation = CorrelationId()  # the worker's correlation id: logs, RPCs, events
    secret = InternalSecret()
    metrics_endpoint = MetricsEndpoint(gauges=gauges.refresh)
    intake = asks("intake")

    def _cases(self):
        return CaseScope(self.intake, self.settings.rpc_timeout)

    @rpc
    @answers
    def ping(self):
        """Answers when the service consumes RPC and its database responds (gateway /readyz)."""
        return readiness.ping(self.db)

    # ---- uploads ---------------------------------------------------------------------------
    @rpc
    @answers
    def begin_upload(self, case_no, meta, head_b64, principal):
        return uploads.begin_upload(self.db, self.clock, self._cases(), case_no, meta,
                                    head_b64, principal)

    @http("PUT", "/internal/uploads/<string:upload_id>")
    def receive_upload(self, request, upload_id):
        """The bytes of a begun upload, streamed (chunked) by the gateway."""
        return internal_http.receive(request, upload_id, self.secret, lambda claims, stream:
                                     uploads.receive(self.db, self.store, self.clock,
                                                     self.settings.evidence_stale_upload_seconds,
                                                     upload_id, claims, stream))

    @every("evidence_stale_upload_seconds", eager=True, scale=lambda s: max(s / 2, 1.0))
    def sweep_abandoned_uploads(self):
        uploads.sweep(self.db, self.store, self.clock,
                      self.settings.evidence_stale_upload_seconds)

    # ---- custody ---------------------------------------------------------------------------
    @rpc
    @answers
    def get_evidence(self, evidence_id, principal):
        return custody.get_evidence(self.db, self.clock, self._cases(), evidence_id, principal)

    @rpc
    @answers
    def download_link(self, evidence_id, principal):
        return custody.download_link(self.db, self.store, self.clock, self._cases(),
                                     evidence_id, principal)

    @rpc
    @answers
    def verify_custody(self, evidence_id, principal=None):
        return custody.verify_custody(self.db, self._cases(), evidence_id, principal)

    @rpc
    @answers
    def hold(self, evidence_id, command, principal):
        return custody.hold(self.db, self.store, self.clock, self._cases(), evidence_id,
                            command, principal)

    @rpc
    @answers
    def list_case_evidence(self, case_no, principal):
        return custody.list_case_evidence(self.db, self._cases(), case_no, principal)

    # ---- takedowns -------------------------------------------------------------------------
    @rpc
    @answers
    def request_takedown(self, case_no, command, principal):
        return takedowns.request_takedown(self.db, self.clock, self._cases(), case_no,
                                          command, principal)

    @rpc
    @answers
    def change_takedown(self, takedown_id, command, principal):
        return takedowns.change_takedown(self.db, self.clock, takedown_id, command, principal)

    @rpc
    @answers
    def get_takedown(self, takedown_id, principal):
        return takedowns.get_takedown(self.db, takedown_id, principal)

    # ---- the brigade's own work items ----------------------------------------------------
    @reliable_event_handler("intake", "case_accepted")
    def on_case_accepted(self, body):
        work.on_case_accepted(self.db, self.clock, self.calendar, body)
