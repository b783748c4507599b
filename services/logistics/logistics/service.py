"""The logistics office's nameko service: every entrypoint it has, in one place."""
from nameko.rpc import rpc

from weiquan.contracts.events import subscriptions_of
from weiquan.kit import readiness
from weiquan.kit.nameko_deps import Clock, Database, MetricsEndpoint, SettingsProvider
from weiquan.kit.rpc import answers

from logistics.models import metadata


class LogisticsService:
    name = "logistics"

    db = Database(metadata, "logistics", declare_queues=subscriptions_of("logistics"))
    clock = Clock()
    settings = SettingsProvider()
    metrics_endpoint = MetricsEndpoint()

    @rpc
    @answers
    def ping(self):
        """The gateway's /readyz: this service consumes RPC and reaches its database."""
        return readiness.ping(self.db)
