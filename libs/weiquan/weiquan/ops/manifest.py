"""The backup manifest and the hashing it rests on: plain Python, no database or store, so the
logic that decides whether a backup is whole is tested in milliseconds.

A backup is one dated folder ``<root>/<id>/`` holding ``db/<service>.dump`` (pg_dump -Fc),
``objects/`` (when the bucket is mirrored to files) and ``manifest.json``, written last: a
folder without it is an unfinished backup and is never restored."""
import hashlib
import json
import os
from datetime import datetime, timezone
from pathlib import Path

FORMAT = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


def backup_id(now=None):
    """Sortable and safe as a folder name, in UTC: ``20261201T101500Z``."""
    now = now or datetime.now(timezone.utc)
    return now.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


class HashingReader:
    """Wraps a stream: whatever is read through it is counted and hashed (SHA-256), so an
    object is hashed on its way from the store to the backup, never held whole in memory."""

    def __init__(self, raw):
        self.raw = raw
        self._sha = hashlib.sha256()
        self.size = 0

    def read(self, n=-1):
        data = self.raw.read(n)
        self._sha.update(data)
        self.size += len(data)
        return data

    def drain(self, sink=None):
        """Read to the end in chunks, passing each to ``sink`` (a file's write) if given."""
        while True:
            chunk = self.read(CHUNK)
            if not chunk:
                return
            if sink is not None:
                sink(chunk)

    @property
    def sha256(self):
        return self._sha.hexdigest()


def file_sha256(path):
    """(sha256, size) of a file, read in chunks."""
    with open(path, "rb") as fle:
        reader = HashingReader(fle)
        reader.drain()
    return reader.sha256, reader.size


class RowDigest:
    """A stable digest of a table: the SHA-256 over its rows in a fixed order, each row's text
    prefixed by its length (so no two different row lists can run together into the same
    bytes), and the row count."""

    def __init__(self):
        self._sha = hashlib.sha256()
        self.rows = 0

    def add(self, row_text):
        data = row_text.encode("utf-8")
        self._sha.update(f"{len(data)}:".encode("ascii"))
        self._sha.update(data)
        self.rows += 1

    def result(self):
        return {"rows": self.rows, "sha256": self._sha.hexdigest()}


def compare_tables(expected, actual):
    """Differences between two ``{table: {"rows", "sha256"}}`` maps: a list of
    ``(table, what)``, empty when every table has the same count and digest."""
    problems = []
    for table in sorted(set(expected) | set(actual)):
        want, got = expected.get(table), actual.get(table)
        if got is None:
            problems.append((table, "恢复后缺少该表 / missing after restore"))
        elif want is None:
            problems.append((table, "备份中没有该表 / not in the backup"))
        elif want["rows"] != got["rows"]:
            problems.append((table, f"行数 / rows: {want['rows']} != {got['rows']}"))
        elif want["sha256"] != got["sha256"]:
            problems.append((table, f"内容摘要不同 / digest differs ({want['sha256'][:12]} != "
                                    f"{got['sha256'][:12]}), same row count {got['rows']}"))
    return problems


def write(folder, manifest):
    """Write ``manifest.json`` atomically (a temporary file renamed), the backup's last step."""
    folder = Path(folder)
    tmp = folder / (MANIFEST + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fle:
        json.dump(manifest, fle, ensure_ascii=False, indent=1, sort_keys=True)
        fle.flush()
        os.fsync(fle.fileno())
    os.replace(tmp, folder / MANIFEST)


def read(folder):
    with open(Path(folder) / MANIFEST, encoding="utf-8") as fle:
        manifest = json.load(fle)
    if manifest.get("format") != FORMAT:
        raise ValueError(f"{folder}: 不支持的清单格式 / unsupported manifest format "
                         f"{manifest.get('format')!r}")
    return manifest


def complete_backups(root):
    """The finished backups under ``root`` (folders with a manifest), oldest first."""
    root = Path(root)
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and (p / MANIFEST).is_file())


def latest(root):
    found = complete_backups(root)
    if not found:
        raise FileNotFoundError(f"{root}: 没有完整的备份 / no finished backup (a folder with "
                                f"{MANIFEST})")
    return found[-1]


def check_files(folder, manifest):
    """Recompute the SHA-256 of every file the manifest names (dumps, mirrored objects) and
    answer the differences as ``(file, what)``; empty when the backup is intact."""
    folder, problems = Path(folder), []
    named = [(d["file"], d["size"], d["sha256"]) for d in manifest["databases"]]
    named += [(o["file"], o["size"], o["sha256"]) for o in manifest["objects"]["entries"]
              if o.get("file")]
    for rel, size, sha in named:
        path = folder / rel
        if not path.is_file():
            problems.append((rel, "文件缺失 / file missing"))
            continue
        got_sha, got_size = file_sha256(path)
        if (got_sha, got_size) != (sha, size):
            problems.append((rel, f"SHA-256 或大小不符 / sha256 or size differs: "
                                  f"{got_sha[:12]}/{got_size} != {sha[:12]}/{size}"))
    return problems


def prune(root, keep):
    """Remove the oldest finished backups beyond ``keep``; answers the removed folders."""
    import shutil
    found = complete_backups(root)
    removed = found[:-keep] if keep and len(found) > keep else []
    for folder in removed:
        shutil.rmtree(folder)
    return removed
