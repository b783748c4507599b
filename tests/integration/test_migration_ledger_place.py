"""Migration 0005 on SQLite and PostgreSQL: cases.place is filled from the incident JSON of
the cases already stored (the ledger groups by it), and the ledger's index exists."""
import pytest
from sqlalchemy import inspect, text

import intake.migrate
from weiquan.kit import migrations
from weiquan.kit.db import make_engine

pytestmark = pytest.mark.integration

ROW = """INSERT INTO cases (case_no, year, seq, status, category, channel, applicant, officer,
    officer_police_id, officer_unit, incident, anti_gang, received_at, submitted_at, filed_by,
    version) VALUES (:no, 2026, :seq, 'submitted', 'other', 'app', '{}', '{}', '1', '城关派出所',
    :incident, false, '2026-03-01 02:00:00', '2026-03-01 02:00:00', 'officer', 0)"""


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ledger.db'}"
    return request.getfixturevalue("pg").create("mig_ledger")


def test_place_is_backfilled_from_the_incident(url):
    migrations.upgrade(url, intake.migrate.MIGRATIONS, intake.migrate.legacy_revision,
                       revision="0004")
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text(ROW), {"no": "A", "seq": 1,
                                     "incident": '{"place": "105国道", "description": "x"}'})
            conn.execute(text(ROW), {"no": "B", "seq": 2, "incident": '{"description": "y"}'})
        intake.migrate.migrate(url)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT case_no, place FROM cases ORDER BY case_no")
                                ).all() == [("A", "105国道"), ("B", None)]
        assert "ix_cases_received_at" in {i["name"] for i in inspect(engine).get_indexes("cases")}
    finally:
        engine.dispose()
