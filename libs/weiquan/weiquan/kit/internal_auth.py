"""The principal on gateway -> service HTTP calls (the evidence upload stream), signed with
HMAC-SHA256 so a service port reached by anyone else cannot be used to act as a user."""
import base64
import hashlib
import hmac
import json
import time

from nameko.extensions import DependencyProvider

from weiquan.kit.secrets_store import configured_secret

HEADER = "X-Weiquan-Principal"
DEFAULT_TTL = 300  # seconds: a signed header is good for one upload started now


class InvalidSignature(Exception):
    pass


def internal_secret():
    """From WEIQUAN_INTERNAL_SECRET; in development made once per data dir (like the JWT one)."""
    return configured_secret("WEIQUAN_INTERNAL_SECRET", "internal_secret")


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(secret, body):
    return hmac.new(secret.encode(), body.encode(), hashlib.sha256).hexdigest()


def sign(claims, secret, ttl=DEFAULT_TTL, now=None):
    """``claims`` (a JSON-able dict) plus an expiry, as ``<base64 json>.<hex hmac>``."""
    payload = {**claims, "exp": int((now or time.time()) + ttl)}
    body = _b64(json.dumps(payload, sort_keys=True, separators=(",", ":")).encode())
    return f"{body}.{_mac(secret, body)}"


def verify(token, secret, now=None):
    """The claims of a valid, unexpired token; raises InvalidSignature otherwise."""
    body, _, mac = (token or "").partition(".")
    if not body or not hmac.compare_digest(mac, _mac(secret, body)):
        raise InvalidSignature("bad signature")
    try:
        claims = json.loads(_unb64(body))
    except ValueError:
        raise InvalidSignature("bad payload") from None
    if not isinstance(claims, dict) or not isinstance(claims.get("exp"), int):
        raise InvalidSignature("no expiry")
    if claims["exp"] < (now or time.time()):
        raise InvalidSignature("expired")
    return claims


class InternalSecret(DependencyProvider):
    """Read when the container starts, so a production service without the secret refuses
    to start instead of failing every upload."""

    def setup(self):
        self.secret = internal_secret()

    def get_dependency(self, worker_ctx):
        return self.secret
