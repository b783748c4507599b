"""Create intake's tables (idempotent). Run before the service starts."""
from weiquan.config import database_url
from weiquan.kit.db import make_engine

from intake.models import metadata


def migrate(url=None):
    engine = make_engine(url or database_url("intake"))
    metadata.create_all(engine)
    engine.dispose()


if __name__ == "__main__":
    migrate()
    print("intake: schema ready")
