"""Reading evidence, downloading it, verifying its chain of custody, legal holds. Every read is
itself a custody entry, appended under the evidence row's lock."""
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import HoldV1
from weiquan.errors import NotFound
from weiquan.kit.errors import failure

from evidence import access, events
from evidence.domain import custody
from evidence.repository import EvidenceRepository
from evidence.views import custody_problems_view, evidence_view, listed_view

PRESIGN_MINUTES = 5


def _row(db, evidence_id):
    with db.session() as session:
        row = EvidenceRepository(session).get(evidence_id)
    if row is None:
        raise NotFound("evidence", evidence_id)
    return row


def _evidence(db, cases, action, evidence_id, principal):
    """The evidence row, once it exists and the case is in the scope of ``action`` (whose
    role rule the caller checked first)."""
    row = _row(db, evidence_id)
    access.require_case(action, principal, cases, row["case_no"])
    return row


def _log(db, clock, evidence_id, action, principal, detail=None):
    """Append a custody entry; the row, its entries and its web capture after it."""
    with db.uow() as uow:
        repo = EvidenceRepository(uow.session)
        row = repo.get(evidence_id, for_update=True)
        repo.append(row, action, principal["username"], clock.now(), detail)
        return repo.get(evidence_id), repo.entries(evidence_id), repo.capture_of(evidence_id)


def get_evidence(db, clock, cases, evidence_id, principal):
    principal = access.principal_of(principal)
    access.require("read", principal)
    _evidence(db, cases, "read", evidence_id, principal)
    return evidence_view(*_log(db, clock, evidence_id, "view", principal))


def download_link(db, store, clock, cases, evidence_id, principal):
    """A presigned URL valid for 5 minutes; handing it out is the logged download."""
    principal = access.principal_of(principal)
    access.require("read", principal)
    row = _evidence(db, cases, "read", evidence_id, principal)
    try:
        url = store.presign(row["object_key"], row["version_id"], PRESIGN_MINUTES)
    except Exception:
        raise failure("storage_unavailable", 503) from None
    _log(db, clock, evidence_id, "download", principal, {"expires_in": PRESIGN_MINUTES * 60})
    return {"url": url, "expires_in": PRESIGN_MINUTES * 60}


def verify_custody(db, cases, evidence_id, principal=None):
    """{"valid", "problems"}: the chain recomputed from the stored entries. Without a
    principal (a service asking) no rule applies."""
    if principal is not None:
        principal = access.principal_of(principal)
        access.require("read", principal)
        _evidence(db, cases, "read", evidence_id, principal)
    with db.session() as session:
        repo = EvidenceRepository(session)
        row = repo.get(evidence_id)
        if row is None:
            raise NotFound("evidence", evidence_id)
        entries = repo.entries(evidence_id)
    problems = custody.verify(evidence_id, row["custody_head"], row["custody_count"],
                              entries, row["sha256"])
    return {"evidence_id": evidence_id, "valid": not problems,
            "problems": custody_problems_view(problems), "entries": len(entries)}


def hold(db, store, clock, cases, evidence_id, command, principal):
    """Legal hold (and retention when a date is given) on the object, recorded with whether
    the store is known to enforce it."""
    principal = access.principal_of(principal)
    access.require("hold", principal)
    cmd = load_or_error(HoldV1, command)
    row = _evidence(db, cases, "hold", evidence_id, principal)
    try:
        applied = store.hold(row["object_key"], row["version_id"], cmd.get("retain_until"))
    except Exception as exc:
        raise failure("hold_failed", 502, error=str(exc)) from None
    now = clock.now()
    record = {**applied, "reason": cmd["reason"], "store_reason": applied["reason"],
              "at": now.isoformat(), "by": principal["username"]}
    with db.uow() as uow:
        repo = EvidenceRepository(uow.session)
        locked = repo.get(evidence_id, for_update=True)
        repo.set_hold(evidence_id, record)
        repo.append(locked, "hold", principal["username"], now,
                    {"enforced": applied["enforced"], "retain_until": applied["retain_until"]})
        events.held(uow, locked, principal, now, applied["enforced"])
    return record


def list_case_evidence(db, cases, case_no, principal):
    principal = access.principal_of(principal)
    access.authorize("read", principal, cases, case_no)
    with db.session() as session:
        rows = EvidenceRepository(session).case_evidence(case_no)
    return {"items": [listed_view(r) for r in rows]}
