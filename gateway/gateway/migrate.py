"""Create the gateway's tables; in development also the demo accounts (never in production)."""
from weiquan.config import database_url, env, is_development
from weiquan.kit.db import make_engine, make_session_factory

from gateway.demo_users import ensure_demo_users
from gateway.models import metadata


def migrate(url=None, demo=None):
    engine = make_engine(url or database_url("gateway"))
    metadata.create_all(engine)
    if is_development() if demo is None else demo:
        with make_session_factory(engine)() as session, session.begin():
            ensure_demo_users(session, env("DEMO_PASSWORD", "demo"))
    engine.dispose()


if __name__ == "__main__":
    migrate()
    print("gateway: schema ready" + (" (demo accounts present)" if is_development() else ""))
