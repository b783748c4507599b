"""The gateway's streaming multipart reader and the signed internal principal."""
import io
import time

import pytest

from weiquan.kit import internal_auth

from gateway.multipart_stream import Malformed, MultipartReader

pytestmark = pytest.mark.unit
B = "----wqboundary42"


def body(*parts, end=True):
    out = b""
    for name, value, filename in parts:
        disp = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        ctype = "\r\nContent-Type: video/mp4" if filename else ""
        out += f"--{B}\r\nContent-Disposition: {disp}{ctype}\r\n\r\n".encode() + value + b"\r\n"
    return out + (f"--{B}--\r\n".encode() if end else b"")


def read_all(raw, chunk):
    src = io.BytesIO(raw)
    reader = MultipartReader(src.read, B, chunk=chunk)
    reader.open()
    data = b""
    while piece := reader.read_file():
        data += piece
    reader.finish()
    return reader, data


FILE = b"\x00\x00\x00\x18ftypisom" + b"\r\n--" + B.encode()[:-2] + b"\r\n" + bytes(range(256)) * 50


@pytest.mark.parametrize("chunk", [1, 7, 4096, 1 << 20])
def test_fields_then_file_in_any_chunking(chunk):
    raw = body(("kind", b"video", None), ("source", "执法记录仪".encode(), None),
               ("file", FILE, "a.mp4"), ("later", b"ignored", None))
    reader, data = read_all(raw, chunk)
    assert data == FILE  # a boundary look-alike inside the file is data
    assert reader.fields == {"kind": "video", "source": "执法记录仪"}
    assert (reader.filename, reader.content_type) == ("a.mp4", "video/mp4")


def test_memory_stays_bounded_by_the_chunk():
    big = b"x" * (8 << 20)
    src = io.BytesIO(body(("kind", b"video", None), ("file", big, "a.mp4")))
    reader = MultipartReader(src.read, B, chunk=64 * 1024)
    reader.open()
    largest = total = 0
    while piece := reader.read_file():
        largest, total = max(largest, len(piece)), total + len(piece)
        assert len(reader._decoder.buffer) <= 128 * 1024
    assert total == len(big) and largest <= 64 * 1024


def test_missing_file_part_is_malformed():
    with pytest.raises(Malformed, match="no 'file' part"):
        read_all(body(("kind", b"video", None)), 1024)


def test_body_without_closing_boundary_is_malformed():
    with pytest.raises(Malformed):
        read_all(body(("kind", b"video", None), ("file", FILE, "a.mp4"), end=False), 1024)


def test_garbage_is_malformed():
    with pytest.raises(Malformed):
        read_all(b"this is not multipart at all" * 10, 16)


def test_overlong_field_is_malformed():
    with pytest.raises(Malformed, match="longer"):
        read_all(body(("kind", b"v" * 20000, None), ("file", FILE, "a.mp4")), 4096)


def test_signed_principal_round_trip_and_tampering():
    token = internal_auth.sign({"upload_id": "u1", "username": "officer"}, "s3cret")
    assert internal_auth.verify(token, "s3cret")["username"] == "officer"
    with pytest.raises(internal_auth.InvalidSignature):
        internal_auth.verify(token, "other")
    body_, _, mac = token.partition(".")
    forged = internal_auth.sign({"upload_id": "u1", "username": "committee_office"}, "x")
    with pytest.raises(internal_auth.InvalidSignature):
        internal_auth.verify(forged.partition(".")[0] + "." + mac, "s3cret")
    with pytest.raises(internal_auth.InvalidSignature):
        internal_auth.verify(None, "s3cret")


def test_signed_principal_expires():
    token = internal_auth.sign({"upload_id": "u1"}, "k", ttl=10, now=time.time() - 60)
    with pytest.raises(internal_auth.InvalidSignature, match="expired"):
        internal_auth.verify(token, "k")


def test_internal_secret_outside_development_must_be_set(monkeypatch):
    monkeypatch.setenv("WEIQUAN_ENV", "production")
    monkeypatch.delenv("WEIQUAN_INTERNAL_SECRET", raising=False)
    with pytest.raises(RuntimeError, match="WEIQUAN_INTERNAL_SECRET"):
        internal_auth.internal_secret()


def test_internal_secret_in_development_is_made_once(monkeypatch, tmp_path):
    monkeypatch.setenv("WEIQUAN_ENV", "development")
    monkeypatch.setenv("WEIQUAN_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("WEIQUAN_INTERNAL_SECRET", raising=False)
    first = internal_auth.internal_secret()
    assert internal_auth.internal_secret() == first and len(first) == 64
    assert (tmp_path / "internal_secret").stat().st_mode & 0o777 == 0o600
