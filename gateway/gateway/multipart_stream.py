"""multipart/form-data read as a stream: the small fields before the file part are collected,
the file part's bytes are handed out as they arrive. werkzeug's form parser spools big files to
disk, so it is not used; its sans-io decoder is fed chunk by chunk instead."""
from werkzeug.sansio.multipart import Data, Epilogue, Field, File, MultipartDecoder, NeedData

MAX_FIELD = 8 * 1024      # a field value (kind, source, ...) is short
MAX_PARTS = 50
MAX_HEADER_BUFFER = 64 * 1024


class Malformed(Exception):
    """The body is not well-formed multipart (or breaks our limits); the message says why."""


class MultipartReader:
    """``read(n)`` is the raw body (b"" at its end). Call ``open()`` once, then ``read_file()``
    until it returns b"", then ``finish()`` to check that the body ends properly."""

    def __init__(self, read, boundary, file_field="file", chunk=256 * 1024):
        if not boundary:
            raise Malformed("multipart body without boundary")
        self._read, self._chunk = read, chunk
        self._decoder = MultipartDecoder(boundary.encode("latin-1"))
        self.file_field = file_field
        self.fields = {}
        self.filename = None
        self.content_type = None
        self._in_file = False
        self._file_done = False
        self._parts = 0

    def _event(self):
        while True:
            try:
                event = self._decoder.next_event()
            except Exception as exc:  # werkzeug raises ValueError (and worse) on bad input
                raise Malformed(f"bad multipart body: {exc}") from None
            if not isinstance(event, NeedData):
                return event
            if len(self._decoder.buffer) > MAX_HEADER_BUFFER and not self._in_file:
                raise Malformed("multipart headers too long")
            data = self._read(self._chunk)
            self._decoder.receive_data(data or None)

    def open(self):
        """Collect the fields up to the file part; returns once its first bytes may be read."""
        name, value = None, bytearray()
        while True:
            event = self._event()
            if isinstance(event, (Field, File)):
                self._parts += 1
                if self._parts > MAX_PARTS:
                    raise Malformed("too many parts")
            if isinstance(event, File) and event.name == self.file_field:
                self.filename = event.filename
                self.content_type = event.headers.get("Content-Type")
                self._in_file = True
                return
            if isinstance(event, (Field, File)):
                name, value = event.name, bytearray()
            elif isinstance(event, Data):
                value += event.data
                if len(value) > MAX_FIELD:
                    raise Malformed(f"field {name} longer than {MAX_FIELD} bytes")
                if not event.more_data and name is not None:
                    try:
                        self.fields[name] = value.decode("utf-8")
                    except UnicodeDecodeError:
                        raise Malformed(f"field {name} is not UTF-8") from None
            elif isinstance(event, Epilogue):
                raise Malformed(f"no '{self.file_field}' part")

    def read_file(self):
        """The next bytes of the file part; b"" once it ended."""
        while not self._file_done:
            event = self._event()
            if not isinstance(event, Data):
                raise Malformed("unexpected event inside the file part")
            if not event.more_data:
                self._file_done = True
            if event.data:
                return event.data
        return b""

    def finish(self):
        """Read past the file part to the closing boundary (later fields are ignored)."""
        while True:
            event = self._event()
            if isinstance(event, Epilogue):
                return
            if isinstance(event, (Field, File)):
                self._parts += 1
                if self._parts > MAX_PARTS:
                    raise Malformed("too many parts")
