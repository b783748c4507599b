"""The streamed upload: bytes go from the request straight to the object store while a SHA-256
and the size are computed; the stored bytes are proven, by the store's composite checksum of the
parts (a store that passed the checksum probe, ``EvidenceStore.integrity_mode``) or by reading
the object back and hashing it; only then is the evidence registered, with how it was proven in
its first custody entry. Every failure before registration removes the object again, bypassing
the bucket's GOVERNANCE retention (it was never evidence), except when the registration itself
failed in the database: whether it committed is then unknown, so the object is left to the sweep,
which removes it only if the intent is still open (never registered)."""
import hashlib
import logging
import time
import uuid

from weiquan.errors import DomainError
from weiquan.kit.errors import AppError, failure

from evidence import events
from evidence.domain import custody
from evidence.domain.errors import UploadExpired
from evidence.domain.sniff import HEAD_BYTES
from evidence.domain.uploads import check_file
from evidence.multipart import off_hub, refused_checksum
from evidence.repository import EvidenceRepository
from evidence.store import retention_refused

log = logging.getLogger(__name__)


class InputBroken(Exception):
    """The request body ended early or broke off (the gateway aborts a truncated upload)."""


class Swept(Exception):
    """The sweep declared this upload dead (no heartbeat) and removed its object."""


class HashingReader:
    """File-like for the MinIO SDK: passes bytes through, hashing and counting them, keeping the
    first bytes for the sniffer, and beating the intent's heartbeat now and then."""

    def __init__(self, stream, heartbeat, beat_every):
        self.stream = stream
        self.sha = hashlib.sha256()
        self.size = 0
        self.head = b""
        self._heartbeat = heartbeat
        self._beat_every = beat_every
        self._beat_at = time.monotonic()

    def read(self, n=-1):
        try:
            data = self.stream.read(n if n and n > 0 else 1024 * 1024)
        except (OSError, ValueError) as exc:  # eventlet: ChunkReadError / unexpected EOF
            raise InputBroken(str(exc)) from None
        if data:
            off_hub(self.sha.update, data)
            self.size += len(data)
            if len(self.head) < HEAD_BYTES:
                self.head += data[:HEAD_BYTES - len(self.head)]
        if time.monotonic() - self._beat_at >= self._beat_every:
            self._beat_at = time.monotonic()
            if not self._heartbeat():
                raise Swept()
        return data


class Upload:
    """One upload intent being streamed, verified and registered."""

    def __init__(self, db, store, clock, intent, beat_every):
        self.db, self.store, self.clock = db, store, clock
        self.intent = intent
        self.key = intent["object_key"]
        self.beat_every = beat_every

    def heartbeat(self):
        with self.db.session() as session, session.begin():
            return EvidenceRepository(session).move_intent(
                self.intent["id"], ("streaming",), "streaming", self.clock.now())

    def run(self, stream):
        """(evidence row, web capture or None) once registered; raises the error the client
        gets after removing whatever reached the store."""
        meta = self.intent["meta"]
        reader = HashingReader(stream, self.heartbeat, self.beat_every)
        try:
            put = self.store.put_stream(self.key, reader, meta["content_type"])
        except InputBroken as exc:
            raise self.fail(failure("length_mismatch", 400, reason="upload_broken",
                                    field="file"), f"input: {exc}")
        except Swept:
            raise self.fail(UploadExpired("upload_swept"), "swept")
        except Exception as exc:
            if refused_checksum(exc):  # a part changed on its way: the store proved it
                log.error("the store refused a part of %s: %s", self.key, exc)
                raise self.fail(failure("storage_verification_failed", 502),
                                f"verify: store refused a part ({exc.code})")
            log.exception("object store write failed for %s", self.key)
            raise self.fail(failure("storage_unavailable", 503), f"store: {exc}")
        detected = self.check(reader, meta)
        sha256 = reader.sha.hexdigest()
        integrity = self.prove(put, sha256, reader.size)
        try:
            return self.register(put.version_id, sha256, reader.size, detected, integrity)
        except (DomainError, AppError) as exc:
            raise self.fail(exc, exc.code)
        except Exception as exc:
            # perhaps committed after all: the object may be evidence now, so it stays; the
            # intent stays 'streaming' without heartbeat and the sweep settles it
            log.exception("registering %s failed; left to the sweep", self.key)
            raise failure("registration_failed", 503) from None

    def prove(self, put, sha256, size):
        """How the stored bytes were proven equal to the ones hashed: "store_checksum" or
        "read_back". A composite the store answered is always compared (it costs nothing); the
        read-back runs when the store cannot prove its bytes or EVIDENCE_READBACK says so."""
        if put.checksum is not None and not put.proven:
            log.error("store's composite checksum of %s differs: %s", self.key, put.checksum)
            raise self.fail(failure("storage_verification_failed", 502),
                            "verify: composite checksum differs")
        try:
            if put.proven and self.store.integrity_mode() == "store_checksum":
                return "store_checksum"
            stored = self.store.digest(self.key, put.version_id)
        except Exception as exc:
            log.exception("read-back of %s failed", self.key)
            raise self.fail(failure("storage_unavailable", 503, reason="storage_unreadable"),
                            f"verify: {exc}")
        if stored != (sha256, size):
            log.error("stored object %s differs: %s vs %s", self.key, stored, (sha256, size))
            raise self.fail(failure("storage_verification_failed", 502), "verify: hash differs")
        return "read_back"

    def check(self, reader, meta):
        """The detected format, once what arrived passed the file rules; the declared length
        is the transport's promise (a 400), checked between "empty" and "fits the kind"."""
        expected = meta.get("expected_size")
        try:
            if reader.size and expected is not None and reader.size != expected:
                raise failure("length_mismatch", 400, field="file", received=reader.size,
                              declared=expected)
            return check_file(meta["kind"], reader.head)
        except (DomainError, AppError) as exc:
            raise self.fail(exc, exc.code) from None

    def register(self, version_id, sha256, size, detected, integrity):
        meta, principal, now = self.intent["meta"], self.intent["principal"], self.clock.now()
        evidence_id = str(uuid.uuid4())
        acquired_at = meta.get("acquired_at") or now
        row = {"id": evidence_id, "case_no": self.intent["case_no"], "kind": meta["kind"],
               "filename": meta["filename"], "content_type": meta["content_type"],
               "detected_format": detected, "size": size, "sha256": sha256,
               "object_key": self.key, "version_id": version_id, "source": meta.get("source"),
               "device": meta.get("device"), "acquired_at": acquired_at,
               "acquired_by": principal["username"], "registered_at": now,
               "upload_id": self.intent["id"]}
        first = custody.new_entry(evidence_id, None, 0, "upload", principal["username"], now,
                                  {"sha256": sha256, "size": size, "object_key": self.key,
                                   "version_id": version_id, "integrity": integrity})
        capture = None
        with self.db.uow() as uow:
            repo = EvidenceRepository(uow.session)
            if not repo.move_intent(self.intent["id"], ("streaming",), "registered", now):
                raise UploadExpired("upload_swept")
            repo.add_evidence(row, first)
            if meta.get("url"):
                capture = {"id": str(uuid.uuid4()), "case_no": row["case_no"],
                           "evidence_id": evidence_id, "url": meta["url"],
                           "captured_at": meta.get("captured_at") or now, "sha256": sha256,
                           "captured_by": principal["username"]}
                repo.add_capture(capture)
            events.registered(uow, row, principal, now, capture is not None)
        return row, capture

    def fail(self, error, reason):
        """Remove whatever reached the store (never registered: bypassing GOVERNANCE retention),
        then close the intent: 'failed', or 'retained' when the store still keeps the object
        (legal hold, COMPLIANCE retention), so nobody retries. When the removal fails otherwise
        the intent stays open, so the sweep tries again later."""
        state = "failed"
        try:
            self.store.purge(self.key, never_registered=True)
        except Exception as exc:
            if not retention_refused(exc):
                log.exception("could not remove %s; the sweep will retry", self.key)
                return error
            log.warning("the store retains %s (%s); upload closed as retained", self.key,
                        exc.code)
            state, reason = "retained", f"{reason}; store retains ({exc.code})"
        with self.db.session() as session, session.begin():
            EvidenceRepository(session).move_intent(self.intent["id"], ("pending", "streaming"),
                                                    state, self.clock.now(), error=reason)
        return error
