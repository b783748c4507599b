"""Alembic environment of dispatch's database; run through dispatch.migrate (see weiquan.kit.migrations)."""
from weiquan.kit.migrations import run_env

from dispatch.models import metadata

run_env(metadata)
