"""The backup manifest's logic without a database or a store: row digests that change with any
row and not with where a row came from, the table comparison the restore drill relies on, the
file check that finds a damaged dump, and which backup counts as the latest."""
import io
import json

import pytest

from weiquan.ops import manifest
from weiquan.ops.manifest import HashingReader, RowDigest, compare_tables

pytestmark = pytest.mark.unit


def digest(rows):
    d = RowDigest()
    for row in rows:
        d.add(row)
    return d.result()


def test_a_digest_is_stable_and_counts_rows():
    rows = ["(1,GX-WQ-2026-000001,submitted)", "(2,GX-WQ-2026-000002,accepted)"]
    assert digest(rows) == digest(list(rows))
    assert digest(rows)["rows"] == 2


@pytest.mark.parametrize("changed", [
    ["(1,GX-WQ-2026-000001,submitted)", "(2,GX-WQ-2026-000002,rejected)"],   # one value
    ["(2,GX-WQ-2026-000002,accepted)", "(1,GX-WQ-2026-000001,submitted)"],   # the order
    ["(1,GX-WQ-2026-000001,submitted)(2,GX-WQ-2026-000002,accepted)"],       # rows run together
    ["(1,GX-WQ-2026-000001,submitted)"],                                      # a row less
])
def test_any_change_to_the_rows_changes_the_digest(changed):
    rows = ["(1,GX-WQ-2026-000001,submitted)", "(2,GX-WQ-2026-000002,accepted)"]
    assert digest(changed)["sha256"] != digest(rows)["sha256"]


def test_compare_tables_names_each_difference():
    a = {"public.cases": digest(["x", "y"]), "public.clocks": digest(["c"]),
         "public.gone": digest([])}
    b = {"public.cases": digest(["x", "z"]), "public.clocks": digest(["c", "d"]),
         "public.new": digest([])}
    problems = dict(compare_tables(a, b))
    assert set(problems) == {"public.cases", "public.clocks", "public.gone", "public.new"}
    assert "digest differs" in problems["public.cases"]
    assert "rows: 1 != 2" in problems["public.clocks"]
    assert "missing after restore" in problems["public.gone"]
    assert "not in the backup" in problems["public.new"]
    assert compare_tables(a, dict(a)) == []


def test_the_hashing_reader_hashes_what_passes_through():
    data = b"evidence " * 300_000
    reader = HashingReader(io.BytesIO(data))
    out = bytearray()
    reader.drain(out.extend)
    assert bytes(out) == data and reader.size == len(data)
    import hashlib
    assert reader.sha256 == hashlib.sha256(data).hexdigest()


def _backup(root, name, files):
    folder = root / name
    (folder / "db").mkdir(parents=True)
    entries = []
    for rel, data in files.items():
        (folder / rel).write_bytes(data)
        sha, size = manifest.file_sha256(folder / rel)
        entries.append({"service": rel, "file": rel, "size": size, "sha256": sha, "tables": {}})
    manifest.write(folder, {"format": manifest.FORMAT, "id": name, "databases": entries,
                            "objects": {"entries": []}})
    return folder


def test_check_files_finds_a_damaged_or_missing_dump(tmp_path):
    folder = _backup(tmp_path, "20261201T000000Z", {"db/intake.dump": b"PGDMP" + b"a" * 100,
                                                    "db/evidence.dump": b"PGDMP" + b"b" * 50})
    saved = manifest.read(folder)
    assert manifest.check_files(folder, saved) == []
    raw = bytearray((folder / "db/intake.dump").read_bytes())
    raw[10] ^= 1
    (folder / "db/intake.dump").write_bytes(bytes(raw))
    (folder / "db/evidence.dump").unlink()
    problems = dict(manifest.check_files(folder, saved))
    assert "sha256 or size differs" in problems["db/intake.dump"]
    assert "missing" in problems["db/evidence.dump"]


def test_latest_skips_an_unfinished_backup_and_prune_keeps_the_newest(tmp_path):
    _backup(tmp_path, "20261201T000000Z", {})
    _backup(tmp_path, "20261202T000000Z", {})
    (tmp_path / "20261203T000000Z" / "db").mkdir(parents=True)   # no manifest: unfinished
    assert manifest.latest(tmp_path).name == "20261202T000000Z"
    assert [p.name for p in manifest.prune(tmp_path, 1)] == ["20261201T000000Z"]
    assert [p.name for p in manifest.complete_backups(tmp_path)] == ["20261202T000000Z"]
    with pytest.raises(FileNotFoundError):
        manifest.latest(tmp_path / "nowhere")


def test_a_manifest_of_another_format_is_refused(tmp_path):
    (tmp_path / manifest.MANIFEST).write_text(json.dumps({"format": 99}))
    with pytest.raises(ValueError, match="unsupported manifest format"):
        manifest.read(tmp_path)


def test_check_is_healthy_only_with_a_recent_finished_backup(tmp_path):
    from datetime import datetime, timezone
    from weiquan.ops.backup import check
    now = datetime(2026, 12, 2, 3, 0, tzinfo=timezone.utc)
    assert check(tmp_path, 26, now) == 1                      # none yet
    _backup(tmp_path, "20261201T000000Z", {})                 # 27 h old
    assert check(tmp_path, 26, now) == 1
    _backup(tmp_path, "20261202T020000Z", {})                 # 1 h old
    assert check(tmp_path, 26, now) == 0
