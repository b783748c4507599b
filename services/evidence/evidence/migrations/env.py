"""Alembic environment of evidence's database; run through evidence.migrate (see weiquan.kit.migrations)."""
from weiquan.kit.migrations import run_env

from evidence.models import metadata

run_env(metadata)
