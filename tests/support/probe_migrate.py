"""Creates the probe consumer's tables in PROBE_DATABASE_URL."""
import os

from weiquan.kit.db import make_engine

from tests.support.probe import metadata

if __name__ == "__main__":
    metadata.create_all(make_engine(os.environ["PROBE_DATABASE_URL"]))
