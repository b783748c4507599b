"""Evidence routes: streamed uploads and web captures (the bytes go to the evidence service's
internal endpoint, the principal signed alongside), metadata with the custody chain, downloads
through short-lived links, custody verification, legal holds and takedown requests."""
import base64

from nameko.rpc import RpcProxy
from nameko.web.handlers import http
from werkzeug.wrappers import Response

from weiquan.config import env
from weiquan.contracts.base import load_or_error
from weiquan.contracts.codes import APPLICANT_ROLES, COMMITTEE_ROLES
from weiquan.contracts.commands import HoldV1, TakedownRequestV1, TakedownStatusV1
from weiquan.kit import internal_auth
from weiquan.kit.errors import AppError, validation_error
from weiquan.kit.internal_auth import InternalSecret
from weiquan.kit.rpc import call

from gateway import auth
from gateway.http import endpoint, json_response, read_json
from gateway.multipart_stream import Malformed, MultipartReader
from gateway.upload_stream import ClientBody, Truncated, stream_to_evidence, truncated_error

UPLOAD_ROLES = ("command_center", "cyber_brigade", "committee_office") + APPLICANT_ROLES
READ_ROLES = UPLOAD_ROLES + COMMITTEE_ROLES
HOLD_ROLES = ("committee_office", "cyber_brigade")
CYBER = ("cyber_brigade",)
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


class EvidenceRoutes:
    evidence = RpcProxy("evidence")
    internal_secret = InternalSecret()
    evidence_url = env("EVIDENCE_URL", "http://127.0.0.1:8001")

    def _evidence(self, method, *args):
        return call(getattr(self.evidence, method), *args, timeout=self.rpc_timeout,
                    service="evidence")

    def _upload(self, request, case_no, roles, capture):
        principal = self._principal(request)
        auth.require_role(principal, roles)
        source = _Source(request, capture)
        begun = self._evidence("begin_upload", case_no, source.meta,
                               base64.b64encode(source.head).decode(), principal)
        token = internal_auth.sign({"upload_id": begun["upload_id"],
                                    "username": principal["username"]}, self.internal_secret)
        try:
            status, body = stream_to_evidence(
                self.evidence_url, f"/internal/uploads/{begun['upload_id']}",
                {internal_auth.HEADER: token}, source.chunks())
        except Truncated as exc:
            raise truncated_error(exc) from None
        except Malformed as exc:
            raise _malformed(exc) from None
        if status != 201:
            raise AppError.from_dict({"error": body["error"], "status": status})
        return json_response(body, status=201)

    @http("POST", "/api/cases/<string:case_no>/evidence")
    @endpoint("/api/cases/{case_no}/evidence")
    def upload_evidence(self, request, case_no):
        return self._upload(request, case_no, UPLOAD_ROLES, capture=False)

    @http("GET", "/api/cases/<string:case_no>/evidence")
    @endpoint("/api/cases/{case_no}/evidence")
    def list_case_evidence(self, request, case_no):
        principal = self._principal(request)
        return json_response(self._evidence("list_case_evidence", case_no, principal))

    @http("POST", "/api/cases/<string:case_no>/web-captures")
    @endpoint("/api/cases/{case_no}/web-captures")
    def web_capture(self, request, case_no):
        return self._upload(request, case_no, CYBER, capture=True)

    @http("GET", "/api/evidence/<string:evidence_id>")
    @endpoint("/api/evidence/{evidence_id}")
    def get_evidence(self, request, evidence_id):
        principal = self._principal(request)
        auth.require_role(principal, READ_ROLES)
        return json_response(self._evidence("get_evidence", evidence_id, principal))

    @http("GET", "/api/evidence/<string:evidence_id>/download")
    @endpoint("/api/evidence/{evidence_id}/download")
    def download_evidence(self, request, evidence_id):
        principal = self._principal(request)
        auth.require_role(principal, READ_ROLES)
        link = self._evidence("download_link", evidence_id, principal)
        return Response(status=302, headers={"Location": link["url"], "Cache-Control": "no-store"})

    @http("GET", "/api/evidence/<string:evidence_id>/verify")
    @endpoint("/api/evidence/{evidence_id}/verify")
    def verify_custody(self, request, evidence_id):
        principal = self._principal(request)
        auth.require_role(principal, READ_ROLES)
        return json_response(self._evidence("verify_custody", evidence_id, principal))

    @http("POST", "/api/evidence/<string:evidence_id>/hold")
    @endpoint("/api/evidence/{evidence_id}/hold")
    def hold_evidence(self, request, evidence_id):
        principal = self._principal(request)
        auth.require_role(principal, HOLD_ROLES)
        body = read_json(request)
        load_or_error(HoldV1, body)
        return json_response(self._evidence("hold", evidence_id, body, principal))

    @http("POST", "/api/cases/<string:case_no>/takedowns")
    @endpoint("/api/cases/{case_no}/takedowns")
    def request_takedown(self, request, case_no):
        principal = self._principal(request)
        auth.require_role(principal, CYBER)
        body = read_json(request)
        load_or_error(TakedownRequestV1, body)
        return json_response(self._evidence("request_takedown", case_no, body, principal),
                             status=201)

    @http("GET", "/api/takedowns/<string:takedown_id>")
    @endpoint("/api/takedowns/{takedown_id}")
    def get_takedown(self, request, takedown_id):
        principal = self._principal(request)
        return json_response(self._evidence("get_takedown", takedown_id, principal))

    @http("POST", "/api/takedowns/<string:takedown_id>/status")
    @endpoint("/api/takedowns/{takedown_id}/status")
    def change_takedown(self, request, takedown_id):
        principal = self._principal(request)
        auth.require_role(principal, CYBER)
        body = read_json(request)
        load_or_error(TakedownStatusV1, body)
        return json_response(self._evidence("change_takedown", takedown_id, body, principal))
