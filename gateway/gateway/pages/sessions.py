"""Server-side page sessions (table page_sessions). The cookie holds a random id; the table
holds its SHA-256, the principal at login (JSON), the CSRF token and when it was last used.
A session unused for WEIQUAN_SESSION_IDLE seconds, older than WEIQUAN_TOKEN_TTL, or whose
user was deactivated is deleted on its next use; the user logs in again."""
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update

from gateway.models import page_sessions, users


@dataclass(frozen=True)
class Visit:
    """The signed-in user of one page request."""
    id_hash: str
    principal: dict
    csrf: str
    care: bool
    created_at: datetime
    last_seen_at: datetime


def new_secret():
    return secrets.token_urlsafe(32)


def hash_id(session_id):
    return hashlib.sha256(session_id.encode("utf-8", "surrogatepass")).hexdigest()


def csrf_ok(expected, given):
    """Constant-time comparison; a missing, empty or non-text token never matches."""
    if not expected or not isinstance(given, str) or not given:
        return False
    return hmac.compare_digest(expected.encode(), given.encode("utf-8", "surrogatepass"))


def expired(created_at, last_seen_at, now, idle_seconds, max_age_seconds):
    """Idle longer than idle_seconds, or older than max_age_seconds."""
    return (now - last_seen_at > timedelta(seconds=idle_seconds)
            or now - created_at > timedelta(seconds=max_age_seconds))


def open_session(session, principal, now, idle_seconds):
    """A new session for a user who just logged in: (cookie value, CSRF token). Sessions idle
    too long are swept here, so the table does not grow with abandoned ones."""
    session.execute(delete(page_sessions).where(
        page_sessions.c.last_seen_at < now - timedelta(seconds=idle_seconds)))
    session_id, csrf = new_secret(), new_secret()
    session.execute(page_sessions.insert().values(
        id_hash=hash_id(session_id), username=principal["username"],
        principal=json.dumps(principal, ensure_ascii=False), csrf=csrf,
        created_at=now, last_seen_at=now))
    return session_id, csrf


def find(session, session_id, now, idle_seconds, max_age_seconds):
    """(Visit, False) for a live session, which is touched; (None, True) for one that just
    expired (and is deleted); (None, False) for no session at all."""
    if not session_id or len(session_id) > 200:
        return None, False
    id_hash = hash_id(session_id)
    row = session.execute(
        select(page_sessions, users.c.care_mode, users.c.active)
        .join(users, users.c.username == page_sessions.c.username, isouter=True)
        .where(page_sessions.c.id_hash == id_hash)).mappings().first()
    if row is None:
        return None, False
    if not row["active"] or expired(row["created_at"], row["last_seen_at"], now,
                                    idle_seconds, max_age_seconds):
        end(session, id_hash)
        return None, True
    session.execute(update(page_sessions).where(page_sessions.c.id_hash == id_hash)
                    .values(last_seen_at=now))
    return Visit(id_hash, json.loads(row["principal"]), row["csrf"], bool(row["care_mode"]),
                 row["created_at"], now), False


def end(session, id_hash):
    session.execute(delete(page_sessions).where(page_sessions.c.id_hash == id_hash))


def set_care_mode(session, username, on):
    session.execute(update(users).where(users.c.username == username).values(care_mode=on))
