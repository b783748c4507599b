"""What an upload must say about itself, and what its first bytes must be, before a byte is
stored; the same file rules again on what actually arrived."""
from weiquan.errors import Invalid

from evidence.domain.errors import FileRefused
from evidence.domain.names import MAX_NAME_BYTES, check_filename, check_kind
from evidence.domain.sniff import sniff

TIMES = ("acquired_at", "captured_at")


def is_web_capture(meta):
    """A URL or a capture time makes the upload a web capture (cyber brigade only)."""
    return meta.get("url") is not None or meta.get("captured_at") is not None


def check_meta(meta, now):
    """Raise Invalid naming every bad field of the upload's metadata."""
    if is_web_capture(meta) and (meta.get("url") is None or meta["kind"] != "web_capture"):
        raise Invalid.one("url", "capture_needs_url")
    problems = {field: problem for field, problem in (
        ("kind", check_kind(meta["kind"])), ("filename", check_filename(meta["filename"])))
        if problem}
    problems.update({field: "in_future" for field in TIMES
                     if meta.get(field) and meta[field] > now})
    if problems:
        raise Invalid(problems, max_bytes=MAX_NAME_BYTES)


def check_file(kind, head):
    """The detected format (jpeg, mp4, pdf ...) of a file starting with ``head``; refused when
    there is nothing or the bytes do not fit the declared (already checked) kind."""
    if not head:
        raise FileRefused("empty_file")
    detected = sniff(kind, head)
    if detected is None:
        raise FileRefused("content_mismatch", kind=kind)
    return detected
