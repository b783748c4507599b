"""Signed access tokens that expire; the role list travels inside them."""
import time
from datetime import datetime, timedelta, timezone

import jwt
from nameko.extensions import DependencyProvider

from weiquan import settings
from weiquan.kit.secrets_store import configured_secret

ALGORITHM = "HS256"
VERIFIED_MAX = 4096  # tokens whose signature this process has checked, kept until they expire
_verified = {}       # (secret, token) -> (exp, principal)


def jwt_secret():
    """From the environment; in development a per-data-dir secret is made once and kept."""
    return configured_secret("WEIQUAN_JWT_SECRET", "jwt_secret")


class TokenSecret(DependencyProvider):
    """Read once when the container starts, so a production gateway without a secret refuses
    to start instead of failing every request."""

    def setup(self):
        self.secret = jwt_secret()

    def get_dependency(self, worker_ctx):
        return self.secret


def issue(user, secret, now=None, ttl=None):
    now = now or datetime.now(timezone.utc)
    ttl = settings.current().token_ttl if ttl is None else ttl
    claims = {"sub": user["username"], "roles": user["roles"], "police_id": user.get("police_id"),
              "unit": user.get("unit"), "name": user.get("name"),
              "iat": int(now.timestamp()), "exp": int((now + timedelta(seconds=ttl)).timestamp())}
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def read(token, secret):
    """Claims of a valid, unexpired token; raises jwt.InvalidTokenError otherwise.

    A client sends the same token on every request: its signature is checked (and its JSON
    parsed) once, then the principal is kept with its expiry, which is still checked on every
    request. A token is immutable, so the same string under the same secret has the same
    claims; only tokens that verified are kept, and at most VERIFIED_MAX of them."""
    key = (secret, token)
    known = _verified.get(key)
    if known is not None:
        exp, principal = known
        if exp > time.time():
            return {**principal, "roles": list(principal["roles"])}
        del _verified[key]
        raise jwt.ExpiredSignatureError("Signature has expired")
    claims = jwt.decode(token, secret, algorithms=[ALGORITHM], options={"require": ["exp", "sub"]})
    principal = {"username": claims["sub"], "roles": list(claims.get("roles") or []),
                 "police_id": claims.get("police_id"), "unit": claims.get("unit"),
                 "name": claims.get("name")}
    if len(_verified) >= VERIFIED_MAX:
        _verified.pop(next(iter(_verified)))  # the oldest verified token
    _verified[key] = (claims["exp"], {**principal, "roles": list(principal["roles"])})
    return principal
