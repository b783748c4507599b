"""Evidence's own kinds of domain error, for the few facts whose code is more specific than the
generic ones of ``weiquan.errors`` (clients and tests tell them apart by code)."""
from weiquan.errors import Conflict, Invalid


class FileRefused(Invalid):
    """The file itself is refused (``empty_file``, ``content_mismatch``): a 422 under its own
    code, so a client can tell a bad file from a bad form; the field is always ``file``."""

    def __init__(self, code, **params):
        super().__init__({"file": code}, **params)
        self.code = code


class UploadExpired(Conflict):
    """The upload intent can no longer take bytes; ``reason`` says why (gone stale before the
    first byte, started twice, or swept while streaming)."""

    code = "upload_expired"

    def __init__(self, reason="upload_expired"):
        super().__init__()
        self.reason = reason


class InvalidTransition(Conflict):
    """A takedown cannot move from its state to the one asked for. It names the ``status``
    field like a validation error does, so the client can point at what to change."""

    code = "invalid_transition"

    def __init__(self, reason, current, new, allowed):
        super().__init__(current=current, new=new, allowed=", ".join(allowed))
        self.reason = reason
        self.fields = {"status": reason}
