"""The political-work office (welfare)'s nameko service: every entrypoint it has, in one place."""
from nameko.rpc import rpc

from weiquan.contracts.events import subscriptions_of
from weiquan.kit import readiness
from weiquan.kit.nameko_deps import Clock, Database, MetricsEndpoint, SettingsProvider
from weiquan.kit.rpc import answers

from welfare.models import metadata


class WelfareService:
    name = "welfare"

    db = Database(metadata, "welfare", declare_queues=subscriptions_of("welfare"))
    clock = Clock()
    settings = SettingsProvider()
    metrics_endpoint = MetricsEndpoint()

    @rpc
    @answers
    def ping(self):
        """The gateway's /readyz: this service consumes RPC and reaches its database."""
        return readiness.ping(self.db)
