"""Magic-number sniffing and file-name rules of the evidence domain."""
import pytest

from weiquan.contracts.policy.evidence import KINDS

from evidence.domain.names import check_filename, check_kind
from evidence.domain.sniff import sniff

pytestmark = pytest.mark.unit

FTYP = b"\x00\x00\x00\x18ftyp"
MATCHES = [
    ("photo", b"\xff\xd8\xff\xe0\x00\x10JFIF", "jpeg"),
    ("photo", b"\x89PNG\r\n\x1a\n\x00", "png"),
    ("photo", b"GIF89a\x01\x00", "gif"),
    ("photo", b"RIFF\x00\x00\x00\x00WEBPVP8 ", "webp"),
    ("photo", FTYP + b"heic\x00\x00", "heic"),
    ("video", FTYP + b"isom\x00\x00", "mp4"),
    ("video", FTYP + b"qt  \x00\x00", "mov"),
    ("video", b"\x1a\x45\xdf\xa3\x01", "webm"),
    ("video", b"RIFF\x00\x00\x00\x00AVI LIST", "avi"),
    ("audio", b"ID3\x04\x00", "mp3"),
    ("audio", b"\xff\xfb\x90\x00", "mp3"),
    ("audio", b"\xff\xf1\x50\x80", "aac"),
    ("audio", b"RIFF\x00\x00\x00\x00WAVEfmt ", "wav"),
    ("audio", FTYP + b"M4A \x00\x00", "m4a"),
    ("audio", b"OggS\x00\x02", "ogg"),
    ("audio", b"#!AMR\n", "amr"),
    ("document", b"%PDF-1.4\n", "pdf"),
    ("document", b"PK\x03\x04\x14\x00", "zip-office"),
    ("document", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "ole-office"),
    ("document", "笔录：当事人称……\n".encode(), "text"),
    ("document", "截断的中文".encode()[:-1], "text"),   # head ends inside a character
    ("web_capture", b"\xef\xbb\xbf  <!DOCTYPE html><html>", "html"),
    ("web_capture", b"<HTML><head>", "html"),
    ("web_capture", b"MIME-Version: 1.0\r\nContent-Type: multipart/related;", "mhtml"),
    ("web_capture", b"%PDF-1.7", "pdf"),
    ("web_capture", b"\x89PNG\r\n\x1a\n", "png"),
]
MISMATCHES = [
    ("photo", b"%PDF-1.4"), ("photo", b"MZ\x90\x00"), ("photo", FTYP + b"isom"),
    ("video", b"\xff\xd8\xff\xe0"), ("video", FTYP + b"heic"), ("video", FTYP + b"M4A "),
    ("audio", b"\x89PNG\r\n\x1a\n"), ("audio", b"\xff\xd8\xff"),
    ("document", b"MZ\x90\x00\x03\x00"), ("document", b"text with a \x00 NUL"),
    ("document", b"\xff\xfe\x00\x00"), ("document", b""),
    ("web_capture", b"just text"), ("web_capture", b"\xff\xd8\xff"),
]


@pytest.mark.parametrize("kind,head,fmt", MATCHES)
def test_first_bytes_fitting_the_kind_are_recognised(kind, head, fmt):
    assert sniff(kind, head) == fmt


@pytest.mark.parametrize("kind,head", MISMATCHES)
def test_first_bytes_not_fitting_the_kind_are_refused(kind, head):
    assert sniff(kind, head) is None


@pytest.mark.parametrize("name", ["现场照片.jpg", "a.b.c.pdf", "IMG_0001.HEIC", "x" * 255])
def test_plain_file_names_pass(name):
    assert check_filename(name) is None


@pytest.mark.parametrize("name,problem", [
    ("../../x", "path_separator"), ("a/b.jpg", "path_separator"), ("a\\b.jpg", "path_separator"),
    ("..", "dot_dot"), ("a..b", "dot_dot"), ("a\x00.jpg", "control_character"),
    ("a\n.jpg", "control_character"), ("a\u202e.jpg", "control_character"),
    ("", "missing_filename"), ("   ", "missing_filename"), (" a.jpg", "surrounding_space"),
    ("名" * 86, "name_too_long"),
])
def test_path_like_or_odd_file_names_are_refused(name, problem):
    assert check_filename(name) == problem


def test_kinds_are_the_contract_five():
    assert KINDS == ("video", "audio", "photo", "document", "web_capture")
    assert all(check_kind(kind) is None for kind in KINDS)
    assert check_kind("hologram") == "unknown_kind" and check_kind(None) == "missing_kind"
