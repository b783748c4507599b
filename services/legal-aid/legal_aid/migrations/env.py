"""Alembic environment of legal_aid's database; run through legal_aid.migrate (see weiquan.kit.migrations)."""
from weiquan.kit.migrations import run_env

from legal_aid.models import metadata

run_env(metadata)
