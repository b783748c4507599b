"""Uploads: the intent (everything that can be refused before a byte is stored), the bytes
streamed by the gateway to the internal endpoint, and the sweep of abandoned intents."""
import base64
import binascii
import logging
import uuid
from datetime import datetime

from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import EvidenceUploadV1
from weiquan.errors import Invalid, NotAllowed, NotFound

from evidence import access, sweeper
from evidence.domain import uploads as rules
from evidence.domain.errors import UploadExpired
from evidence.domain.sniff import HEAD_BYTES
from evidence.repository import EvidenceRepository
from evidence.upload import Upload

log = logging.getLogger(__name__)
INTENT_TTL = 600  # seconds between begin_upload and the first byte


def _head(head_b64):
    try:
        return base64.b64decode(head_b64 or "", validate=True)[:HEAD_BYTES]
    except (binascii.Error, ValueError):
        raise Invalid.one("file", "bad_head_encoding") from None


def begin_upload(db, clock, cases, case_no, meta, head_b64, principal):
    """{"upload_id"} of a committed intent, once the role (the cyber brigade's for a web
    capture), the metadata, the case, and the file's first bytes against its kind were all
    accepted. Roles first, so the service refuses exactly whom the gateway refuses."""
    principal = access.principal_of(principal)
    access.require("upload", principal)
    if isinstance(meta, dict) and rules.is_web_capture(meta):  # decided on what was asked
        access.require("web_capture", principal)
    meta = load_or_error(EvidenceUploadV1, meta)
    access.require_case("upload", principal, cases, case_no)
    now = clock.now()
    rules.check_meta(meta, now)
    rules.check_file(meta["kind"], _head(head_b64))
    upload_id = str(uuid.uuid4())
    stored = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in meta.items()}
    with db.uow() as uow:
        EvidenceRepository(uow.session).add_intent({
            "id": upload_id, "case_no": case_no, "object_key": f"cases/{case_no}/{upload_id}",
            "state": "pending", "meta": stored, "principal": principal,
            "created_at": now, "touched_at": now})
    return {"upload_id": upload_id}


def _claim(db, now, upload_id, username):
    """The intent, moved to ``streaming`` by this caller: it exists, is the signer's, is fresh
    and nobody started it before."""
    with db.uow() as uow:
        repo = EvidenceRepository(uow.session)
        intent = repo.intent(upload_id)
        if intent is None:
            raise NotFound("upload", upload_id)
        if intent["principal"]["username"] != username:
            raise NotAllowed("not_your_upload")
        fresh = (now - intent["created_at"]).total_seconds() < INTENT_TTL
        if not (fresh and repo.move_intent(upload_id, ("pending",), "streaming", now)):
            raise UploadExpired()
        intent = dict(repo.intent(upload_id))
    meta = dict(intent["meta"])
    for field in rules.TIMES:
        if meta.get(field):
            meta[field] = datetime.fromisoformat(meta[field])
    return {**intent, "meta": meta}


def receive(db, store, clock, stale_seconds, upload_id, claims, stream):
    """The stored evidence's answer (201 body) once the bytes of a claimed intent are stored,
    verified and registered; the heartbeat beats four times per stale period."""
    intent = _claim(db, clock.now(), upload_id, claims.get("username"))
    upload = Upload(db, store, clock, intent, max(stale_seconds / 4, 0.5))
    row, capture = upload.run(stream)
    body = {"evidence_id": row["id"], "sha256": row["sha256"], "size": row["size"]}
    if capture:
        body.update(capture_id=capture["id"], url=capture["url"],
                    captured_at=capture["captured_at"].isoformat())
    return body


def sweep(db, store, clock, stale_seconds):
    """One pass of the sweep; a failure is logged and the next tick retries."""
    try:
        return sweeper.sweep(db, store, clock.now(), stale_seconds)
    except Exception:
        log.exception("upload sweep failed; next tick retries")
        return 0
