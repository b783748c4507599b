"""Alembic environment of publicity's database; run through publicity.migrate (see weiquan.kit.migrations)."""
from weiquan.kit.migrations import run_env

from publicity.models import metadata

run_env(metadata)
