"""Backups and the restore drill on a PostgreSQL system of its own (its own broker vhost and
bucket): cases filed and evidence uploaded through the gateway, the services stopped so the
originals stay still, one backup; each test restores it into fresh databases and a fresh bucket.
A clean restore passes every check; a changed row or an object overlaid in the restored bucket
fails the drill, naming what differs; a damaged dump stops the drill before anything is
restored. Everything a restore makes is dropped afterwards."""
import io
import shutil
import subprocess
import sys
import uuid

import psycopg2
import pytest

from weiquan.config import REPO_ROOT
from weiquan.ops import backup as backups
from weiquan.ops import drill, manifest, objects
from weiquan.settings import Settings

from tests.support.answers import ok
from tests.support.bodies import application
from tests.support.evidence_files import JPEG, MP4, PDF, blob, sha
from tests.support.infra import PG_ADMIN_URL, System, app_services, private_amqp_uri

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def original(tmp_path_factory, pg, s3):
    """A system with three cases (one accepted) and three evidence files, then stopped."""
    sysm = System(tmp_path_factory.mktemp("drill-system"), pg, backend="postgresql",
                  amqp=private_amqp_uri("drill"))
    sysm.use_s3(s3.endpoint)
    sysm.env["MINIO_BUCKET"] = f"evidence-drill-{uuid.uuid4().hex[:8]}"
    sysm.migrate()
    for name in app_services():
        sysm.start(name)
    try:
        sysm.wait_ready()
        cases = [ok(sysm.call("POST", "/api/applications", "officer", json=application()),
                    201)["case_no"] for _ in range(3)]
        ok(sysm.call("POST", f"/api/cases/{cases[0]}/decision", "committee_office",
                     json={"accept": True, "reason": "符合受理条件"}))
        uploads = {}
        for case_no, data, kind, name in ((cases[0], blob(JPEG, 200_000), "photo", "a.jpg"),
                                          (cases[0], blob(MP4, 6 * 1024 * 1024 + 3), "video",
                                           "b.mp4"),
                                          (cases[1], blob(PDF, 5000), "document", "c.pdf")):
            got = ok(sysm.call("POST", f"/api/cases/{case_no}/evidence", "officer", data=data,
                               params={"kind": kind, "filename": name},
                               headers={"Content-Type": "application/octet-stream"}), 201)
            assert got["sha256"] == sha(data)
            uploads[got["evidence_id"]] = got["sha256"]
    finally:
        sysm.shutdown()
    sysm.cases, sysm.uploads = cases, uploads
    sysm.settings = Settings.from_env(sysm.env)
    return sysm


@pytest.fixture(scope="module")
def backup_folder(original, tmp_path_factory):
    return backups.backup(tmp_path_factory.mktemp("backups"), original.settings, log=lambda _: 0)


@pytest.fixture
def restored(original, backup_folder):
    saved = manifest.read(backup_folder)
    tag = uuid.uuid4().hex[:8]
    targets = backups.restore_targets(original.settings, saved, f"_r{tag}")
    made = backups.Made()
    done = backups.restore(backup_folder, targets, f"restored-{tag}", original.settings,
                           log=lambda _: 0, made=made)
    yield done
    made.drop(original.settings)
    assert not _databases_named(f"_r{tag}") and not _store(original).bucket_exists(done.bucket)


def _store(sysm):
    return objects.client(sysm.settings)


def _databases_named(suffix):
    conn = psycopg2.connect(PG_ADMIN_URL)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT datname FROM pg_database WHERE datname LIKE %s",
                        ("%" + suffix,))
            return [r[0] for r in cur.fetchall()]
    finally:
        conn.close()


def _live(sysm):
    return backups.service_databases(sysm.settings)


def _verify(sysm, done):
    live = _live(sysm)
    return drill.verify(done, sysm.settings, live=live, original_evidence=live["evidence"])


def test_the_manifest_lists_every_database_and_object(original, backup_folder):
    saved = manifest.read(backup_folder)
    assert {d["service"] for d in saved["databases"]} == set(app_services())
    intake = next(d for d in saved["databases"] if d["service"] == "intake")
    assert intake["tables"]["public.cases"]["rows"] == 3
    entries = saved["objects"]["entries"]
    assert sorted(e["sha256"] for e in entries) == sorted(original.uploads.values())
    assert all(e["size"] > 0 and e["file"].startswith("objects/") for e in entries)
    assert manifest.check_files(backup_folder, saved) == []


def test_a_clean_restore_passes_every_check(original, restored):
    report = _verify(original, restored)
    assert report.passed, report.text()
    text = report.text()
    assert "intake: every table row by row = original" in text
    assert "3 evidence rows checked against the restored bucket and the original" in text
    rows = restored.databases["evidence"].connect()
    with rows, rows.cursor() as cur:
        cur.execute("SELECT id, sha256 FROM evidence")
        assert dict(cur.fetchall()) == original.uploads
    rows.close()


def test_a_changed_row_in_the_restored_intake_database_fails(original, restored):
    case_no = original.cases[1]
    conn = restored.databases["intake"].connect()
    with conn, conn.cursor() as cur:
        cur.execute("UPDATE cases SET status = 'closed' WHERE case_no = %s", (case_no,))
        assert cur.rowcount == 1
    conn.close()
    report = _verify(original, restored)
    assert not report.passed
    where = {w for w, _ in report.problems}
    assert "intake public.cases" in where
    details = " ".join(what for w, what in report.problems if w == "intake public.cases")
    assert "vs backup manifest" in details and "vs original" in details
    assert case_no in details and "content differs" in details


def test_an_altered_object_in_the_restored_bucket_fails(original, restored):
    store = _store(original)
    conn = restored.databases["evidence"].connect()
    with conn, conn.cursor() as cur:
        cur.execute("SELECT id, object_key FROM evidence ORDER BY size LIMIT 1")
        evidence_id, key = cur.fetchone()
    conn.close()
    forged = blob(PDF, 5000)
    store.put_object(restored.bucket, key, io.BytesIO(forged), len(forged))
    report = _verify(original, restored)
    assert not report.passed
    assert [w for w, _ in report.problems] == [f"evidence {evidence_id}"], report.text()
    assert sha(forged)[:12] in report.problems[0][1]


def test_the_drill_command_passes_and_leaves_nothing_behind(original, backup_folder):
    done = subprocess.run([sys.executable, "-W", "ignore", "-m", "weiquan.ops.drill", "--from",
                           str(backup_folder), "--live"], env=original.env, cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "DRILL PASSED" in done.stdout and "FAIL " not in done.stdout
    assert not _databases_named(f"_drill_{backup_folder.name.lower()}")
    drill_bucket = f"{original.settings.minio_bucket}-drill-{backup_folder.name.lower()}"
    assert not _store(original).bucket_exists(drill_bucket)


def test_a_damaged_dump_fails_the_drill_before_restoring(original, backup_folder, tmp_path):
    copy = tmp_path / backup_folder.name
    shutil.copytree(backup_folder, copy)
    dump = copy / "db" / "intake.dump"
    raw = bytearray(dump.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    dump.write_bytes(bytes(raw))
    done = subprocess.run([sys.executable, "-W", "ignore", "-m", "weiquan.ops.drill", "--from",
                           str(copy)], env=original.env, cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "DRILL FAILED" in done.stdout and "db/intake.dump" in done.stdout
    assert not _databases_named(f"_drill_{backup_folder.name.lower()}")
