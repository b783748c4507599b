"""dispatch's Alembic history on SQLite and PostgreSQL: the migrated schema is exactly
dispatch.models (what create_all makes), migrating twice changes nothing, downgrade works."""
import pytest
from alembic.script import ScriptDirectory

import dispatch.migrate
import dispatch.models
from weiquan.kit import migrations

from tests.integration.test_migrations import create_all, schema_diff, snapshot, version

pytestmark = pytest.mark.integration
METADATA = dispatch.models.metadata


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return lambda label: f"sqlite:///{tmp_path / (label + '.db')}"
    pg = request.getfixturevalue("pg")
    return lambda label: pg.create(f"mig_{label}")


def head():
    return ScriptDirectory(str(dispatch.migrate.MIGRATIONS)).get_current_head()


def test_migrated_schema_is_the_models(url):
    migrated, reference = url("dispatch"), url("dispatch_ref")
    dispatch.migrate.migrate(migrated)
    create_all(reference, METADATA)
    assert schema_diff(migrated, METADATA) == []
    assert snapshot(migrated) == snapshot(reference)
    assert version(migrated) == head() == "0001"


def test_migrating_twice_and_down_and_up(url):
    db = url("dispatch_twice")
    dispatch.migrate.migrate(db)
    before = snapshot(db)
    dispatch.migrate.migrate(db)
    assert snapshot(db) == before
    migrations.downgrade(db, dispatch.migrate.MIGRATIONS, "base")
    assert set(snapshot(db)) <= {"pg_indexes", "pg_constraints", "pg_sequences"}
    dispatch.migrate.migrate(db)
    assert snapshot(db) == before
