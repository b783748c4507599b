"""Evidence uploads and web captures (the bytes stream to the evidence service's internal
endpoint, the principal signed alongside) and downloads through short-lived links."""
import base64

from werkzeug.wrappers import Response

from weiquan.kit import correlation, internal_auth
from weiquan.kit.errors import AppError, validation_error

from gateway.http import json_response
from gateway.multipart_stream import Malformed, MultipartReader
from gateway.operation import allow
from gateway.upload_stream import ClientBody, Truncated, stream_to_evidence, truncated_error


HEAD_BYTES = 4096  # the evidence service sniffs this much before a byte is stored
META_FIELDS = ("kind", "filename", "source", "device", "acquired_at", "url", "captured_at")


def _malformed(exc):
    return AppError("malformed_multipart", "multipart 请求体格式错误", f"Malformed multipart body: "
                    f"{exc}", status=400, fields={"file": f"格式错误 / Malformed: {exc}"})


class _Source:
    """The upload's metadata and its file bytes, from a raw body or a multipart stream."""

    def __init__(self, request, capture):
        self.body = ClientBody(request.environ)
        args = request.args
        if request.mimetype == "multipart/form-data":
            try:
                self.multipart = MultipartReader(self.body.read,
                                                 request.mimetype_params.get("boundary"))
                self.multipart.open()
            except Malformed as exc:
                raise _malformed(exc) from None
            fields = self.multipart.fields
            self.meta = {k: fields.get(k) or args.get(k) for k in META_FIELDS}
            self.meta["filename"] = self.multipart.filename or args.get("filename")
            self.meta["content_type"] = self.multipart.content_type or "application/octet-stream"
            self._next = self.multipart.read_file
        else:
            self.multipart = None
            self.meta = {k: args.get(k) for k in META_FIELDS}
            self.meta["content_type"] = request.mimetype or "application/octet-stream"
            self.meta["expected_size"] = self.body.declared
            self._next = self.body.read
        if capture:
            self.meta["kind"] = self.meta.get("kind") or "web_capture"
            missing = {f: "网页取证须填写 / Required for a web capture." for f in ("url",)
                       if not self.meta.get(f)}
            if missing:
                raise validation_error(missing)
        elif not self.meta.get("kind"):
            where = "在文件之前的 kind 字段 / a kind field before the file part" \
                if self.multipart else "查询参数 kind / the kind query parameter"
            raise validation_error({"kind": f"缺少证据类型：{where}"})
        if not self.meta.get("filename"):
            raise validation_error({"filename": "缺少文件名 / Missing file name."})
        self.meta = {k: v for k, v in self.meta.items() if v is not None}
        self.head = self._read_head()

    def _read_head(self):
        head = b""
        while len(head) < HEAD_BYTES:
            data = self._pull()
            if not data:
                break
            head += data
        return head

    def _pull(self):
        try:
            return self._next()
        except Truncated as exc:
            raise truncated_error(exc) from None
        except Malformed as exc:
            raise _malformed(exc) from None

    def chunks(self):
        """The head again, then the rest; raises Truncated / Malformed before the end when the
        body is incomplete, so the upstream stream is aborted."""
        yield self.head
        while True:
            data = self._next()
            if not data:
                break
            yield data
        if self.multipart:
            self.multipart.finish()


def upload(gw, request, op, case_no):
    return json_response(receive(gw, request, op, case_no, gw.principal(request)), status=201)


def web_capture(gw, request, op, case_no):
    return json_response(receive(gw, request, op, case_no, gw.principal(request),
                                 capture=True), status=201)


def receive(gw, request, op, case_no, principal, capture=False, form_meta=None):
    """Stream one upload to the evidence service; its 201 answer. Shared by the JSON API (the
    bearer token's principal) and the portal's upload pages (the session's), so both refuse
    and store alike. ``form_meta(meta) -> meta`` lets the portal read its form's fields
    (datetime-local times are Asia/Shanghai) before anything is asked of the service."""
    allow(op, principal)
    source = _Source(request, capture)
    if form_meta is not None:
        source.meta = form_meta(source.meta)
    begun = gw.rpc("evidence", "begin_upload", case_no, source.meta,
                   base64.b64encode(source.head).decode(), principal)
    token = internal_auth.sign({"upload_id": begun["upload_id"],
                                "username": principal["username"]}, gw.internal_secret)
    try:
        status, body = stream_to_evidence(
            gw.settings.evidence_url, f"/internal/uploads/{begun['upload_id']}",
            {internal_auth.HEADER: token, correlation.HEADER: correlation.current_id()},
            source.chunks())
    except Truncated as exc:
        raise truncated_error(exc) from None
    except Malformed as exc:
        raise _malformed(exc) from None
    if status != 201:
        raise AppError.from_dict({"error": body["error"], "status": status})
    return body


def download(gw, request, op, evidence_id):
    principal = gw.principal(request)
    allow(op, principal)
    link = gw.rpc("evidence", "download_link", evidence_id, principal)
    return Response(status=302, headers={"Location": link["url"], "Cache-Control": "no-store"})
