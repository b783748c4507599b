"""Removes what killed or stuck uploads left behind: objects and unfinished multipart uploads of
intents whose heartbeat stopped. Runs at start and on a timer, in every replica (claims are
conditional updates, so two sweepers never fight over one intent).

A claimed intent can no longer be registered (registration moves it from 'streaming'
conditionally), so its object is removed bypassing GOVERNANCE retention. What the store still
keeps (legal hold, COMPLIANCE retention, no bypass permission) is final: the intent is closed
as 'retained' and never retried, instead of failing every pass for the retention period."""
import logging

from evidence.repository import EvidenceRepository, stale_cutoff
from evidence.store import retention_refused

log = logging.getLogger(__name__)


def sweep(db, store, now, stale_seconds):
    """Abort intents without a heartbeat for ``stale_seconds`` (the setting
    EVIDENCE_STALE_UPLOAD_SECONDS); returns how many were cleaned."""
    cutoff = stale_cutoff(now, stale_seconds)
    with db.session() as session:
        rows = EvidenceRepository(session).stale_intents(cutoff)
    cleaned = 0
    for row in rows:
        with db.session() as session, session.begin():
            won = EvidenceRepository(session).move_intent(
                row["id"], (row["state"],), "aborting", now, older_than=cutoff)
        if not won:
            continue  # the upload finished meanwhile, or another sweeper took it
        try:
            store.purge(row["object_key"], never_registered=True)
        except Exception as exc:
            if retention_refused(exc):
                retained(db, row, exc, now)
                continue
            log.exception("sweep could not remove %s; next pass retries", row["object_key"])
            continue  # stays 'aborting' with touched_at = now: retried once stale again
        with db.session() as session, session.begin():
            EvidenceRepository(session).move_intent(row["id"], ("aborting",), "aborted", now,
                                                    error="swept: no heartbeat")
        log.warning("swept abandoned upload %s (%s)", row["id"], row["object_key"])
        cleaned += 1
    return cleaned


def retained(db, row, exc, now):
    """Close an intent whose object the store keeps (retention or legal hold), logged once."""
    with db.session() as session, session.begin():
        EvidenceRepository(session).move_intent(row["id"], ("aborting",), "retained", now,
                                                error=f"swept: store retains ({exc.code})")
    log.warning("sweep: the store retains %s (%s); upload %s closed as retained, not retried",
                row["object_key"], exc.code, row["id"])
