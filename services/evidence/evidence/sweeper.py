"""Removes what killed or stuck uploads left behind: objects and unfinished multipart uploads of
intents whose heartbeat stopped. Runs at start and on a timer, in every replica (claims are
conditional updates, so two sweepers never fight over one intent)."""
import logging

from evidence.repository import EvidenceRepository, stale_cutoff

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
            store.purge(row["object_key"])
        except Exception:
            log.exception("sweep could not remove %s; next pass retries", row["object_key"])
            continue  # stays 'aborting' with touched_at = now: retried once stale again
        with db.session() as session, session.begin():
            EvidenceRepository(session).move_intent(row["id"], ("aborting",), "aborted", now,
                                                    error="swept: no heartbeat")
        log.warning("swept abandoned upload %s (%s)", row["id"], row["object_key"])
        cleaned += 1
    return cleaned
