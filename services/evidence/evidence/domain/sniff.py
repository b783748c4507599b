"""Magic numbers: the first bytes of a file must fit its declared kind, so a renamed
executable or a truncated blob is not registered as a photo or a video."""

HEAD_BYTES = 4096  # what the sniffer needs; the gateway sends this much ahead of the stream

_IMAGE_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1",
                 b"avif", b"avis"}
_AUDIO_BRANDS = {b"M4A ", b"M4B ", b"M4P ", b"F4A "}


def _ftyp_brand(head):
    return head[8:12] if len(head) >= 12 and head[4:8] == b"ftyp" else None


def _riff(head, form):
    return head[:4] == b"RIFF" and head[8:12] == form


def _photo(head):
    if head[:3] == b"\xff\xd8\xff":
        return "jpeg"
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return "png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if _riff(head, b"WEBP"):
        return "webp"
    if _ftyp_brand(head) in _IMAGE_BRANDS:
        return "heic"
    return None


def _video(head):
    brand = _ftyp_brand(head)
    if brand is not None and brand not in _IMAGE_BRANDS and brand not in _AUDIO_BRANDS:
        return "mov" if brand == b"qt  " else "mp4"
    if head[4:8] in (b"moov", b"mdat", b"wide", b"free") and len(head) >= 8:
        return "mov"  # QuickTime files written without an ftyp box
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "webm"
    if _riff(head, b"AVI "):
        return "avi"
    return None


def _audio(head):
    if head[:3] == b"ID3":
        return "mp3"
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xF6 == 0xF0:
        return "aac"   # ADTS (checked before MP3: both start with an 11-bit frame sync)
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:
        return "mp3"
    if _riff(head, b"WAVE"):
        return "wav"
    if _ftyp_brand(head) in _AUDIO_BRANDS:
        return "m4a"
    if head[:4] == b"OggS":
        return "ogg"
    if head[:5] == b"#!AMR":
        return "amr"
    if head[:4] == b"fLaC":
        return "flac"
    return None


def _text(head):
    """UTF-8 without NULs or control characters other than tab, newlines and form feed; the
    head may end inside a multi-byte character."""
    if not head:
        return None
    for cut in range(4):
        try:
            text = head[:len(head) - cut].decode("utf-8")
            break
        except UnicodeDecodeError:
            continue
    else:
        return None
    if any(ord(c) < 32 and c not in "\t\n\r\f" or c == "\x7f" for c in text):
        return None
    return "text"


def _document(head):
    if head[:5] == b"%PDF-":
        return "pdf"
    if head[:4] == b"PK\x03\x04":
        return "zip-office"   # docx, xlsx, odt: zip containers
    if head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "ole-office"   # .doc, .xls
    return _text(head)


def _web_capture(head):
    lower = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lower.startswith((b"<!doctype html", b"<html")):
        return "html"
    if lower.startswith((b"mime-version:", b"from:", b"content-type:")) and \
            b"multipart/related" in lower:
        return "mhtml"
    if head[:5] == b"%PDF-":
        return "pdf"
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return "png"
    return None


SNIFFERS = {"photo": _photo, "video": _video, "audio": _audio, "document": _document,
            "web_capture": _web_capture}


def sniff(kind, head):
    """The detected format (``jpeg``, ``mp4``, ``pdf`` ...) when ``head`` fits ``kind``, else
    None."""
    return SNIFFERS[kind](bytes(head[:HEAD_BYTES]))
