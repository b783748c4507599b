"""Evidence through the gateway with real services and a real S3 API (moto, via the MinIO SDK):
streamed uploads (raw and multipart) whose SHA-256 is the file's, metadata with the custody
chain, logged downloads, tamper detection, and bad input refused with nothing left in storage."""
import socket
import time

import pytest

from tests.support.answers import assert_error, ok
from tests.support.evidence_files import JPEG, MP4, PDF, blob, sha, stored

pytestmark = pytest.mark.e2e



def upload_raw(system, case_no, data, kind="photo", filename="scene.jpg", user="officer"):
    return system.call("POST", f"/api/cases/{case_no}/evidence", user, data=data,
                       params={"kind": kind, "filename": filename},
                       headers={"Content-Type": "application/octet-stream"})


def settled(system, before, timeout=10):
    """The bucket's content once asynchronous clean-up had its chance."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = stored(system)
        if now == before:
            return now
        time.sleep(0.3)
    return stored(system)


def test_raw_upload_is_hashed_and_stored(system, case_no):
    data = blob(JPEG, 3 * 1024 * 1024 + 17)
    got = ok(upload_raw(system, case_no, data), 201)
    assert got["sha256"] == sha(data) and got["size"] == len(data)


def test_multipart_upload_streams_the_file_part(system, case_no):
    data = blob(MP4, 12 * 1024 * 1024 + 5)   # more than one 10 MiB part
    r = system.call("POST", f"/api/cases/{case_no}/evidence", "committee_office",
                    data={"kind": "video", "source": "body camera", "device": "DSJ-01"},
                    files={"file": ("arrest.mp4", data, "video/mp4")})
    got = ok(r, 201)
    assert got["sha256"] == sha(data) and got["size"] == len(data)
    meta = ok(system.call("GET", f"/api/evidence/{got['evidence_id']}", "committee_office"))
    assert (meta["filename"], meta["kind"], meta["content_type"]) == ("arrest.mp4", "video",
                                                                       "video/mp4")
    assert (meta["source"], meta["device"], meta["acquired_by"]) == ("body camera", "DSJ-01",
                                                                     "committee_office")
    # the local store answers the composite SHA-256 of the parts it holds: no read-back
    assert meta["custody"][0]["detail"]["integrity"] == "store_checksum"


def test_a_department_without_work_on_the_case_may_not_attach_evidence(system, case_no):
    """The officer's application opened from no incident, with no command-center item: the
    command center and the cyber brigade are refused by intake's answer, nothing stored."""
    before = stored(system)
    for user in ("command_center", "cyber_brigade"):
        assert_error(upload_raw(system, case_no, blob(JPEG, 2000), user=user), 403,
                     "forbidden")
    assert settled(system, before) == before


def test_metadata_custody_and_logged_download(system, case_no):
    data = blob(PDF, 4000)
    evidence_id = ok(upload_raw(system, case_no, data, "document", "statement.pdf"),
                     201)["evidence_id"]
    meta = ok(system.call("GET", f"/api/evidence/{evidence_id}", "officer"))
    assert meta["case_no"] == case_no and meta["sha256"] == sha(data)
    assert [e["action"] for e in meta["custody"]] == ["upload", "view"]
    assert all({"action", "actor", "at"} <= set(e) for e in meta["custody"])
    r = system.call("GET", f"/api/evidence/{evidence_id}/download", "officer",
                    allow_redirects=False)
    assert r.status_code == 302 and "X-Amz-Expires=300" in r.headers["Location"]
    body = system.call("GET", f"/api/evidence/{evidence_id}/download", "officer").content
    assert sha(body) == sha(data)
    actions = [e["action"] for e in ok(system.call("GET", f"/api/evidence/{evidence_id}",
                                                   "officer"))["custody"]]
    assert actions == ["upload", "view", "download", "download", "view"]
    assert ok(system.call("GET", f"/api/evidence/{evidence_id}/verify", "officer")) \
        ["valid"] is True


def _evidence_with_chain(system, case_no):
    evidence_id = ok(upload_raw(system, case_no, blob(JPEG, 2000)), 201)["evidence_id"]
    for _ in range(3):
        ok(system.call("GET", f"/api/evidence/{evidence_id}", "officer"))
    return evidence_id


def _problems(system, evidence_id):
    got = ok(system.call("GET", f"/api/evidence/{evidence_id}/verify", "committee_office"))
    assert got["valid"] is False
    return {p["code"] for p in got["problems"]}


def test_changed_custody_entry_is_detected(system, case_no):
    evidence_id = _evidence_with_chain(system, case_no)
    changed, _ = system.sql("evidence", "UPDATE custody_entries SET actor = 'someone_else' "
                            "WHERE evidence_id = :e AND seq = 2", e=evidence_id)
    assert changed == 1
    assert "hash_mismatch" in _problems(system, evidence_id)


def test_deleted_custody_entry_is_detected(system, case_no):
    evidence_id = _evidence_with_chain(system, case_no)
    deleted, _ = system.sql("evidence", "DELETE FROM custody_entries WHERE evidence_id = :e "
                            "AND seq = 3", e=evidence_id)
    assert deleted == 1
    assert {"sequence_gap", "broken_link", "count_mismatch"} <= _problems(system, evidence_id)


def test_dropped_newest_entry_is_detected(system, case_no):
    evidence_id = _evidence_with_chain(system, case_no)
    system.sql("evidence", "DELETE FROM custody_entries WHERE evidence_id = :e AND seq = 4",
               e=evidence_id)
    assert {"count_mismatch", "head_mismatch"} <= _problems(system, evidence_id)


# ---- bad input: a clear 4xx, nothing left in the bucket ---------------------------------

@pytest.fixture
def bucket_unchanged(system):
    before = stored(system)
    yield
    assert settled(system, before) == before


@pytest.mark.usefixtures("bucket_unchanged")
def test_unknown_case_is_404(system):
    assert_error(upload_raw(system, "GX-WQ-2026-999999", blob(JPEG, 1000)), 404, "not_found")


@pytest.mark.usefixtures("bucket_unchanged")
def test_someone_elses_case_is_403(system, case_no):
    assert_error(upload_raw(system, case_no, blob(JPEG, 1000), user="relative"), 403,
                 "forbidden")


@pytest.mark.usefixtures("bucket_unchanged")
def test_empty_body_is_422(system, case_no):
    assert_error(upload_raw(system, case_no, b""), 422, "empty_file", "file")


@pytest.mark.usefixtures("bucket_unchanged")
def test_path_like_filename_is_422(system, case_no):
    assert_error(upload_raw(system, case_no, blob(JPEG, 1000), filename="../../x"), 422,
                 "validation_failed", "filename")


@pytest.mark.usefixtures("bucket_unchanged")
def test_content_not_matching_kind_is_422(system, case_no):
    assert_error(upload_raw(system, case_no, blob(PDF, 5000), kind="photo"), 422,
                 "content_mismatch", "file")


@pytest.mark.usefixtures("bucket_unchanged")
def test_unknown_kind_is_422(system, case_no):
    assert_error(upload_raw(system, case_no, blob(JPEG, 100), kind="hologram"), 422,
                 "validation_failed", "kind")


@pytest.mark.usefixtures("bucket_unchanged")
def test_multipart_without_kind_before_file_is_422(system, case_no):
    r = system.call("POST", f"/api/cases/{case_no}/evidence", "officer",
                    files={"file": ("a.jpg", blob(JPEG, 100), "image/jpeg")})
    assert_error(r, 422, "validation_failed", "kind")


@pytest.mark.usefixtures("bucket_unchanged")
def test_multipart_without_boundary_is_400(system, case_no):
    # found by schemathesis against /api/openapi.json: this was a 500
    r = system.call("POST", f"/api/cases/{case_no}/evidence?kind=photo&filename=a.jpg",
                    "officer", data=blob(JPEG, 100), headers={"Content-Type": "multipart/form-data"})
    assert_error(r, 400, "malformed_multipart", "file")


@pytest.mark.usefixtures("bucket_unchanged")
def test_wrong_role_is_403(system, case_no):
    assert_error(upload_raw(system, case_no, blob(JPEG, 100), user="logistics"), 403)


def _lying_upload(system, case_no, declared, sent, first=JPEG):
    """Declare ``declared`` bytes, send ``sent``, shut the write side, read the answer."""
    host, port = system.base_url.split("//")[1].split(":")
    path = f"/api/cases/{case_no}/evidence?kind=photo&filename=lie.jpg"
    head = (f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: {declared}\r\n"
            f"Authorization: Bearer {system.token('officer')}\r\n"
            "Content-Type: application/octet-stream\r\nConnection: close\r\n\r\n").encode()
    with socket.create_connection((host, int(port)), timeout=30) as s:
        s.sendall(head + blob(first, sent))
        s.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := s.recv(65536):
            answer += chunk
    status = int(answer.split(b" ", 2)[1])
    return status, answer.partition(b"\r\n\r\n")[2]


@pytest.mark.usefixtures("bucket_unchanged")
def test_content_length_that_lies_is_400(system, case_no):
    status, body = _lying_upload(system, case_no, 1000, 500)
    assert status == 400 and b"length_mismatch" in body, body


@pytest.mark.usefixtures("bucket_unchanged")
def test_content_length_that_lies_after_a_part_was_stored_is_400(system, case_no):
    status, body = _lying_upload(system, case_no, 16 * 1024 * 1024, 11 * 1024 * 1024)
    assert status == 400 and b"length_mismatch" in body, body


def test_bad_uploads_leave_no_evidence_rows(system, case_no):
    _, rows = system.sql("evidence", "SELECT count(*) FROM evidence e JOIN upload_intents u "
                         "ON u.id = e.upload_id WHERE u.state <> 'registered'")
    assert rows[0][0] == 0
