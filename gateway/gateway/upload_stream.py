"""Moving an upload's bytes: from the client's request (raw or multipart, checked against its
declared length) to the evidence service's internal endpoint, chunk by chunk, never holding the
file in memory or on disk."""
import http.client
import json
from urllib.parse import urlparse

import eventlet

from weiquan.kit.errors import AppError

CHUNK = 256 * 1024
IDLE_TIMEOUT = 60      # seconds a client may stay silent in the middle of its body
UPSTREAM_TIMEOUT = 600  # a store that cannot prove checksums: the evidence service reads
                        # back and hashes a large object at the end


class Truncated(Exception):
    """The client's body ended before its declared Content-Length, broke off, or stalled."""


class ClientBody:
    """``read(n)`` over wsgi.input: b"" at the end, Truncated when it ends too early."""

    def __init__(self, environ):
        self._input = environ["wsgi.input"]
        length = environ.get("CONTENT_LENGTH")
        self.declared = int(length) if length and length.isdigit() else None
        self.chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        self.remaining = self.declared
        self.received = 0

    def read(self, n=CHUNK):
        if self.remaining == 0 or (self.declared is None and not self.chunked):
            return b""
        if self.remaining is not None:
            n = min(n, self.remaining)
        try:
            with eventlet.Timeout(IDLE_TIMEOUT):
                data = self._input.read(n)
        except eventlet.Timeout:
            raise Truncated(f"client silent for {IDLE_TIMEOUT}s") from None
        except (OSError, ValueError) as exc:
            raise Truncated(str(exc)) from None
        self.received += len(data)
        if self.remaining is not None:
            if not data:
                raise Truncated(f"{self.received} of {self.declared} bytes")
            self.remaining -= len(data)
        return data


def truncated_error(exc):
    return AppError("length_mismatch", "请求体不完整（连接提前结束或长度与声明不符）",
                    f"Body incomplete: {exc}", status=400,
                    fields={"file": "上传中断，文件不完整 / The upload broke off: file incomplete."})


def unavailable(detail):
    return AppError("evidence_unavailable", "证据服务不可用，上传未完成，请重试",
                    f"Evidence service unavailable, nothing was stored ({detail}); retry",
                    status=503)


def stream_to_evidence(base_url, path, headers, chunks):
    """PUT ``chunks`` (an iterator of bytes) chunked to the evidence service; (status, json).

    When ``chunks`` raises (the client's body was truncated) the connection is dropped without
    the final chunk, so the evidence service sees a broken body and removes what it stored."""
    url = urlparse(base_url)
    conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=UPSTREAM_TIMEOUT)
    try:
        try:
            conn.putrequest("PUT", path, skip_accept_encoding=True)
            for name, value in {**headers, "Transfer-Encoding": "chunked",
                                "Content-Type": "application/octet-stream"}.items():
                conn.putheader(name, value)
            conn.endheaders()
        except OSError as exc:
            raise unavailable(f"connect: {exc}") from None
        try:
            for chunk in chunks:
                if chunk:
                    conn.send(b"%x\r\n" % len(chunk))
                    conn.send(chunk)
                    conn.send(b"\r\n")
            conn.send(b"0\r\n\r\n")
        except OSError as exc:  # the evidence service answered early, or died
            answer = _answer(conn)
            if answer is None:
                raise unavailable(f"send: {exc}") from None
            return answer
        answer = _answer(conn)
        if answer is None:
            raise unavailable("no answer")
        return answer
    finally:
        conn.close()


def _answer(conn):
    try:
        response = conn.getresponse()
        raw = response.read()
    except (OSError, http.client.HTTPException):
        return None
    try:
        return response.status, json.loads(raw)
    except ValueError:
        return None
