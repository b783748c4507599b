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
    assert version(migrated) == head() == "0002"


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


def test_an_order_issued_before_0002_reads_as_in_force_with_no_changes(url):
    """0002 adds the order's history, revocation and request key: an order already stored
    keeps its facts, is unrevoked, and can be extended once migrated."""
    from datetime import datetime, timedelta, timezone

    from sqlalchemy import insert, text
    from sqlalchemy.orm import Session

    from weiquan.kit.db import make_engine

    from dispatch.models import protective_orders
    from dispatch.repository import DispatchRepository
    db = url("dispatch_0001")
    migrations.upgrade(db, dispatch.migrate.MIGRATIONS, revision="0001")
    issued = datetime(2026, 11, 1, 2, 0, tzinfo=timezone.utc)
    engine = make_engine(db)
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO protective_orders (id, incident_id, case_no, persons, measures, "
            "address, valid_until, issued_at, issued_by) VALUES ('o-old', NULL, "
            "'GX-WQ-2026-000001', '[]', '[\"巡逻\"]', '某地', :until, :issued, 'cc1')"),
            {"until": (issued + timedelta(days=60)).replace(tzinfo=None),
             "issued": issued.replace(tzinfo=None)})
    engine.dispose()
    dispatch.migrate.migrate(db)
    assert version(db) == "0002"
    engine = make_engine(db)
    try:
        with engine.connect() as conn:
            session = Session(bind=conn)
            order = DispatchRepository(session).get_order("o-old")
            assert (order.case_no, order.measures, order.revoked_at, order.changes) == (
                "GX-WQ-2026-000001", ["巡逻"], None, [])
            assert order.valid_until == issued + timedelta(days=60)
            assert order.state(issued + timedelta(days=1)) == "active"
            session.execute(insert(protective_orders).values(
                id="o-new", persons=[], measures=[], address="x", valid_until=issued,
                issued_at=issued, issued_by="cc1", request_id="cc1:k"))
            assert DispatchRepository(session).find_order_by_request("cc1:k") == "o-new"
            session.rollback()
    finally:
        engine.dispose()
