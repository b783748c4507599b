"""A streamed multipart upload that carries S3 additional checksums (SHA-256), through the
MinIO SDK.

minio 7.2.20's ``put_object`` sends no checksum, so the upload is made here with the SDK's own
lower-level calls (``_create_multipart_upload``, ``_upload_part``, ``_execute``; they sign
and retry as ``put_object`` does): CreateMultipartUpload declares ``x-amz-checksum-algorithm:
SHA256``, every UploadPart carries ``x-amz-checksum-sha256`` (base64 of that part's SHA-256),
CompleteMultipartUpload lists each part's checksum. A store that verifies checksums (MinIO,
S3) refuses a part whose bytes do not match; every store that keeps them answers the
composite checksum (SHA-256 of the concatenated part digests, "-N"), which the caller compares
with the one computed here from the digests of the bytes it sent. Which stores really prove
anything is not assumed: ``EvidenceStore.checksum_probe`` tries it."""
import base64
import hashlib
import logging
from typing import NamedTuple, Optional
from xml.etree import ElementTree

from eventlet import patcher, tpool
from minio import Minio
from minio.datatypes import CompleteMultipartUploadResult
from minio.helpers import ThreadPool, md5sum_hash, read_part_data
from minio.xml import Element, SubElement, findtext, getbytes

log = logging.getLogger(__name__)
ALGORITHM = "SHA256"
HEADER = "x-amz-checksum-sha256"
PARALLEL = 3  # parts in flight while the next one is read (as put_object's default)


def off_hub(func, *args):
    """``func(*args)`` in a native thread when the process runs on eventlet: hashlib releases
    the GIL on more than 2 KiB, so a 5 MiB SHA-256 (~10 ms) runs on the other core while the
    hub keeps moving bytes, instead of holding the hub. Plain call elsewhere (tests, tools)."""
    if patcher.is_monkey_patched("thread"):
        return tpool.execute(func, *args)
    return func(*args)


def sha256_digest(data):
    return hashlib.sha256(data).digest()


# what MinIO and S3 answer for a part whose bytes do not match its checksum (or signed digest)
CHECKSUM_REFUSALS = {"BadDigest", "InvalidDigest", "XAmzContentChecksumMismatch",
                     "XAmzContentSHA256Mismatch"}


def refused_checksum(exc):
    """Is ``exc`` the store refusing bytes that do not match their declared checksum?"""
    return getattr(exc, "code", None) in CHECKSUM_REFUSALS


def b64(digest):
    return base64.b64encode(digest).decode()


def composite(digests):
    """The S3 composite checksum of a multipart object: SHA-256 over the part digests."""
    return b64(hashlib.sha256(b"".join(digests)).digest())


def same_composite(answered, digests):
    """Does the store's composite ("base64" or "base64-N") match ours for these parts?"""
    value, _, count = (answered or "").partition("-")
    return value == composite(digests) and count in ("", str(len(digests)))


class Stored(NamedTuple):
    version_id: Optional[str]
    etag: Optional[str]
    digests: tuple          # SHA-256 of every part sent, in order (empty: a plain PUT)
    checksum: Optional[str]  # the composite the store answered (None: it answered none)

    @property
    def proven(self):
        """The store answered a composite equal to the one of the bytes sent."""
        return bool(self.digests) and same_composite(self.checksum, self.digests)


class Client(Minio):
    """The MinIO SDK client. Over plain HTTP the SDK signs a request with the SHA-256 of its
    body; a part that already carries its SHA-256 checksum is signed with that same digest
    instead of hashing 5 MiB a second time (over TLS the SDK signs UNSIGNED-PAYLOAD and
    would add an MD5, which the SHA-256 checksum makes redundant)."""

    def _build_headers(self, host, headers=None, body=None, creds=None):
        checksum = (headers or {}).get(HEADER)
        if not (checksum and body and creds):
            return super()._build_headers(host, headers, body, creds)
        headers, date = super()._build_headers(host, headers, None, creds)  # no MD5 either
        headers["Content-Length"] = str(len(body))
        if headers.get("x-amz-content-sha256") != "UNSIGNED-PAYLOAD":
            headers["x-amz-content-sha256"] = base64.b64decode(checksum).hex()
        return headers, date


def put(minio, bucket, key, reader, content_type, part_size, claim=None):
    """Stream ``reader`` (unknown length) in ``part_size`` parts with SHA-256 checksums; the
    multipart upload is aborted on any failure, which is re-raised. ``claim`` gives the
    checksum a part declares (the probe declares a wrong one on purpose)."""
    first = read_part_data(reader, part_size)
    if not first:  # nothing to prove: an empty body is refused after the put anyway
        result = minio._put_object(bucket, key, b"", {"Content-Type": content_type})
        return Stored(result.version_id, result.etag, (), None)
    upload_id = minio._create_multipart_upload(
        bucket, key, {"Content-Type": content_type, "x-amz-checksum-algorithm": ALGORITHM})
    try:
        parts = _send_parts(minio, bucket, key, upload_id, reader, first, part_size, claim)
        return _complete(minio, bucket, key, upload_id, parts)
    except BaseException:
        try:
            minio._abort_multipart_upload(bucket, key, upload_id)
        except Exception:  # noqa: BLE001 - the caller's purge (or the sweep) retries
            log.warning("could not abort multipart upload of %s", key)
        raise


def _send_parts(minio, bucket, key, upload_id, reader, data, part_size, claim):
    """[(number, etag, digest)] once every part is stored; up to PARALLEL parts are sent
    while the next is read, so the stream keeps flowing. A part's failure stops the reading."""
    pool = ThreadPool(PARALLEL)
    pool.start_parallel()
    number = 0
    try:
        while data:
            number += 1
            pool.add_task(_send_part, minio, bucket, key, upload_id, number, data, claim)
            if len(data) < part_size or not pool._exceptions_queue.empty():
                break
            data = read_part_data(reader, part_size)
    except BaseException:
        try:
            pool.result()  # let the parts in flight end; the reader's failure is the one raised
        except Exception:  # noqa: BLE001
            pass
        raise
    results = pool.result()  # raises the first part's failure
    return sorted(results.get() for _ in range(results.qsize()))


def _send_part(minio, bucket, key, upload_id, number, data, claim):
    digest = off_hub(sha256_digest, data)
    declared = claim(data) if claim else digest
    etag = minio._upload_part(bucket, key, data, {HEADER: b64(declared)}, upload_id, number)
    return number, etag, digest


def _complete(minio, bucket, key, upload_id, parts):
    element = Element("CompleteMultipartUpload")
    for number, etag, digest in parts:
        tag = SubElement(element, "Part")
        SubElement(tag, "PartNumber", str(number))
        SubElement(tag, "ETag", '"' + etag + '"')
        SubElement(tag, "ChecksumSHA256", b64(digest))
    body = getbytes(element)
    response = minio._execute("POST", bucket, key, body=body,
                              headers={"Content-Type": "application/xml",
                                       "Content-MD5": md5sum_hash(body)},
                              query_params={"uploadId": upload_id})
    result = CompleteMultipartUploadResult(response)
    checksum = findtext(ElementTree.fromstring(response.data.decode()), "ChecksumSHA256")
    if not checksum:  # some stores (moto) answer it only when asked, on HEAD
        stat = minio.stat_object(bucket, key, version_id=result.version_id,
                                 extra_headers={"x-amz-checksum-mode": "ENABLED"})
        checksum = stat.metadata.get(HEADER)
    return Stored(result.version_id, result.etag, tuple(p[2] for p in parts), checksum)
