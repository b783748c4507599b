"""Alembic environment of intake's database; run through intake.migrate (see weiquan.kit.migrations)."""
from weiquan.kit.migrations import run_env

from intake.models import metadata

run_env(metadata)
