"""Evidence objects in MinIO (moto's S3 server in development and tests), through the MinIO SDK.

The bucket is made with object lock when the store allows it, so legal holds and retention can
be applied. Whether the store really enforces them is probed, never assumed (``lock_probe``).

Integrity: every upload carries S3 SHA-256 checksums (``evidence.multipart``). Whether the
store proves the bytes it holds is probed too (``checksum_probe``: a part declaring a wrong
checksum). MinIO and S3 refuse such a part. moto (the local store of development and tests,
5.2.5) does NOT verify a part's ``x-amz-checksum-sha256``: it stores the part and echoes the
header; but it computes the composite checksum it answers from the bytes it holds, so a
corrupt part still shows as a composite that differs from ours. A store that does neither
(accepts the wrong part and answers the composite of what was declared) proves nothing: then
every object is read back and hashed (``integrity_mode`` answers "read_back"), as it is when
EVIDENCE_READBACK is true."""
import hashlib
import io
import logging
import uuid
from datetime import timedelta

from minio.commonconfig import GOVERNANCE
from minio.deleteobjects import DeleteObject
from minio.error import S3Error
from minio.retention import Retention
from nameko.extensions import DependencyProvider

from weiquan import settings as run_settings

from evidence import multipart

log = logging.getLogger(__name__)
PART_SIZE = 5 * 1024 * 1024  # the S3 minimum: the SDK holds a few parts in memory at once
READ_CHUNK = 1024 * 1024
REGION = "us-east-1"  # fixed, so presigning needs no round trip to ask the bucket's region
# what MinIO and S3 answer for a version that may not be deleted yet (retention or legal hold;
# S3 says AccessDenied, also when the caller lacks s3:BypassGovernanceRetention)
RETENTION_REFUSALS = {"ObjectLocked", "AccessDenied"}


class RemovalRefused(Exception):
    """The store refused to delete a version of an object (one entry of a DeleteObjects
    answer); ``code`` is the S3 error code."""

    def __init__(self, key, version_id, code, message):
        super().__init__(f"{code} deleting {key} version {version_id}: {message}")
        self.key, self.version_id, self.code, self.message = key, version_id, code, message


def retention_refused(exc):
    """Is ``exc`` the store keeping a version under retention or legal hold? Then retrying
    is pointless until the retention ends (or the hold is lifted)."""
    if not isinstance(exc, RemovalRefused):
        return False
    if exc.code in RETENTION_REFUSALS:
        return True
    text = (exc.message or "").lower()
    return exc.code == "InvalidRequest" and any(w in text for w in ("retention", "lock", "worm"))


def client(settings, access_key=None, secret_key=None):
    """A MinIO client for the configured store (``make run``'s local S3 server when
    MINIO_ENDPOINT is not set); other credentials for the lock probe's stranger."""
    endpoint = settings.minio_endpoint or f"127.0.0.1:{settings.local_s3_port}"
    return multipart.Client(endpoint, access_key=access_key or settings.minio_access_key,
                 secret_key=secret_key or settings.minio_secret_key,
                 secure=settings.minio_secure, region=REGION)


def link_client(settings):
    """A client that only signs download links, for the host browsers reach
    (MINIO_PUBLIC_ENDPOINT): S3 signs the Host header, so the link must be signed for the
    public name, not rewritten afterwards. Presigning never calls the store (fixed region)."""
    endpoint, secure = settings.public_store
    return multipart.Client(endpoint, access_key=settings.minio_access_key,
                            secret_key=settings.minio_secret_key, secure=secure, region=REGION)


class EvidenceStore:
    def __init__(self, settings, minio=None):
        self.settings = settings
        self.minio = minio or client(settings)
        self.links = link_client(settings) if settings.minio_public_endpoint else self.minio
        self.bucket = settings.minio_bucket
        self.object_lock = False
        self._probe = None
        self._checksums = None

    def ensure_bucket(self):
        if not self.minio.bucket_exists(self.bucket):
            try:
                self.minio.make_bucket(self.bucket, object_lock=True)
            except S3Error as exc:
                if exc.code == "BucketAlreadyOwnedByYou":
                    pass
                else:
                    log.warning("bucket with object lock refused (%s); plain bucket", exc.code)
                    self.minio.make_bucket(self.bucket)
        try:
            config = self.minio.get_object_lock_config(self.bucket)
            self.object_lock = config is not None
        except S3Error:
            self.object_lock = False

    def put_stream(self, key, reader, content_type, claim=None):
        """Stream ``reader`` (unknown length) in parts carrying SHA-256 checksums; a failure
        aborts the multipart upload and is re-raised. A ``multipart.Stored``."""
        return multipart.put(self.minio, self.bucket, key, reader,
                             content_type or "application/octet-stream", PART_SIZE, claim)

    def integrity_mode(self):
        """How an upload's bytes are proven: "store_checksum" (the composite the store
        answers) when the store passed the checksum probe and the read-back is not forced by
        EVIDENCE_READBACK; "read_back" (read the object back and hash it) otherwise."""
        if self.settings.evidence_readback:
            return "read_back"
        return "store_checksum" if self.checksum_probe()[0] else "read_back"

    def checksum_probe(self):
        """(proven, reason): does the store prove a multipart object's bytes? Tried once per
        process: a tiny part declares a wrong SHA-256; the store must refuse it, or answer the
        composite of the bytes it really holds (not of what was declared). A store that could
        not be asked is tried again next time."""
        if self._checksums is None:
            result = self._run_checksum_probe()
            if result is None:
                return False, "校验探测失败 / The checksum probe could not run."
            self._checksums = result
            log.info("checksum probe: %s", result[1])
        return self._checksums

    def _run_checksum_probe(self):
        key = f"_probe/checksum-{uuid.uuid4().hex}"
        data = b"checksum probe " + uuid.uuid4().bytes
        try:
            stored = self.put_stream(key, io.BytesIO(data), None,
                                     claim=lambda part: hashlib.sha256(part + b"!").digest())
        except Exception as exc:  # noqa: BLE001 - unreachable store: ask again on the next upload
            if multipart.refused_checksum(exc):
                return True, f"存储拒绝了校验和错误的分片 / The store refused a part whose " \
                             f"checksum was wrong ({exc.code})."
            log.exception("checksum probe failed")
            return None
        finally:
            try:
                self.purge(key, never_registered=True)
            except Exception:  # noqa: BLE001 - a leftover probe object is harmless
                log.warning("checksum probe object %s left behind", key)
        if stored.proven:
            return True, "存储按其保存的字节计算组合校验和 / The store answers the composite " \
                         "checksum of the bytes it holds, not of the declared one."
        return False, "存储未验证分片校验和 / The store neither refused a wrong part checksum " \
                      f"nor answered the composite of its bytes (answered {stored.checksum!r}): " \
                      "objects are read back."

    def digest(self, key, version_id=None):
        """(sha256, size) of the stored object, read back streamed."""
        sha, size = hashlib.sha256(), 0
        response = self.minio.get_object(self.bucket, key, version_id=version_id)
        try:
            for chunk in response.stream(READ_CHUNK):
                sha.update(chunk)
                size += len(chunk)
        finally:
            response.close()
            response.release_conn()
        return sha.hexdigest(), size

    def purge(self, key, never_registered=False):
        """Remove every version, delete marker and unfinished multipart upload of ``key``;
        a version the store refuses to delete raises ``RemovalRefused``.

        ``never_registered=True`` bypasses GOVERNANCE retention
        (``x-amz-bypass-governance-retention``): a bucket's default retention (compose's
        minio-init sets one) covers every object written, also probes and uploads that failed
        or were abandoned before registration, which would otherwise stay for years. Only a
        caller that KNOWS the object was never registered as evidence may pass it: for
        registered evidence the bypass would defeat the retention protecting it. A legal hold
        or COMPLIANCE retention still refuses (``retention_refused``)."""
        for upload in self.incomplete_uploads(key):
            self.minio._abort_multipart_upload(self.bucket, upload.object_name, upload.upload_id)
        doomed = [DeleteObject(key, obj.version_id) for obj in self.minio.list_objects(
            self.bucket, prefix=key, include_version=True) if obj.object_name == key]
        if not doomed:
            return
        for error in self.minio.remove_objects(self.bucket, doomed,
                                               bypass_governance_mode=never_registered):
            raise RemovalRefused(error.name or key, error.version_id, error.code, error.message)

    def incomplete_uploads(self, key):
        result = self.minio._list_multipart_uploads(self.bucket, prefix=key)
        return [u for u in result.uploads if u.object_name == key]

    def presign(self, key, version_id=None, minutes=5):
        return self.links.presigned_get_object(self.bucket, key, expires=timedelta(minutes=minutes),
                                               version_id=version_id)

    def hold(self, key, version_id, retain_until=None):
        """Apply a legal hold (and GOVERNANCE retention when a date is given); answer what was
        applied and whether the store is known to enforce it."""
        if not self.object_lock:
            return {"legal_hold": False, "retain_until": None, "enforced": False,
                    "reason": "存储桶未启用对象锁定 / The bucket was created without object lock."}
        self.minio.enable_object_legal_hold(self.bucket, key, version_id=version_id)
        if retain_until is not None:
            self.minio.set_object_retention(self.bucket, key, Retention(GOVERNANCE, retain_until),
                                            version_id=version_id)
        enforced, reason = self.lock_probe()
        return {"legal_hold": True, "retain_until": retain_until and retain_until.isoformat(),
                "enforced": enforced, "reason": reason}

    def lock_probe(self):
        """Does the store enforce a legal hold? Tried once per process on a probe object: the
        held version must resist deletion, and a client with made-up credentials must be turned
        away (moto accepts any key, so anyone could lift the hold there)."""
        if self._probe is None:
            self._probe = self._run_probe()
        return self._probe

    def _run_probe(self):
        key = f"_probe/lock-{uuid.uuid4().hex}"
        put = self.minio.put_object(self.bucket, key, io.BytesIO(b"probe"), 5)
        version = put.version_id
        try:
            self.minio.enable_object_legal_hold(self.bucket, key, version_id=version)
            try:
                self.minio.remove_object(self.bucket, key, version_id=version)
                return False, "存储删除了处于法律保留的对象版本 / The store deleted a held object " \
                              "version: it does not enforce legal hold."
            except S3Error:
                pass
            stranger = client(self.settings, access_key="probe-" + uuid.uuid4().hex[:8],
                              secret_key=uuid.uuid4().hex)
            try:
                stranger.disable_object_legal_hold(self.bucket, key, version_id=version)
                stranger.remove_object(self.bucket, key, version_id=version)
                return False, "存储接受任意凭据（模拟器，如 moto），任何人都能解除保留并删除 / The store " \
                              "accepts made-up credentials (an emulator such as moto): anyone can " \
                              "lift the hold and delete the object."
            except S3Error:
                return True, "已验证：保留中的版本无法删除，未知凭据被拒绝 / Probed: a held version " \
                             "cannot be deleted and unknown credentials are refused."
        finally:
            try:  # the probe version may already be gone (then there is nothing to lift)
                if any(o.version_id == version for o in self.minio.list_objects(
                        self.bucket, prefix=key, include_version=True)):
                    self.minio.disable_object_legal_hold(self.bucket, key, version_id=version)
                self.purge(key, never_registered=True)
            except Exception:  # noqa: BLE001 - a leftover probe object is harmless
                log.warning("lock probe object %s left behind", key)


class ObjectStore(DependencyProvider):
    """One store per container, configured from the settings when the container is set up;
    the bucket is made at start."""

    def setup(self):
        self.store = EvidenceStore(run_settings.current())

    def start(self):
        self.store.ensure_bucket()
        log.info("evidence integrity: %s", self.store.integrity_mode())

    def get_dependency(self, worker_ctx):
        return self.store
