"""Back up every service database and the evidence bucket into a dated folder, and restore a
backup into fresh databases and a fresh bucket.

    python -m weiquan.ops.backup backup  [--root var/backups] [--to-bucket NAME] [--keep N]
    python -m weiquan.ops.backup check   [--root var/backups] [--max-age-hours 26]
    python -m weiquan.ops.backup restore [--root var/backups | --from DIR] [--suffix _r1]
                                         [--db intake=NAME ...] [--bucket NAME] [--relink]

The databases are the services' ``<SERVICE>_DATABASE_URL`` (PostgreSQL), the bucket is
``MINIO_BUCKET`` on ``MINIO_ENDPOINT``: the same settings the services run with. The databases
are dumped first, then the bucket is mirrored: an evidence row is registered only after its
object is stored, so every row in a dump finds its object in the mirror."""
import argparse
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

from weiquan import settings as run_settings
from weiquan.devrun import SERVICES, present
from weiquan.ops import manifest, objects, pg

DEFAULT_ROOT = "var/backups"


def service_databases(settings, only=None):
    """``{service: Target}`` of every service of this checkout with a PostgreSQL database."""
    found = {}
    for name in SERVICES:
        if (only and name not in only) or not present(name):
            continue
        found[name] = pg.Target(settings.database_url(name))
    return found


def backup(root, settings=None, to_bucket=None, only=None, now=None, log=print):
    """Make one backup; answers its folder. The manifest is written last."""
    settings = settings or run_settings.current()
    now = now or datetime.now(timezone.utc)
    folder = Path(root) / manifest.backup_id(now)
    (folder / "db").mkdir(parents=True)
    databases = []
    for service, target in service_databases(settings, only).items():
        path = folder / "db" / f"{service}.dump"
        tables, version = pg.dump(target, path)
        sha, size = manifest.file_sha256(path)
        databases.append({"service": service, "database": target.database,
                          "server": target.describe(), "server_version": version,
                          "file": f"db/{service}.dump", "size": size, "sha256": sha,
                          "tables": tables})
        log(f"数据库 / database {service} ({target.describe()}): {size} bytes, "
            f"{len(tables)} tables")
    store = objects.client(settings)
    sink = (objects.BucketSink(store, to_bucket, folder.name) if to_bucket
            else objects.FileSink(folder))
    mirrored = objects.mirror(store, settings.minio_bucket, sink)
    log(f"对象 / objects of bucket {settings.minio_bucket}: {mirrored['count']} versions, "
        f"{mirrored['bytes']} bytes -> {sink.target()}")
    manifest.write(folder, {"format": manifest.FORMAT, "id": folder.name,
                            "created_at": now.isoformat(), "databases": databases,
                            "objects": mirrored})
    log(f"备份完成 / backup written: {folder}")
    return folder


class Made:
    """The databases and the bucket a restore created (and only those may be dropped)."""

    def __init__(self):
        self.databases, self.bucket = [], None

    def drop(self, settings):
        for target in self.databases:
            pg.drop_database(target)
        if self.bucket:
            objects.drop_bucket(objects.client(settings), self.bucket)


class Restored:
    """Where a backup was restored: ``databases`` {service: Target}, the bucket, the map from
    original to restored object version ids."""

    def __init__(self, folder, databases, bucket, versions):
        self.folder, self.databases, self.bucket, self.versions = folder, databases, bucket, versions

    def as_dict(self):
        return {"backup": str(self.folder), "bucket": self.bucket, "versions": self.versions,
                "databases": {s: t.describe() for s, t in self.databases.items()}}


def restore_targets(settings, saved, suffix, names=None):
    """Fresh databases on the servers the services use now: ``<database><suffix>`` unless
    ``names`` gives one."""
    names = names or {}
    current = service_databases(settings, [d["service"] for d in saved["databases"]])
    return {d["service"]: current[d["service"]].renamed(
                names.get(d["service"], d["database"] + suffix))
            for d in saved["databases"]}


def restore(folder, targets, bucket, settings=None, locks=True, log=print, made=None):
    """Restore the backup in ``folder`` into the fresh ``targets`` and the fresh ``bucket``
    after checking every dump (and mirrored file) against the manifest. ``made`` (a Made)
    collects what was created, so a failed restore can be cleaned up without touching a
    database or bucket that existed before."""
    settings = settings or run_settings.current()
    made = made if made is not None else Made()
    saved = manifest.read(folder)
    damaged = manifest.check_files(folder, saved)
    if damaged:
        raise RuntimeError("备份已损坏 / the backup is damaged: "
                           + "; ".join(f"{f}: {w}" for f, w in damaged))
    for entry in saved["databases"]:
        target = targets[entry["service"]]
        pg.create_database(target)
        made.databases.append(target)
        pg.restore(Path(folder) / entry["file"], target)
        log(f"已恢复数据库 / restored {entry['service']} -> {target.describe()}")
    store = objects.client(settings)
    objects.make_fresh_bucket(store, bucket)
    made.bucket = bucket
    versions = objects.restore(store, folder, saved["objects"], bucket, locks=locks)
    log(f"已恢复对象 / restored {len(versions)} object versions -> bucket {bucket}")
    return Restored(Path(folder), targets, bucket, versions)


def relink(restored):
    """Point the restored evidence rows at the restored object versions (the service downloads
    by version id). Changes the restored evidence database: run it after the drill."""
    target = restored.databases.get("evidence")
    if target is None:
        return 0
    conn = target.connect()
    try:
        with conn, conn.cursor() as cur:
            changed = 0
            for old, new in restored.versions.items():
                if old and new and old != new:
                    cur.execute("UPDATE evidence SET version_id = %s WHERE version_id = %s",
                                (new, old))
                    changed += cur.rowcount
        return changed
    finally:
        conn.close()


def check(root, max_age_hours, now=None):
    """0 when the newest finished backup under ``root`` is younger than ``max_age_hours``
    (the backup container's healthcheck), else 1 with one line saying why."""
    now = now or datetime.now(timezone.utc)
    try:
        newest = manifest.latest(root)
    except FileNotFoundError as exc:
        print(exc)
        return 1
    made = datetime.strptime(newest.name, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
    age = (now - made).total_seconds() / 3600
    if age > max_age_hours:
        print(f"最新备份已过期 / the newest backup {newest.name} is {age:.1f} h old "
              f"(limit {max_age_hours} h)")
        return 1
    print(f"最新备份 / newest backup {newest.name}, {age:.1f} h old")
    return 0


def _names(pairs):
    out = {}
    for pair in pairs or []:
        service, sep, name = pair.partition("=")
        if not sep:
            raise SystemExit(f"--db 应为 服务=库名 / must be service=database, not {pair!r}")
        out[service] = name
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m weiquan.ops.backup", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("backup", help="dump every database and mirror the evidence bucket")
    b.add_argument("--root", default=DEFAULT_ROOT, help="folder of the dated backups")
    b.add_argument("--to-bucket", help="mirror the objects into this bucket instead of files")
    b.add_argument("--keep", type=int, default=0, help="keep only the newest N backups")
    c = sub.add_parser("check", help="exit 1 unless the newest finished backup is recent")
    c.add_argument("--root", default=DEFAULT_ROOT)
    c.add_argument("--max-age-hours", type=float, default=26.0)
    r = sub.add_parser("restore", help="restore a backup into fresh databases and a bucket")
    r.add_argument("--root", default=DEFAULT_ROOT, help="restore the latest backup here")
    r.add_argument("--from", dest="folder", help="restore this backup folder")
    r.add_argument("--suffix", help="fresh database names: <database><suffix>")
    r.add_argument("--db", action="append", metavar="SERVICE=NAME", help="a database's name")
    r.add_argument("--bucket", help="the fresh bucket (default <MINIO_BUCKET>-restore-<id>)")
    r.add_argument("--no-locks", action="store_true", help="do not re-apply holds/retention")
    r.add_argument("--relink", action="store_true",
                   help="point the restored evidence rows at the restored object versions")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.root, args.max_age_hours)
    settings = run_settings.current()
    if args.command == "backup":
        backup(args.root, settings, to_bucket=args.to_bucket)
        for old in manifest.prune(args.root, args.keep):
            print(f"已删除旧备份 / removed old backup {old}")
        return 0
    folder = Path(args.folder) if args.folder else manifest.latest(args.root)
    saved = manifest.read(folder)
    suffix = args.suffix or f"_restore_{saved['id'].lower()}"
    targets = restore_targets(settings, saved, suffix, _names(args.db))
    bucket = args.bucket or f"{settings.minio_bucket}-restore-{saved['id'].lower()}"
    done = restore(folder, targets, bucket, settings, locks=not args.no_locks)
    if args.relink:
        print(f"已重新关联 / relinked {relink(done)} evidence rows")
    print(json.dumps(done.as_dict(), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
