"""Each service's domain gauges, computed from its own tables (in-memory SQLite): open cases by
status, a department's open work items under its department name, the fund balances in yuan of
each fund's latest year, the stored evidence; and the outbox's pending rows with the age of
the oldest."""
from datetime import datetime, timedelta, timezone

import pytest
from prometheus_client import REGISTRY
from sqlalchemy import create_engine, insert
from sqlalchemy.orm import Session

from weiquan.kit.gauges import refresh_domain
from weiquan.kit.outbox import OutboxRelay

pytestmark = pytest.mark.unit
NOW = datetime(2026, 11, 30, 2, tzinfo=timezone.utc)


def sample(name, **label_values):
    return REGISTRY.get_sample_value(name, label_values)


@pytest.fixture
def db():
    engines = []

    def make(metadata, *rows):
        engine = create_engine("sqlite://")
        engines.append(engine)
        metadata.create_all(engine)
        with engine.begin() as conn:
            for table, values in rows:
                conn.execute(insert(table), values)
        return lambda: Session(engine)
    yield make
    for engine in engines:
        engine.dispose()


def test_open_cases_by_status_from_the_tally_without_closed(db):
    from intake import gauges
    from intake.models import case_tally, metadata
    factory = db(metadata, (case_tally, [{"status": "submitted", "n": 3},
                                         {"status": "closed", "n": 9}]))
    refresh_domain(factory, [gauges.refresh])
    assert sample("weiquan_open_cases", status="submitted") == 3
    assert sample("weiquan_open_cases", status="accepted") == 0
    assert sample("weiquan_open_cases", status="closed") is None


def item(i, state, **extra):
    return {"case_no": f"GX-WQ-2026-{i:06d}", "state": state, "summary": "s",
            "opened_at": NOW, **extra}


def test_a_departments_open_work_items_under_its_department_name(db):
    from dispatch import gauges
    from dispatch.models import metadata, work_items
    rows = [item(1, "open"), item(2, "open"), item(3, "done")]
    factory = db(metadata, (work_items, [
        {**r, "id": f"w{i}", "kind": f"k{i}", "owner": "command_center"}
        for i, r in enumerate(rows)]))
    refresh_domain(factory, [gauges.refresh])
    assert sample("weiquan_open_work_items", department="command_center") == 2


def test_evidence_counts_objects_and_bytes_and_its_open_items(db):
    from evidence import gauges
    from evidence.models import evidence, metadata, upload_intents, work_items
    factory = db(metadata)
    with factory() as session, session.begin():
        session.execute(insert(work_items), [{**item(1, "open"), "item_id": "w1", "kind": "t",
                                              "ref": "r", "owner": "cyber_brigade",
                                              "updated_at": NOW}])
    refresh_domain(factory, [gauges.refresh])
    assert sample("weiquan_evidence_objects_stored") == 0
    assert sample("weiquan_evidence_bytes_stored") == 0
    assert sample("weiquan_open_work_items", department="cyber_brigade") == 1
    with factory() as session, session.begin():
        for n, size in enumerate((1000, 24)):
            session.execute(insert(upload_intents), {
                "id": f"u{n}", "case_no": "GX-WQ-2026-000001", "object_key": f"k{n}",
                "state": "done", "meta": {}, "principal": {}, "created_at": NOW,
                "touched_at": NOW})
            session.execute(insert(evidence), {
                "id": f"e{n}", "case_no": "GX-WQ-2026-000001", "kind": "photo",
                "filename": "a.jpg", "content_type": "image/jpeg", "detected_format": "jpeg",
                "size": size, "sha256": "0" * 64, "object_key": f"k{n}", "acquired_at": NOW,
                "acquired_by": "u", "registered_at": NOW, "upload_id": f"u{n}",
                "custody_head": "0" * 64, "custody_count": 1})
    refresh_domain(factory, [gauges.refresh])
    assert sample("weiquan_evidence_objects_stored") == 2
    assert sample("weiquan_evidence_bytes_stored") == 1024


def test_fund_balances_in_yuan_of_each_kinds_latest_year(db):
    from logistics import gauges
    from logistics.models import funds, metadata

    def fund(kind, year, budget, committed):
        return {"id": f"{kind}-{year}", "kind": kind, "year": year, "budget_fen": budget,
                "committed_fen": committed, "director_limit_fen": 1, "set_by": "lg",
                "set_at": NOW}
    factory = db(metadata, (funds, [fund("consolation", 2025, 999_99, 0),
                                    fund("consolation", 2026, 10_000_00, 1_234_56),
                                    fund("counsel_fee", 2026, 500_00, 0)]))
    refresh_domain(factory, [gauges.refresh])
    assert sample("weiquan_fund_balance_yuan", fund="consolation") == pytest.approx(8765.44)
    assert sample("weiquan_fund_balance_yuan", fund="counsel_fee") == 500
    assert sample("weiquan_open_work_items", department="logistics") == 0


def test_publicity_counts_unpublished_statements_about_a_case(db):
    from publicity import gauges
    from publicity.models import metadata, statements

    def statement(ident, state, case_no):
        return {"id": ident, "series_id": ident, "version": 1, "kind": "typical_case",
                "case_no": case_no, "title": "t", "body": "b", "findings": [], "state": state,
                "origin": "manual", "created_by": "p", "created_at": NOW, "updated_at": NOW}
    factory = db(metadata, (statements, [statement("a", "draft", "GX-WQ-2026-000001"),
                                         statement("b", "published", "GX-WQ-2026-000002"),
                                         statement("c", "draft", None)]))
    refresh_domain(factory, [gauges.refresh])
    assert sample("weiquan_open_work_items", department="publicity") == 1


def test_outbox_pending_rows_and_the_oldest(db):
    from sqlalchemy import MetaData

    from weiquan.kit.outbox import outbox_table
    metadata = MetaData()
    outbox = outbox_table(metadata)
    old, new = datetime.now(timezone.utc) - timedelta(minutes=5), datetime.now(timezone.utc)
    row = {"exchange": "x", "routing_key": "r", "body": "{}", "attempts": 0}
    factory = db(metadata, (outbox, [
        {**row, "event_id": "a", "created_at": old, "published_at": None},
        {**row, "event_id": "b", "created_at": new, "published_at": None},
        {**row, "event_id": "c", "created_at": old - timedelta(hours=1), "published_at": new}]))
    relay = OutboxRelay.__new__(OutboxRelay)
    relay.session_factory, relay.table = factory, outbox
    count, oldest = relay.pending_stats()
    assert count == 2
    assert abs((oldest - old).total_seconds()) < 1
    relay.session_factory = db(metadata)  # an empty outbox
    assert relay.pending_stats() == (0, None)
