"""What may be uploaded: the kinds of the contract and safe file names. The checks answer a
problem code of ``contracts.messages.evidence.FIELD_PROBLEMS`` or None."""
import unicodedata

from weiquan.contracts.policy.evidence import KINDS

MAX_NAME_BYTES = 255
KIND_PROBLEMS = ("missing_kind", "unknown_kind")
FILENAME_PROBLEMS = ("missing_filename", "path_separator", "dot_dot", "control_character",
                     "surrounding_space", "name_too_long")


def check_kind(kind):
    """A problem code, or None for one of the contract's kinds."""
    if not kind:
        return "missing_kind"
    if kind not in KINDS:
        return "unknown_kind"
    return None


def check_filename(name):
    """None when ``name`` is a plain file name: not empty, no path separators, no ``..``, no
    control characters, at most 255 UTF-8 bytes. The name is metadata only (object keys never
    contain it), but it is shown to people and written into exports, so it must not look like
    a path."""
    if not name or not name.strip():
        return "missing_filename"
    if "/" in name or "\\" in name:
        return "path_separator"
    if ".." in name:
        return "dot_dot"
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in name):
        return "control_character"
    if name != name.strip():
        return "surrounding_space"
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return "name_too_long"
    return None
