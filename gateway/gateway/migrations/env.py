"""Alembic environment of gateway's database; run through gateway.migrate (see weiquan.kit.migrations)."""
from weiquan.kit.migrations import run_env

from gateway.models import metadata

run_env(metadata)
