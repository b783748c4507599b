"""Alembic migrations of intake and the gateway, on SQLite (a temp file) and PostgreSQL (a fresh
database per test): the migrated schema is the schema of models.py, migrating is idempotent,
databases made by the old metadata.create_all are stamped and upgraded, downgrade works."""
import os
import subprocess
import sys
from datetime import datetime, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, Index, MetaData, Table, event, inspect, insert, select, text
from sqlalchemy.exc import IntegrityError

import gateway.migrate
import gateway.models
import intake.migrate
import intake.models
from weiquan.config import REPO_ROOT
from weiquan.kit import migrations
from weiquan.kit.db import make_engine

from tests.support import legacy_intake_models as legacy_models

pytestmark = pytest.mark.integration

SERVICES = {
    "intake": (intake.migrate, intake.models.metadata),
    "gateway": (gateway.migrate, gateway.models.metadata),
}
NOW = datetime(2026, 3, 2, 8, 30, tzinfo=timezone.utc)


@pytest.fixture(params=["sqlite", "postgresql"])
def new_db(request, tmp_path):
    """Returns a function making a fresh, empty database and giving its URL."""
    if request.param == "sqlite":
        return lambda label: f"sqlite:///{tmp_path / (label + '.db')}"
    pg = request.getfixturevalue("pg")
    return lambda label: pg.create(f"mig_{label}")


def run_migrate(service, url, demo=False):
    module, _ = SERVICES[service]
    if service == "gateway":
        module.migrate(url, demo=demo)
    else:
        module.migrate(url)


def run_cli(service, url, tmp_path):
    """`python -m <service>.migrate` as make run and the Dockerfiles run it."""
    env = {**os.environ, f"{service.upper()}_DATABASE_URL": url, "WEIQUAN_ENV": "development",
           "WEIQUAN_DATA_DIR": str(tmp_path), "DEMO_PASSWORD": "demo"}
    done = subprocess.run([sys.executable, "-W", "ignore", "-m", f"{service}.migrate"], env=env,
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def head(service):
    module, _ = SERVICES[service]
    return ScriptDirectory(str(module.MIGRATIONS)).get_current_head()


def with_engine(url, fn):
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return fn(conn)
    finally:
        engine.dispose()


def schema_diff(url, metadata):
    """Alembic autogenerate's comparison of the database with the models (types included)."""
    def compare(conn):
        ctx = MigrationContext.configure(conn, opts={"compare_type": True,
                                                     "compare_server_default": True})
        return compare_metadata(ctx, metadata)
    return with_engine(url, compare)


def snapshot(url):
    """Everything reflection sees, by name; on PostgreSQL also the server's own definitions of
    every index (partial WHERE included) and constraint, names included."""
    def take(conn):
        insp = inspect(conn)
        sqlite = conn.dialect.name == "sqlite"
        shot = {}
        for table in sorted(set(insp.get_table_names()) - {migrations.VERSION_TABLE}):
            uniques = insp.get_unique_constraints(table)
            shot[table] = {
                "columns": {c["name"]: (repr(c["type"]), c["nullable"], c.get("default"))
                            for c in insp.get_columns(table)},
                "pk": insp.get_pk_constraint(table)["constrained_columns"],
                "fks": sorted((tuple(f["constrained_columns"]), f["referred_table"],
                               tuple(f["referred_columns"])) for f in insp.get_foreign_keys(table)),
                "indexes": sorted((i["name"], tuple(i["column_names"]), bool(i["unique"]),
                                   repr(sorted((k, str(v)) for k, v in
                                               i.get("dialect_options", {}).items())))
                                  for i in insp.get_indexes(table)),
                # SQLite keeps no usable constraint names (it cannot drop a constraint by name)
                "uniques": sorted((None if sqlite else u["name"], tuple(u["column_names"]))
                                  for u in uniques),
            }
        if conn.dialect.name == "postgresql":
            shot["pg_indexes"] = dict(conn.execute(text(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
                "AND tablename <> 'alembic_version'")).all())
            shot["pg_constraints"] = sorted(conn.execute(text(
                "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) "
                "FROM pg_constraint c WHERE c.connamespace = 'public'::regnamespace "
                "AND c.conrelid::regclass::text <> 'alembic_version'")).all())
            shot["pg_sequences"] = sorted(conn.execute(text(
                "SELECT sequencename, data_type::text FROM pg_sequences "
                "WHERE schemaname = 'public'")).all())
        return shot
    return with_engine(url, take)


def create_all(url, metadata):
    engine = make_engine(url)
    metadata.create_all(engine)
    engine.dispose()


def version(url):
    return migrations.current_revision(url)


def legacy_intake_metadata(with_request_id=False):
    """intake's tables as the old create_all made them, before cases.request_id (or with it)."""
    if with_request_id:
        return legacy_models.metadata
    legacy = MetaData()
    for table in legacy_models.metadata.sorted_tables:
        if table.name != "cases":
            table.to_metadata(legacy)
            continue
        Table("cases", legacy,
              *[c._copy() for c in table.columns if c.name != "request_id"],
              *[Index(i.name, *[c.name for c in i.columns], unique=i.unique)
                for i in table.indexes if not getattr(i, "_column_flag", False)])
    return legacy


def add_case(conn, case_no, seq, **extra):
    cases = intake.models.cases
    conn.execute(insert(cases).values(
        case_no=case_no, year=2026, seq=seq, status="received", category="c", channel="web",
        applicant={"n": "张"}, officer={}, officer_police_id="1", officer_unit="u",
        incident={}, anti_gang=False, received_at=NOW, submitted_at=NOW, filed_by="officer",
        version=0, **extra))


def seed_legacy_intake(url):
    """A case with a clock and history rows pointing at it (foreign keys to the table 0002
    rebuilds on SQLite), written without request_id as the old code did."""
    engine = make_engine(url)
    legacy = legacy_intake_metadata()
    with engine.begin() as conn:
        conn.execute(insert(legacy.tables["cases"]).values(
            case_no="2026-0001", year=2026, seq=1, status="received", category="c",
            channel="web", applicant={"n": "张"}, officer={}, officer_police_id="1",
            officer_unit="u", incident={}, anti_gang=False, received_at=NOW,
            submitted_at=NOW, filed_by="officer", version=0))
        conn.execute(insert(intake.models.clocks).values(
            case_no="2026-0001", kind="acceptance", start_at=NOW, due_at=NOW, provisional=False))
        conn.execute(insert(intake.models.history).values(
            case_no="2026-0001", at=NOW, action="received", actor="officer", detail={}))
    engine.dispose()


# -- from an empty database ------------------------------------------------------------------

@pytest.mark.parametrize("service", sorted(SERVICES))
def test_upgrade_from_empty_creates_every_table_and_column(service, new_db):
    _, metadata = SERVICES[service]
    url = new_db(service)
    run_migrate(service, url)

    def tables(conn):
        insp = inspect(conn)
        return {t: {c["name"] for c in insp.get_columns(t)} for t in insp.get_table_names()}
    found = with_engine(url, tables)
    assert set(found) == set(metadata.tables) | {migrations.VERSION_TABLE}
    for name, table in metadata.tables.items():
        assert found[name] == {c.name for c in table.columns}, name
    assert version(url) == head(service)


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_migrated_schema_matches_models(service, new_db):
    _, metadata = SERVICES[service]
    migrated, reference = new_db(service), new_db(service + "_ref")
    run_migrate(service, migrated)
    create_all(reference, metadata)

    assert schema_diff(migrated, metadata) == []
    # Stricter than autogenerate (which ignores e.g. constraint names and partial-index WHERE):
    # identical to what metadata.create_all makes.
    assert snapshot(migrated) == snapshot(reference)


def test_partial_indexes_on_postgresql(pg):
    url = pg.create("mig_partial")  # partial indexes are PostgreSQL only (plain on SQLite)
    run_migrate("intake", url)
    indexdefs = snapshot(url)["pg_indexes"]
    assert indexdefs["ix_clocks_open_due"].endswith(
        "(due_at) WHERE ((satisfied_at IS NULL) AND (holder IS NOT NULL))")
    assert indexdefs["ix_clocks_provisional"].endswith("(id) WHERE (provisional AND (satisfied_at IS NULL))")
    assert indexdefs["ix_outbox_pending"].endswith("(id) WHERE (published_at IS NULL)")
    assert "UNIQUE" in indexdefs["cases_request_id_key"]


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_migrating_twice_is_a_no_op(service, new_db, tmp_path):
    url = new_db(service)
    assert run_cli(service, url, tmp_path).startswith(f"{service}: schema ready")
    before, rev = snapshot(url), version(url)

    statements = []

    def record(conn, cursor, statement, *args):
        statements.append(statement.strip().split(None, 1)[0].upper())
    event.listen(Engine, "before_cursor_execute", record)
    try:
        run_migrate(service, url)
    finally:
        event.remove(Engine, "before_cursor_execute", record)
    writes = {"CREATE", "ALTER", "DROP", "INSERT", "UPDATE", "DELETE"}
    assert not writes & set(statements), statements
    assert snapshot(url) == before and version(url) == rev == head(service)
    assert run_cli(service, url, tmp_path).startswith(f"{service}: schema ready")
    assert snapshot(url) == before and version(url) == rev


# -- databases made by the old create_all ----------------------------------------------------

def test_legacy_intake_without_request_id_is_stamped_and_upgraded(new_db, tmp_path):
    url, reference = new_db("legacy"), new_db("legacy_ref")
    create_all(url, legacy_intake_metadata())
    seed_legacy_intake(url)
    assert "request_id" not in snapshot(url)["cases"]["columns"]
    assert version(url) is None

    assert run_cli("intake", url, tmp_path) == "intake: schema ready\n"

    assert version(url) == head("intake")
    create_all(reference, intake.models.metadata)
    assert snapshot(url) == snapshot(reference)
    assert schema_diff(url, intake.models.metadata) == []

    engine = make_engine(url)
    try:
        with engine.connect() as conn:  # data kept, foreign keys intact
            assert conn.execute(select(intake.models.cases.c.case_no, intake.models.cases.c.request_id)
                                ).all() == [("2026-0001", None)]
            assert conn.execute(select(intake.models.clocks.c.case_no)).scalars().all() == ["2026-0001"]
            assert len(conn.execute(select(intake.models.history)).all()) == 1
        with engine.begin() as conn:  # the new column works and is unique
            add_case(conn, "2026-0002", 2, request_id="req-1")
        with pytest.raises(IntegrityError), engine.begin() as conn:
            add_case(conn, "2026-0003", 3, request_id="req-1")
        if url.startswith("sqlite"):
            with pytest.raises(IntegrityError), engine.begin() as conn:  # foreign keys back on
                conn.execute(insert(intake.models.history).values(
                    case_no="nope", at=NOW, action="x", actor="x", detail={}))
    finally:
        engine.dispose()


def test_legacy_intake_with_request_id_is_stamped_at_0002(new_db):
    url, reference = new_db("legacy_new"), new_db("legacy_new_ref")
    create_all(url, legacy_intake_metadata(with_request_id=True))
    assert intake.migrate.legacy_revision(inspect(make_engine(url))) == "0002"
    migrations.upgrade(url, intake.migrate.MIGRATIONS, intake.migrate.legacy_revision)
    assert version(url) == head("intake")
    create_all(reference, intake.models.metadata)
    assert snapshot(url) == snapshot(reference)


# The gateway's users table as metadata.create_all made it before migrations (revision 0001).
LEGACY_GATEWAY = MetaData()
Table("users", LEGACY_GATEWAY,
      *[c._copy() for c in gateway.models.users.columns if c.name != "care_mode"])


def test_legacy_gateway_is_stamped_and_keeps_its_users(new_db, tmp_path):
    url = new_db("legacy_gw")
    create_all(url, LEGACY_GATEWAY)
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(insert(LEGACY_GATEWAY.tables["users"]).values(
            username="someone", password_hash="x", roles="officer", active=True, created_at=NOW))
    engine.dispose()

    out = run_cli("gateway", url, tmp_path)
    assert out == "gateway: schema ready (demo accounts present)\n"
    assert version(url) == head("gateway") == "0002"  # stamped 0001, then upgraded
    assert schema_diff(url, gateway.models.metadata) == []
    names = with_engine(url, lambda c: set(c.execute(select(gateway.models.users.c.username)).scalars()))
    assert {"someone", "officer"} <= names


def test_partial_legacy_schema_is_refused(new_db):
    url = new_db("partial")
    engine = make_engine(url)
    intake.models.case_counters.create(engine)
    engine.dispose()
    with pytest.raises(RuntimeError, match="cannot tell its revision"):
        intake.migrate.migrate(url)
    assert version(url) is None  # nothing was stamped


# -- downgrade ---------------------------------------------------------------------------------

@pytest.mark.parametrize("service", sorted(SERVICES))
def test_downgrade_to_base_then_upgrade(service, new_db):
    module, metadata = SERVICES[service]
    url = new_db(service)
    run_migrate(service, url)
    migrated = snapshot(url)

    if service == "intake":  # step by step: 0002's downgrade rebuilds cases on SQLite, with data
        engine = make_engine(url)
        with engine.begin() as conn:
            add_case(conn, "2026-0001", 1, request_id="r")
            conn.execute(insert(intake.models.clocks).values(
                case_no="2026-0001", kind="k", start_at=NOW, due_at=NOW, provisional=False))
        engine.dispose()
        migrations.downgrade(url, module.MIGRATIONS, "0001")
        assert version(url) == "0001"
        assert "request_id" not in snapshot(url)["cases"]["columns"]
        assert with_engine(url, lambda c: c.execute(text("SELECT count(*) FROM clocks")).scalar()) == 1

    migrations.downgrade(url, module.MIGRATIONS, "base")
    assert version(url) is None
    assert with_engine(url, lambda c: set(inspect(c).get_table_names())) == {migrations.VERSION_TABLE}
    if url.startswith("postgresql"):
        assert snapshot(url)["pg_sequences"] == []

    run_migrate(service, url)
    assert version(url) == head(service)
    assert snapshot(url) == migrated
    assert schema_diff(url, metadata) == []
