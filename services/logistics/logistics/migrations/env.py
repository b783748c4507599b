"""Alembic environment of logistics's database; run through logistics.migrate (see weiquan.kit.migrations)."""
from weiquan.kit.migrations import run_env

from logistics.models import metadata

run_env(metadata)
