"""The evidence store's S3 SHA-256 checksums against the real local S3 server (moto, the store
of development and tests): what moto verifies, what the checksum probe concludes from it, and
that a part whose bytes differ from the checksum it carries fails the upload, removed from the
store, with nothing registered."""
import hashlib
import io
import uuid

import pytest
from sqlalchemy import func, select

from weiquan.kit.clock import SystemClock
from weiquan.kit.db import make_engine, make_session_factory
from weiquan.kit.errors import AppError
from weiquan.kit.uow import UnitOfWork
from weiquan.settings import Settings

from evidence import multipart
from evidence.migrate import migrate
from evidence.models import custody_entries, evidence as evidence_rows, outbox, upload_intents
from evidence.repository import EvidenceRepository
from evidence.store import PART_SIZE, EvidenceStore
from evidence.upload import Upload

pytestmark = pytest.mark.integration
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00"


def settings_for(s3, **env):
    return Settings.from_env({"MINIO_ENDPOINT": s3.endpoint, "MINIO_BUCKET": "checksums",
                              **env})


@pytest.fixture
def store(s3):
    store = EvidenceStore(settings_for(s3))
    store.ensure_bucket()
    return store


def body(size):
    block = hashlib.sha256(b"seed").digest() * 2048  # 64 KiB, not all zeros
    return MP4 + (block * (size // len(block) + 1))[:size - len(MP4)]


def versions(store, key):
    return [o for o in store.minio.list_objects(store.bucket, prefix=key, include_version=True)
            if o.object_name == key]


def test_moto_keeps_a_part_with_a_wrong_checksum_but_answers_the_composite_of_its_bytes(store):
    """moto 5.2.5 does not refuse the part (MinIO and S3 do), so its refusal cannot be the
    proof here; the composite it answers is computed from the bytes it holds, so it is."""
    data = body(PART_SIZE + 1000)
    key = f"t/{uuid.uuid4().hex}"
    lie = [hashlib.sha256(data[:PART_SIZE] + b"!").digest(),
           hashlib.sha256(data[PART_SIZE:] + b"!").digest()]
    stored = store.put_stream(key, io.BytesIO(data), "video/mp4",
                              claim=lambda part: hashlib.sha256(part + b"!").digest())
    truth = [hashlib.sha256(data[:PART_SIZE]).digest(), hashlib.sha256(data[PART_SIZE:]).digest()]
    assert list(stored.digests) == truth
    assert stored.checksum.partition("-")[0] == multipart.composite(truth)
    assert stored.checksum.partition("-")[0] != multipart.composite(lie)
    assert stored.proven
    store.purge(key)


def test_the_probe_finds_the_local_store_proves_its_bytes_and_the_setting_forces_read_back(s3,
                                                                                         store):
    proven, reason = store.checksum_probe()
    assert proven, reason
    assert "composite" in reason
    assert store.integrity_mode() == "store_checksum"
    assert list(store.minio.list_objects(store.bucket, prefix="_probe/checksum-")) == []
    forced = EvidenceStore(settings_for(s3, EVIDENCE_READBACK="true"))
    assert forced.integrity_mode() == "read_back"
    assert forced._checksums is None  # the setting decides before any probe is made


def test_an_honest_multipart_upload_is_proven_by_the_composite(store):
    data = body(2 * PART_SIZE + 17)
    key = f"t/{uuid.uuid4().hex}"
    stored = store.put_stream(key, io.BytesIO(data), "video/mp4")
    assert len(stored.digests) == 3 and stored.proven
    assert store.digest(key, stored.version_id) == (hashlib.sha256(data).hexdigest(), len(data))
    store.purge(key)


class Db:
    """evidence's database as the service's workers see it (``session`` and ``uow``)."""

    def __init__(self, url):
        self.engine = make_engine(url)
        self.session = make_session_factory(self.engine)

    def uow(self):
        return UnitOfWork(self.session, outbox)


@pytest.fixture
def db(pg):
    url = pg.create(f"evidence_checksum_{uuid.uuid4().hex[:6]}")
    migrate(url)
    db = Db(url)
    yield db
    db.engine.dispose()  # its connections back to the server now, not at garbage collection


def an_intent(db, clock):
    upload_id, now = str(uuid.uuid4()), clock.now()
    intent = {"id": upload_id, "case_no": "GX-WQ-2026-000001",
              "object_key": f"cases/GX-WQ-2026-000001/{upload_id}", "state": "streaming",
              "meta": {"kind": "video", "filename": "a.mp4", "content_type": "video/mp4"},
              "principal": {"username": "officer", "roles": ["officer"]},
              "created_at": now, "touched_at": now}
    with db.uow() as uow:
        EvidenceRepository(uow.session).add_intent(intent)
    return intent


def corrupting(store, part_number):
    """Flip one byte of a part after its checksum was computed: what a broken network card or
    proxy would do between the evidence service and the store."""
    send = store.minio._upload_part

    def upload_part(bucket, key, data, headers, upload_id, number):
        if number == part_number:
            data = bytes([data[0] ^ 1]) + data[1:]
        return send(bucket, key, data, headers, upload_id, number)
    store.minio._upload_part = upload_part


def test_a_part_corrupted_on_its_way_fails_the_upload_and_nothing_is_registered(db, store):
    clock = SystemClock()
    assert store.integrity_mode() == "store_checksum"  # no read-back would catch it
    intent = an_intent(db, clock)
    corrupting(store, 2)
    upload = Upload(db, store, clock, intent, beat_every=30)
    with pytest.raises(AppError) as refused:
        upload.run(io.BytesIO(body(2 * PART_SIZE + 5)))
    assert (refused.value.code, refused.value.status) == ("storage_verification_failed", 502)
    assert versions(store, intent["object_key"]) == []
    assert store.incomplete_uploads(intent["object_key"]) == []
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(evidence_rows)) == 0
        assert session.scalar(select(func.count()).select_from(custody_entries)) == 0
        assert session.scalar(select(func.count()).select_from(outbox)) == 0
        state, error = session.execute(select(upload_intents.c.state, upload_intents.c.error)
                                       .where(upload_intents.c.id == intent["id"])).one()
    assert (state, error) == ("failed", "verify: composite checksum differs")


def test_an_honest_upload_registers_with_the_store_checksum_as_its_proof(db, store):
    clock = SystemClock()
    intent = an_intent(db, clock)
    data = body(PART_SIZE + 5)
    row, _ = Upload(db, store, clock, intent, beat_every=30).run(io.BytesIO(data))
    assert (row["sha256"], row["size"]) == (hashlib.sha256(data).hexdigest(), len(data))
    with db.session() as session:
        detail = session.scalar(select(custody_entries.c.detail))
    assert detail["integrity"] == "store_checksum"
    store.purge(intent["object_key"])
