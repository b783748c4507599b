"""The readiness answer every service gives the gateway's /readyz. Mixed into a service that
has a ``db`` (kit.nameko_deps.Database)."""
from nameko.rpc import rpc
from sqlalchemy import text

from weiquan.kit.rpc import answers


class Readiness:
    @rpc
    @answers
    def ping(self):
        """Answers when the service consumes RPC and its database responds."""
        with self.db.session() as session:
            session.execute(text("SELECT 1"))
        return "ok"
