"""What may be uploaded: the five kinds of the contract and safe file names."""
import unicodedata

KINDS = ("video", "audio", "photo", "document", "web_capture")
MAX_NAME_BYTES = 255


def check_kind(kind):
    """An error text naming the problem, or None."""
    if not kind:
        return "缺少证据类型 / Missing kind."
    if kind not in KINDS:
        return f"证据类型须为 {', '.join(KINDS)} 之一 / Kind must be one of: {', '.join(KINDS)}."
    return None


def check_filename(name):
    """None when ``name`` is a plain file name: not empty, no path separators, no ``..``, no
    control characters, at most 255 UTF-8 bytes. The name is metadata only (object keys never
    contain it), but it is shown to people and written into exports, so it must not look like
    a path."""
    if not name or not name.strip():
        return "缺少文件名 / Missing file name."
    if "/" in name or "\\" in name:
        return "文件名不能包含路径分隔符 / File name must not contain path separators."
    if ".." in name:
        return "文件名不能包含 '..' / File name must not contain '..'."
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in name):
        return "文件名不能包含控制字符 / File name must not contain control characters."
    if name != name.strip():
        return "文件名首尾不能有空白 / File name must not start or end with white space."
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return f"文件名过长（最多 {MAX_NAME_BYTES} 字节） / File name longer than " \
               f"{MAX_NAME_BYTES} bytes."
    return None
