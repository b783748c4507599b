"""Alembic environment of welfare's database; run through welfare.migrate (see weiquan.kit.migrations)."""
from weiquan.kit.migrations import run_env

from welfare.models import metadata

run_env(metadata)
