"""Password hashing with scrypt from the standard library (salted, memory-hard)."""
import hashlib
import hmac
import secrets

from eventlet import patcher, tpool

_N, _R, _P = 2 ** 14, 8, 1


def _scrypt(password, salt, n, r, p, dklen):
    """scrypt is tens of milliseconds of C: under eventlet it runs in a real thread (it drops
    the GIL), so logins never hold the hub that every other request shares."""
    if patcher.is_monkey_patched("thread"):
        return tpool.execute(hashlib.scrypt, password, salt=salt, n=n, r=r, p=p, dklen=dklen)
    return hashlib.scrypt(password, salt=salt, n=n, r=r, p=p, dklen=dklen)


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = _scrypt(password.encode(), salt, _N, _R, _P, 32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    try:
        candidate = _scrypt(password.encode(), bytes.fromhex(salt), int(n), int(r), int(p),
                            len(bytes.fromhex(digest)))
    except ValueError:  # a damaged row must not turn a login into a 500
        return False
    return hmac.compare_digest(candidate.hex(), digest)


# Verifying against this keeps a login for an unknown user as slow as for a known one.
DUMMY_HASH = hash_password(secrets.token_hex(8))
