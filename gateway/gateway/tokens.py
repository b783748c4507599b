"""Signed access tokens that expire; the role list travels inside them."""
from datetime import datetime, timedelta, timezone

import jwt
from nameko.extensions import DependencyProvider

from weiquan import settings
from weiquan.kit.secrets_store import configured_secret

ALGORITHM = "HS256"


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
    """Claims of a valid, unexpired token; raises jwt.InvalidTokenError otherwise."""
    claims = jwt.decode(token, secret, algorithms=[ALGORITHM], options={"require": ["exp", "sub"]})
    return {"username": claims["sub"], "roles": list(claims.get("roles") or []),
            "police_id": claims.get("police_id"), "unit": claims.get("unit"),
            "name": claims.get("name")}
