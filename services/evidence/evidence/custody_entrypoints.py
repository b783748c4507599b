"""Reading evidence, downloading it, verifying and extending its chain of custody, legal holds.
Every read is itself a custody entry. Mixed into EvidenceService."""
from nameko.rpc import rpc

from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import HoldV1
from weiquan.kit.errors import AppError, not_found
from weiquan.kit.rpc import answers

from evidence import access, events
from evidence.domain import custody
from evidence.repository import EvidenceRepository
from evidence.views import evidence_view

PRESIGN_MINUTES = 5


class CustodyEntrypoints:

    def _evidence(self, evidence_id, principal, roles=access.READ_ROLES):
        """The evidence row, after the role and case checks."""
        access.require(principal, roles)
        with self.db.session() as session:
            row = EvidenceRepository(session).get(evidence_id)
        if row is None:
            raise not_found("证据", "Evidence", evidence_id)
        self._check_case(row["case_no"], principal)
        return row

    def _log(self, evidence_id, action, principal, detail=None):
        """Append a custody entry under the evidence row lock; the row and entries after it."""
        with self.db.session() as session, session.begin():
            repo = EvidenceRepository(session)
            row = repo.get(evidence_id, for_update=True)
            repo.append(row, action, principal["username"], self.clock.now(), detail)
            row = repo.get(evidence_id)
            return row, repo.entries(evidence_id), repo.capture_of(evidence_id)

    @rpc
    @answers
    def get_evidence(self, evidence_id, principal):
        principal = self._principal(principal)
        self._evidence(evidence_id, principal)
        row, entries, capture = self._log(evidence_id, "view", principal)
        return evidence_view(row, entries, capture)

    @rpc
    @answers
    def download_link(self, evidence_id, principal):
        """A presigned URL valid for 5 minutes; handing it out is the logged download."""
        principal = self._principal(principal)
        row = self._evidence(evidence_id, principal)
        try:
            url = self.store.presign(row["object_key"], row["version_id"], PRESIGN_MINUTES)
        except Exception:
            raise AppError("storage_unavailable", "证据存储暂不可用", "Evidence storage is "
                           "unavailable; retry later", status=503) from None
        self._log(evidence_id, "download", principal, {"expires_in": PRESIGN_MINUTES * 60})
        return {"url": url, "expires_in": PRESIGN_MINUTES * 60}

    @rpc
    @answers
    def verify_custody(self, evidence_id, principal=None):
        """{"valid", "problems"}: the chain recomputed from the stored entries."""
        if principal is not None:
            self._evidence(evidence_id, self._principal(principal))
        with self.db.session() as session:
            repo = EvidenceRepository(session)
            row = repo.get(evidence_id)
            if row is None:
                raise not_found("证据", "Evidence", evidence_id)
            entries = repo.entries(evidence_id)
        problems = custody.verify(evidence_id, row["custody_head"], row["custody_count"],
                                  entries, row["sha256"])
        return {"evidence_id": evidence_id, "valid": not problems, "problems": problems,
                "entries": len(entries)}

    @rpc
    @answers
    def hold(self, evidence_id, command, principal):
        """Legal hold (and retention when a date is given) on the object, recorded with whether
        the store is known to enforce it."""
        principal = self._principal(principal)
        cmd = load_or_error(HoldV1, command)
        row = self._evidence(evidence_id, principal, access.HOLD_ROLES)
        try:
            applied = self.store.hold(row["object_key"], row["version_id"],
                                      cmd.get("retain_until"))
        except Exception as exc:
            raise AppError("hold_failed", "存储拒绝了法律保留", f"The store refused the hold: {exc}",
                           status=502) from None
        now = self.clock.now()
        hold = {**applied, "reason": cmd["reason"], "store_reason": applied["reason"],
                "at": now.isoformat(), "by": principal["username"]}
        with self.db.uow() as uow:
            repo = EvidenceRepository(uow.session)
            locked = repo.get(evidence_id, for_update=True)
            repo.set_hold(evidence_id, hold)
            repo.append(locked, "hold", principal["username"], now,
                        {"enforced": applied["enforced"], "retain_until": applied["retain_until"]})
            events.held(uow, locked, principal, now, applied["enforced"])
        return hold

    @rpc
    @answers
    def list_case_evidence(self, case_no, principal):
        principal = self._principal(principal)
        access.require(principal, access.READ_ROLES)
        self._check_case(case_no, principal)
        with self.db.session() as session:
            rows = EvidenceRepository(session).case_evidence(case_no)
        return {"items": [{"evidence_id": r["id"], "kind": r["kind"], "filename": r["filename"],
                           "size": r["size"], "sha256": r["sha256"],
                           "registered_at": r["registered_at"].isoformat()} for r in rows]}
