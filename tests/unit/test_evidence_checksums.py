"""The S3 checksum arithmetic of evidence uploads: the composite of the part digests, how the
store's answer is compared, the part signed with its own checksum digest, and which store
errors mean "a part did not match its checksum"."""
import base64
import hashlib

import pytest
from minio.error import S3Error

from evidence import multipart

pytestmark = pytest.mark.unit
PARTS = [b"a" * 10, b"b" * 7]
DIGESTS = [hashlib.sha256(p).digest() for p in PARTS]


def test_the_composite_is_the_sha256_of_the_concatenated_part_digests():
    expected = base64.b64encode(hashlib.sha256(DIGESTS[0] + DIGESTS[1]).digest()).decode()
    assert multipart.composite(DIGESTS) == expected


@pytest.mark.parametrize("answered,same", [
    ("{c}", True), ("{c}-2", True), ("{c}-3", False), ("{w}-2", False), ("", False),
    (None, False)])
def test_the_stores_answer_matches_with_or_without_its_part_count(answered, same):
    c, w = multipart.composite(DIGESTS), multipart.composite(DIGESTS[::-1])
    answered = answered.format(c=c, w=w) if answered is not None else None
    assert multipart.same_composite(answered, DIGESTS) is same
    stored = multipart.Stored("v1", "etag", tuple(DIGESTS), answered)
    assert stored.proven is same


def test_a_plain_put_proves_nothing():
    assert not multipart.Stored("v1", "etag", (), multipart.composite([])).proven


def client(secure):
    return multipart.Client("127.0.0.1:9", access_key="k", secret_key="s", secure=secure,
                            region="us-east-1")


def test_a_part_is_signed_with_its_checksum_digest_not_hashed_again():
    body = b"x" * 1000
    digest = hashlib.sha256(body).digest()
    creds = client(False)._provider.retrieve()
    headers, _ = client(False)._build_headers("h", {multipart.HEADER: multipart.b64(digest)},
                                             body, creds)
    assert headers["x-amz-content-sha256"] == digest.hex()
    assert headers["Content-Length"] == "1000" and "Content-MD5" not in headers
    tls, _ = client(True)._build_headers("h", {multipart.HEADER: multipart.b64(digest)}, body,
                                         creds)
    assert tls["x-amz-content-sha256"] == "UNSIGNED-PAYLOAD" and "Content-MD5" not in tls
    plain, _ = client(False)._build_headers("h", {}, body, creds)  # no checksum: the SDK's own
    assert plain["x-amz-content-sha256"] == digest.hex()


def s3_error(code):
    return S3Error(None, code, "message", "resource", "request", "host")


@pytest.mark.parametrize("code,refused", [
    ("BadDigest", True), ("XAmzContentChecksumMismatch", True),
    ("XAmzContentSHA256Mismatch", True), ("AccessDenied", False), ("NoSuchUpload", False)])
def test_only_a_checksum_refusal_counts_as_the_store_proving_a_part_wrong(code, refused):
    assert multipart.refused_checksum(s3_error(code)) is refused
    assert not multipart.refused_checksum(OSError("connection reset"))
