"""nameko adapter of the cyber brigade's evidence store: RPC for metadata, custody, holds,
captures and takedowns; one internal HTTP endpoint (only the gateway calls it) for the bytes."""
import base64
import binascii
import json
import logging
import uuid
from datetime import datetime

from nameko.rpc import RpcProxy, rpc
from nameko.timer import timer
from nameko.web.handlers import http
from werkzeug.wrappers import Response

from weiquan.config import env
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import EvidenceUploadV1, PrincipalV1
from weiquan.kit import internal_auth
from weiquan.kit.errors import AppError, not_found, validation_error
from weiquan.kit.internal_auth import InternalSecret
from weiquan.kit.nameko_deps import Clock, Database, MetricsEndpoint
from weiquan.kit.readiness import Readiness
from weiquan.kit.rpc import answers

from evidence import access, sweeper
from evidence.capture_entrypoints import CaptureEntrypoints
from evidence.custody_entrypoints import CustodyEntrypoints
from evidence.domain.names import check_filename, check_kind
from evidence.domain.sniff import HEAD_BYTES, sniff
from evidence.models import metadata
from evidence.repository import EvidenceRepository
from evidence.store import ObjectStore
from evidence.upload import Upload

log = logging.getLogger(__name__)
STALE = sweeper.stale_seconds()
INTENT_TTL = 600  # seconds between begin_upload and the first byte


def _json(body, status):
    return Response(json.dumps(body, ensure_ascii=False), status=status,
                    mimetype="application/json")


class EvidenceService(CustodyEntrypoints, CaptureEntrypoints, Readiness):
    name = "evidence"

    db = Database(metadata, "evidence")
    store = ObjectStore()
    clock = Clock()
    secret = InternalSecret()
    metrics_endpoint = MetricsEndpoint()
    intake = RpcProxy("intake")
    rpc_timeout = float(env("RPC_TIMEOUT", "10"))

    def _principal(self, principal):
        return load_or_error(PrincipalV1, principal)

    def _check_case(self, case_no, principal):
        access.check_case(self.intake, case_no, principal, self.rpc_timeout)

    @rpc
    @answers
    def begin_upload(self, case_no, meta, head_b64, principal):
        """Everything that can be refused before a byte is stored: role, kind, file name, the
        file's first bytes against its kind, the case. Then the upload intent is committed."""
        principal = self._principal(principal)
        access.require(principal, access.UPLOAD_ROLES)
        meta = load_or_error(EvidenceUploadV1, meta)
        if meta.get("url") is not None or meta.get("captured_at") is not None:
            access.require(principal, access.CYBER_ROLES)
            if meta.get("url") is None or meta["kind"] != "web_capture":
                raise validation_error({"url": "网页取证须提供网址且类型为 web_capture / A web "
                                               "capture needs a URL and kind web_capture."})
        errors = {f: e for f, e in (("kind", check_kind(meta["kind"])),
                                    ("filename", check_filename(meta["filename"]))) if e}
        now = self.clock.now()
        for field in ("acquired_at", "captured_at"):
            if meta.get(field) and meta[field] > now:
                errors[field] = "时间不能晚于当前时间 / Must not be in the future."
        if errors:
            raise validation_error(errors)
        try:
            head = base64.b64decode(head_b64 or "", validate=True)[:HEAD_BYTES]
        except (binascii.Error, ValueError):
            raise validation_error({"file": "文件头编码无效 / Bad file head encoding."}) from None
        if not head:
            raise AppError("empty_file", "文件为空", "The file is empty", status=422,
                           fields={"file": "文件为空 / The file is empty."})
        if sniff(meta["kind"], head) is None:
            raise AppError("content_mismatch", "文件内容与证据类型不符",
                           f"File content does not match kind {meta['kind']}", status=422,
                           fields={"file": f"内容不是有效的 {meta['kind']} 文件 / Content is not "
                                           f"a {meta['kind']} file."})
        self._check_case(case_no, principal)
        upload_id = str(uuid.uuid4())
        stored = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in meta.items()}
        with self.db.session() as session, session.begin():
            EvidenceRepository(session).add_intent({
                "id": upload_id, "case_no": case_no, "object_key": f"cases/{case_no}/{upload_id}",
                "state": "pending", "meta": stored, "principal": principal,
                "created_at": now, "touched_at": now})
        return {"upload_id": upload_id}

    @http("PUT", "/internal/uploads/<string:upload_id>")
    def receive_upload(self, request, upload_id):
        """The bytes of a begun upload, streamed (chunked) by the gateway."""
        try:
            claims = internal_auth.verify(request.headers.get(internal_auth.HEADER), self.secret)
        except internal_auth.InvalidSignature as exc:
            return _json({"error": {"code": "unauthorized", "fields": {},
                                    "message": f"内部调用签名无效 / Bad internal signature: {exc}"}},
                         401)
        if claims.get("upload_id") != upload_id:
            return _json({"error": {"code": "unauthorized", "fields": {},
                                    "message": "签名与上传不符 / Signature is for another upload"}},
                         401)
        try:
            row, capture = self._receive(upload_id, claims, request.environ["wsgi.input"])
        except AppError as exc:
            return _json({"error": exc.to_dict()["error"]}, exc.status)
        body = {"evidence_id": row["id"], "sha256": row["sha256"], "size": row["size"]}
        if capture:
            body.update(capture_id=capture["id"], url=capture["url"],
                        captured_at=capture["captured_at"].isoformat())
        return _json(body, 201)

    def _receive(self, upload_id, claims, stream):
        now = self.clock.now()
        with self.db.session() as session, session.begin():
            repo = EvidenceRepository(session)
            intent = repo.intent(upload_id)
            if intent is None:
                raise not_found("上传", "Upload", upload_id)
            if intent["principal"]["username"] != claims.get("username"):
                raise AppError("forbidden", "无权上传", "Not your upload", status=403)
            fresh = (now - intent["created_at"]).total_seconds() < INTENT_TTL
            if not (fresh and repo.move_intent(upload_id, ("pending",), "streaming", now)):
                raise AppError("upload_expired", "上传已开始、已结束或已过期",
                               "Upload already started, finished or expired", status=409)
            intent = repo.intent(upload_id)
        meta = dict(intent["meta"])
        for field in ("acquired_at", "captured_at"):
            if meta.get(field):
                meta[field] = datetime.fromisoformat(meta[field])
        intent = {**intent, "meta": meta}
        return Upload(self.db, self.store, self.clock, intent, max(STALE / 4, 0.5)).run(stream)

    @timer(interval=max(STALE / 2, 1.0), eager=True)
    def sweep_abandoned_uploads(self):
        try:
            sweeper.sweep(self.db, self.store, self.clock.now(), STALE)
        except Exception:
            log.exception("upload sweep failed; next tick retries")

