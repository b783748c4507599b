"""The readiness answer every service gives the gateway's /readyz: the service consumes RPC
(it got the call) and its database answers. Each service's ``ping`` entrypoint calls this."""
from sqlalchemy import text


def ping(db):
    with db.session() as session:
        session.execute(text("SELECT 1"))
    return "ok"
