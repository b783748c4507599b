"""The restore drill: restore the latest backup into fresh databases and a fresh bucket, then
prove it is whole, print a report, and exit non-zero on any mismatch.

    python -m weiquan.ops.drill [--root var/backups | --from DIR] [--live] [--keep]

It checks:
- every dump and mirrored file against the manifest's SHA-256 (before restoring);
- every table and sequence of every restored database against the counts and digests the
  manifest recorded from the very snapshot that was dumped; with ``--live`` also against the
  running databases, row by row (right after a backup of a quiet system: any write since the
  backup shows as a difference);
- every object version re-hashed from the restored bucket against the manifest;
- every evidence row of the restored evidence database: its object, re-hashed from the restored
  bucket, has the SHA-256 and size the row registers, that object is still the key's newest
  version, and the original evidence database registers the same hash for the same evidence.
The databases and the bucket it made are dropped afterwards unless ``--keep``."""
import argparse
import sys
from pathlib import Path

from weiquan import settings as run_settings
from weiquan.ops import backup as backups
from weiquan.ops import manifest, objects, pg


class Report:
    def __init__(self):
        self.lines, self.problems = [], []

    def ok(self, text):
        self.lines.append("  ok    " + text)

    def bad(self, where, what):
        self.problems.append((where, what))
        self.lines.append(f"  FAIL  {where}: {what}")

    def section(self, title):
        self.lines.append(title)

    @property
    def passed(self):
        return not self.problems

    def text(self):
        verdict = ("演练通过 / DRILL PASSED" if self.passed else
                   f"演练失败 / DRILL FAILED: {len(self.problems)} mismatch(es)")
        return "\n".join(self.lines + [verdict])


def _check_tables(report, saved, restored, live):
    report.section("数据库 / databases")
    for entry in saved["databases"]:
        service, target = entry["service"], restored.databases[entry["service"]]
        got = pg.digests_of(target)
        problems = manifest.compare_tables(entry["tables"], got)
        for table, what in problems:
            report.bad(f"{service} {table}", what + " (vs backup manifest)")
        if not problems:
            rows = sum(d["rows"] for t, d in got.items() if not t.startswith("sequence:"))
            report.ok(f"{service}: {len(got)} tables/sequences, {rows} rows = backup manifest")
        if service in live:
            original = pg.digests_of(live[service])
            differing = manifest.compare_tables(original, got)
            for table, what in differing:
                detail = ""
                if not table.startswith("sequence:") and "missing" not in what \
                        and "not in the backup" not in what:
                    rows = pg.row_differences(live[service], target, table)
                    detail = "; rows: " + ", ".join(f"{k} {w}" for k, w in rows)
                report.bad(f"{service} {table}", what + " (vs original)" + detail)
            if not differing:
                report.ok(f"{service}: every table row by row = original "
                          f"{live[service].describe()}")


def _check_objects(report, saved, restored, store):
    """Re-hash every restored version; answers {(key, restored version): (sha, size)}."""
    report.section("对象 / objects")
    seen, count = {}, 0
    for entry in saved["objects"]["entries"]:
        if entry["delete_marker"]:
            continue
        version = restored.versions.get(entry["version_id"])
        try:
            sha, size, _ = objects.digest(store, restored.bucket, entry["key"], version)
        except Exception as exc:  # noqa: BLE001 - a missing object is a finding, not a crash
            report.bad(f"object {entry['key']}", f"无法读取 / cannot be read: {exc}")
            continue
        seen[(entry["key"], version)] = (sha, size)
        count += 1
        if (sha, size) != (entry["sha256"], entry["size"]):
            report.bad(f"object {entry['key']}", f"SHA-256 {sha[:12]}/{size} != backup "
                                                 f"{entry['sha256'][:12]}/{entry['size']}")
    report.ok(f"{count} object versions re-hashed from bucket {restored.bucket}")
    return seen


def _evidence_rows(target):
    conn = target.connect()
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT id, object_key, version_id, sha256, size FROM evidence "
                        "ORDER BY id")
            return cur.fetchall()
    finally:
        conn.close()


def _check_evidence(report, restored, store, seen, original):
    report.section("证据哈希 / evidence hashes")
    target = restored.databases.get("evidence")
    if target is None:
        report.bad("evidence", "备份中没有证据库 / the backup has no evidence database")
        return
    rows = _evidence_rows(target)
    registered = {r[0]: r[3] for r in _evidence_rows(original)} if original else None
    for evidence_id, key, old_version, sha256, size in rows:
        version = restored.versions.get(old_version) if old_version else None
        got = seen.get((key, version))
        if got is None:
            try:
                got = objects.digest(store, restored.bucket, key, version)[:2]
            except Exception as exc:  # noqa: BLE001
                report.bad(f"evidence {evidence_id}", f"对象缺失 / object {key} missing: {exc}")
                continue
        if got != (sha256, size):
            report.bad(f"evidence {evidence_id}", f"恢复的对象 / restored object SHA-256 "
                                                  f"{got[0][:12]} != registered {sha256[:12]}")
        latest_sha, _, latest_version = objects.digest(store, restored.bucket, key)
        if version and latest_version != version:
            report.bad(f"evidence {evidence_id}", f"对象 {key} 有更新的版本 / a newer version "
                                                  f"overlays the evidence object (SHA-256 "
                                                  f"{latest_sha[:12]})")
        if registered is not None and registered.get(evidence_id) != sha256:
            report.bad(f"evidence {evidence_id}", f"原库登记的哈希不同 / the original database "
                                                  f"registers {registered.get(evidence_id)!r}")
    report.ok(f"{len(rows)} evidence rows checked against the restored bucket"
              + (" and the original database" if original else ""))


def verify(restored, settings=None, live=None, original_evidence=None):
    """The drill's checks on a restore; answers a Report. ``live``: {service: Target} to
    compare row by row; ``original_evidence``: the original evidence database's Target."""
    settings = settings or run_settings.current()
    saved = manifest.read(restored.folder)
    report = Report()
    report.section(f"恢复演练 / restore drill of backup {saved['id']} ({restored.folder})")
    _check_tables(report, saved, restored, live or {})
    store = objects.client(settings)
    seen = _check_objects(report, saved, restored, store)
    _check_evidence(report, restored, store, seen, original_evidence)
    return report


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m weiquan.ops.drill", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", default=backups.DEFAULT_ROOT)
    parser.add_argument("--from", dest="folder", help="drill this backup, not the latest")
    parser.add_argument("--live", action="store_true",
                        help="also compare every table row by row with the running databases")
    parser.add_argument("--keep", action="store_true", help="keep the restored databases/bucket")
    args = parser.parse_args(argv)
    settings = run_settings.current()
    folder = Path(args.folder) if args.folder else manifest.latest(args.root)
    saved = manifest.read(folder)
    drill_id = f"drill_{saved['id'].lower()}"
    targets = backups.restore_targets(settings, saved, "_" + drill_id)
    bucket = f"{settings.minio_bucket}-{drill_id.replace('_', '-')}"
    current = backups.service_databases(settings, [d["service"] for d in saved["databases"]])
    made = backups.Made()
    try:
        restored = backups.restore(folder, targets, bucket, settings, made=made)
        report = verify(restored, settings, live=current if args.live else None,
                        original_evidence=current.get("evidence"))
        print(report.text())
        return 0 if report.passed else 1
    except Exception as exc:  # noqa: BLE001 - a failed restore is the drill's finding
        print(f"演练失败 / DRILL FAILED: {exc}")
        return 1
    finally:
        if args.keep:
            print(f"保留 / kept: databases {[t.describe() for t in made.databases]}, "
                  f"bucket {made.bucket}")
        else:
            made.drop(settings)


if __name__ == "__main__":
    sys.exit(main())
