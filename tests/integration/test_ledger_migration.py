"""Migration 0007 (ledger hot spots) on SQLite and PostgreSQL: cases filed before it get
cases.occurred_at from their incident JSON, converted to UTC whatever offset it was written
with, so the hot spots count old cases by the same Shanghai hour as new ones."""
from datetime import datetime, timezone

import pytest
from sqlalchemy import select, text

import intake.migrate
from intake.models import cases
from weiquan.kit import migrations
from weiquan.kit.db import make_engine

pytestmark = pytest.mark.integration

INSERT = text(
    "INSERT INTO cases (case_no, year, seq, status, category, channel, applicant, officer, "
    "officer_police_id, officer_unit, incident, place, anti_gang, received_at, submitted_at, "
    "filed_by, version) VALUES (:no, 2026, :seq, 'submitted', 'other', 'app', '{}', '{}', '1', "
    "'u', :incident, 'p', false, '2026-03-02 02:00:00', '2026-03-02 02:00:00', 'x', 0)")


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ledger.db'}"
    return request.getfixturevalue("pg").create("mig_ledger")


def test_0007_backfills_occurred_at_in_utc(url):
    migrations.upgrade(url, intake.migrate.MIGRATIONS, revision="0006")
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            for seq, incident in enumerate((
                    '{"occurred_at": "2026-03-02T00:10:00+08:00", "place": "p"}',
                    '{"occurred_at": "2026-03-01T16:20:00.250000+00:00", "place": "p"}',
                    '{"place": "p"}'), 1):
                conn.execute(INSERT, {"no": f"C{seq}", "seq": seq, "incident": incident})
        migrations.upgrade(url, intake.migrate.MIGRATIONS)
        with engine.connect() as conn:
            found = dict(conn.execute(select(cases.c.case_no, cases.c.occurred_at)).all())
    finally:
        engine.dispose()
    assert found["C1"] == datetime(2026, 3, 1, 16, 10, tzinfo=timezone.utc)
    assert found["C2"].replace(microsecond=0) == datetime(2026, 3, 1, 16, 20, tzinfo=timezone.utc)
    assert found["C3"] is None
