"""The evidence bucket in a backup: every object version mirrored with its metadata, tags,
legal hold and retention, streamed and hashed on the way (to files in the backup folder or to
a backup bucket), and restored into a fresh bucket.

Version ids belong to the store that made them: a restored version gets a new id. The restore
answers the map from each original version id to its new one (the drill reads evidence rows
through it; ``relink`` rewrites a restored evidence database with it)."""
import logging
from datetime import datetime, timezone
from pathlib import Path

from minio import Minio
from minio.commonconfig import ENABLED, Tags
from minio.error import S3Error
from minio.retention import Retention
from minio.versioningconfig import VersioningConfig

from weiquan.ops.manifest import HashingReader

log = logging.getLogger(__name__)
REGION = "us-east-1"
PART_SIZE = 16 * 1024 * 1024   # a restore holds a few parts in memory at once, never an object
KEPT_HEADERS = ("content-type", "content-encoding", "content-disposition", "content-language",
                "cache-control")


def client(settings):
    endpoint = settings.minio_endpoint or f"127.0.0.1:{settings.local_s3_port}"
    return Minio(endpoint, access_key=settings.minio_access_key,
                 secret_key=settings.minio_secret_key, secure=settings.minio_secure,
                 region=REGION)


def _versions(store, bucket):
    """Every version and delete marker, per key oldest first (S3 lists newest first)."""
    by_key = {}
    for obj in store.list_objects(bucket, recursive=True, include_version=True):
        by_key.setdefault(obj.object_name, []).append(obj)
    for key in sorted(by_key):
        yield from reversed(by_key[key])


def _locks(store, bucket, key, version_id):
    """(legal hold on?, retention or None). A bucket without object lock has neither; moto
    (5.2.5) answers a retention request on an object without one with the object's bytes,
    which the SDK cannot parse: also "none"."""
    try:
        hold = store.is_object_legal_hold_enabled(bucket, key, version_id=version_id)
    except (S3Error, ValueError):
        hold = False
    try:
        ret = store.get_object_retention(bucket, key, version_id=version_id)
    except (S3Error, ValueError):   # UnicodeDecodeError is a ValueError
        ret = None
    retention = None
    if ret is not None and ret.retain_until_date is not None:
        retention = {"mode": ret.mode, "until": ret.retain_until_date.isoformat()}
    return hold, retention


def describe(store, bucket, obj):
    """The manifest entry of one version, before its bytes are read."""
    entry = {"key": obj.object_name, "version_id": obj.version_id,
             "latest": bool(obj.is_latest), "delete_marker": bool(obj.is_delete_marker)}
    if obj.is_delete_marker:
        return entry
    stat = store.stat_object(bucket, obj.object_name, version_id=obj.version_id)
    headers = {k.lower(): v for k, v in stat.metadata.items()}
    tags = store.get_object_tags(bucket, obj.object_name, version_id=obj.version_id)
    hold, retention = _locks(store, bucket, obj.object_name, obj.version_id)
    entry.update(content_type=stat.content_type or "application/octet-stream",
                 headers={k: v for k, v in headers.items()
                          if k in KEPT_HEADERS[1:] or k.startswith("x-amz-meta-")},
                 tags=dict(tags or {}), legal_hold=hold, retention=retention)
    return entry


class FileSink:
    """Objects as numbered files under the backup folder (keys may hold any character)."""

    def __init__(self, folder):
        self.folder = Path(folder)
        (self.folder / "objects").mkdir(parents=True, exist_ok=True)

    def target(self):
        return {"kind": "files", "path": "objects"}

    def put(self, n, entry, reader):
        rel = f"objects/{n:06d}.bin"
        with open(self.folder / rel, "wb") as fle:
            reader.drain(fle.write)
        entry["file"] = rel


class BucketSink:
    """Objects under ``<prefix>/<n>`` in a backup bucket (made here when missing)."""

    def __init__(self, store, bucket, prefix):
        self.store, self.bucket, self.prefix = store, bucket, prefix
        if not store.bucket_exists(bucket):
            store.make_bucket(bucket)

    def target(self):
        return {"kind": "bucket", "bucket": self.bucket, "prefix": self.prefix}

    def put(self, n, entry, reader):
        name = f"{self.prefix}/{n:06d}"
        self.store.put_object(self.bucket, name, reader, entry["size"],
                              content_type="application/octet-stream", part_size=PART_SIZE)
        entry["stored_as"] = name


def mirror(store, bucket, sink):
    """Copy every version of ``bucket`` into ``sink``; answers the manifest's "objects" part.
    A version whose bytes hash differently from what was read (it cannot, unless the store
    changed mid-read) is caught by the drill, which re-hashes after the restore."""
    entries, total = [], 0
    for n, obj in enumerate(_versions(store, bucket), 1):
        entry = describe(store, bucket, obj)
        entry["n"] = n
        if not entry["delete_marker"]:
            entry["size"] = obj.size
            response = store.get_object(bucket, obj.object_name, version_id=obj.version_id)
            try:
                reader = HashingReader(response)
                sink.put(n, entry, reader)
                reader.drain()   # a sink that stopped early still gets the whole hash
            finally:
                response.close()
                response.release_conn()
            entry["size"], entry["sha256"] = reader.size, reader.sha256
            total += reader.size
        entries.append(entry)
    return {"bucket": bucket, "target": sink.target(), "count": len(entries),
            "bytes": total, "entries": entries}


def make_fresh_bucket(store, bucket):
    """A new bucket, with object lock where the store allows it (else versioned); it must not
    exist yet. Answers whether object lock is on."""
    if store.bucket_exists(bucket):
        raise RuntimeError(f"存储桶已存在 / bucket {bucket} already exists: restore into a "
                           "fresh one")
    try:
        store.make_bucket(bucket, object_lock=True)
        return True
    except S3Error as exc:
        log.warning("bucket %s without object lock (%s)", bucket, exc.code)
        store.make_bucket(bucket)
        store.set_bucket_versioning(bucket, VersioningConfig(ENABLED))
        return False


def _open_source(store, folder, objects, entry):
    if objects["target"]["kind"] == "files":
        return open(Path(folder) / entry["file"], "rb"), None
    response = store.get_object(objects["target"]["bucket"], entry["stored_as"])
    return response, response


def restore(store, folder, objects, bucket, locks=True):
    """Put every mirrored version into the fresh ``bucket`` (made by make_fresh_bucket), oldest
    first, with its metadata, tags and (``locks``) legal hold and a retention still in the
    future. Answers
    ``{original version id: restored version id}``; raises when a backed-up object's bytes do
    not hash to the manifest's SHA-256 (a damaged backup)."""
    try:
        locked = store.get_object_lock_config(bucket) is not None
    except S3Error:
        locked = False
    versions, now = {}, datetime.now(timezone.utc)
    for entry in objects["entries"]:
        if entry["delete_marker"]:
            store.remove_object(bucket, entry["key"])
            continue
        raw, response = _open_source(store, folder, objects, entry)
        try:
            reader = HashingReader(raw)
            tags = None
            if entry["tags"]:
                tags = Tags.new_object_tags()
                tags.update(entry["tags"])
            retention = None
            until = entry["retention"] and datetime.fromisoformat(entry["retention"]["until"])
            if locks and locked and until and until > now:
                retention = Retention(entry["retention"]["mode"], until)
            result = store.put_object(bucket, entry["key"], reader, entry["size"],
                                      content_type=entry["content_type"],
                                      metadata=dict(entry["headers"]) or None,
                                      part_size=PART_SIZE, tags=tags, retention=retention,
                                      legal_hold=bool(locks and locked and entry["legal_hold"]))
        finally:
            raw.close()
            if response is not None:
                response.release_conn()
        if (reader.sha256, reader.size) != (entry["sha256"], entry["size"]):
            raise RuntimeError(f"备份中的对象已损坏 / the backed-up object {entry['key']} "
                               f"(#{entry['n']}) does not match its SHA-256 in the manifest")
        versions[entry["version_id"]] = result.version_id
    return versions


def digest(store, bucket, key, version_id=None):
    """(sha256, size, version id) of a stored object, re-read streamed."""
    response = store.get_object(bucket, key, version_id=version_id)
    try:
        reader = HashingReader(response)
        reader.drain()
        version = response.headers.get("x-amz-version-id")
    finally:
        response.close()
        response.release_conn()
    return reader.sha256, reader.size, version


def drop_bucket(store, bucket):
    """Remove a bucket the drill made, its held and GOVERNANCE-retained versions included."""
    if not store.bucket_exists(bucket):
        return
    for obj in store.list_objects(bucket, recursive=True, include_version=True):
        try:
            store.disable_object_legal_hold(bucket, obj.object_name, version_id=obj.version_id)
        except S3Error:
            pass
        query = {"versionId": obj.version_id} if obj.version_id else None
        store._execute("DELETE", bucket, obj.object_name, query_params=query,
                       headers={"x-amz-bypass-governance-retention": "true"})
    store.remove_bucket(bucket)
