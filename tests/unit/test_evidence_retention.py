"""Removing objects under the bucket's default GOVERNANCE retention: what goes over the wire
(the real SDK client, its HTTP layer replaced by canned S3 answers, since moto enforces no
object lock), which store refusals count as "retained", and that the probes' clean-up bypasses
the retention of objects that were never evidence."""
import pytest
from minio.error import S3Error

from weiquan.settings import Settings

from evidence import multipart
from evidence.store import EvidenceStore, RemovalRefused, retention_refused

pytestmark = pytest.mark.unit
NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"'
KEY = "cases/GX-WQ-2026-000001/u1"
BYPASS = "x-amz-bypass-governance-retention"

NO_UPLOADS = f"""<ListMultipartUploadsResult {NS}><Bucket>evidence</Bucket>
<IsTruncated>false</IsTruncated></ListMultipartUploadsResult>"""
VERSIONS = f"""<ListVersionsResult {NS}><Name>evidence</Name><Prefix>{KEY}</Prefix>
<IsTruncated>false</IsTruncated>
<Version><Key>{KEY}</Key><VersionId>v1</VersionId><IsLatest>false</IsLatest>
<LastModified>2026-01-05T00:00:00.000Z</LastModified><ETag>"e1"</ETag><Size>5</Size>
<StorageClass>STANDARD</StorageClass></Version>
<DeleteMarker><Key>{KEY}</Key><VersionId>m2</VersionId><IsLatest>true</IsLatest>
<LastModified>2026-01-05T00:00:01.000Z</LastModified></DeleteMarker>
<Version><Key>{KEY}-other</Key><VersionId>x9</VersionId><IsLatest>true</IsLatest>
<LastModified>2026-01-05T00:00:00.000Z</LastModified><ETag>"e9"</ETag><Size>5</Size>
<StorageClass>STANDARD</StorageClass></Version>
</ListVersionsResult>"""
DELETED = f"<DeleteResult {NS}></DeleteResult>"


def refusal(code, message):
    return (f"<DeleteResult {NS}><Error><Key>{KEY}</Key><VersionId>v1</VersionId>"
            f"<Code>{code}</Code><Message>{message}</Message></Error></DeleteResult>")


class Answer:
    def __init__(self, text):
        self.data, self.headers, self.status = text.encode(), {}, 200


class RecordingClient(multipart.Client):
    """The SDK client with its request layer replaced: every request is recorded (headers as
    the SDK built them) and answered from ``answers`` by its query parameter."""

    def __init__(self, answers):
        super().__init__("127.0.0.1:9", access_key="k", secret_key="s", secure=False,
                         region="us-east-1")
        self.answers, self.requests = answers, []

    def _url_open(self, method, region, bucket_name=None, object_name=None, body=None,
                  headers=None, query_params=None, preload_content=True, no_body_trace=False):
        self.requests.append((method, dict(query_params or {}), dict(headers or {}), body))
        for param, text in self.answers.items():
            if param in (query_params or {}):
                return Answer(text)
        raise AssertionError(f"unexpected request {method} {query_params}")

    def deletes(self):
        return [(h, b) for m, q, h, b in self.requests if m == "POST" and "delete" in q]


def a_store(minio):
    return EvidenceStore(Settings.from_env({"MINIO_BUCKET": "evidence"}), minio=minio)


def test_an_object_never_registered_is_removed_bypassing_governance_retention():
    minio = RecordingClient({"uploads": NO_UPLOADS, "versions": VERSIONS, "delete": DELETED})
    a_store(minio).purge(KEY, never_registered=True)
    [(headers, body)] = minio.deletes()
    assert headers.get(BYPASS) == "true"
    # every version and delete marker of exactly this key, nothing of a longer key
    assert b"<VersionId>v1</VersionId>" in body and b"<VersionId>m2</VersionId>" in body
    assert b"x9" not in body


def test_a_plain_purge_never_bypasses_retention():
    minio = RecordingClient({"uploads": NO_UPLOADS, "versions": VERSIONS, "delete": DELETED})
    a_store(minio).purge(KEY)
    [(headers, _)] = minio.deletes()
    assert BYPASS not in {name.lower() for name in headers}


def test_nothing_stored_sends_no_delete():
    empty = VERSIONS.split("<Version>")[0] + "</ListVersionsResult>"
    minio = RecordingClient({"uploads": NO_UPLOADS, "versions": empty})
    a_store(minio).purge(KEY, never_registered=True)
    assert minio.deletes() == []


@pytest.mark.parametrize("code,message", [
    ("ObjectLocked", "Object is WORM protected and cannot be overwritten"),
    ("AccessDenied", "Access Denied."),
])
def test_a_version_the_store_keeps_raises_a_retention_refusal(code, message):
    minio = RecordingClient({"uploads": NO_UPLOADS, "versions": VERSIONS,
                             "delete": refusal(code, message)})
    with pytest.raises(RemovalRefused) as refused:
        a_store(minio).purge(KEY, never_registered=True)
    assert (refused.value.code, refused.value.key, refused.value.version_id) == (code, KEY, "v1")
    assert retention_refused(refused.value)


@pytest.mark.parametrize("exc,final", [
    (RemovalRefused(KEY, "v1", "ObjectLocked", "Object is WORM protected"), True),
    (RemovalRefused(KEY, "v1", "AccessDenied", "Access Denied."), True),
    (RemovalRefused(KEY, "v1", "InvalidRequest", "Object is under retention"), True),
    (RemovalRefused(KEY, "v1", "InvalidRequest", "Missing required header"), False),
    (RemovalRefused(KEY, "v1", "InternalError", "We encountered an internal error"), False),
    (S3Error(None, "AccessDenied", "Access Denied.", KEY, "r", "h"), False),  # not a delete
    (ConnectionError("store down"), False),
])
def test_only_a_delete_refused_for_retention_is_final(exc, final):
    assert retention_refused(exc) is final


class Recorder:
    def __init__(self):
        self.calls = []

    def __call__(self, key, **kwargs):
        self.calls.append((key, kwargs))


def test_the_checksum_probe_cleans_up_bypassing_retention():
    store = a_store(RecordingClient({}))
    store.purge = Recorder()

    def broken(*args, **kwargs):
        raise ConnectionError("store down")
    store.put_stream = broken
    assert store._run_checksum_probe() is None
    [(key, kwargs)] = store.purge.calls
    assert key.startswith("_probe/checksum-") and kwargs == {"never_registered": True}


def test_the_lock_probe_cleans_up_bypassing_retention():
    class Minio:
        def put_object(self, bucket, key, data, length):
            return type("Put", (), {"version_id": "v1"})()

        def enable_object_legal_hold(self, *args, **kwargs):
            raise ConnectionError("store down")

        def list_objects(self, *args, **kwargs):
            return []
    store = a_store(Minio())
    store.purge = Recorder()
    with pytest.raises(ConnectionError):
        store._run_probe()
    [(key, kwargs)] = store.purge.calls
    assert key.startswith("_probe/lock-") and kwargs == {"never_registered": True}
