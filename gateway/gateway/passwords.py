"""Password hashing with scrypt from the standard library (salted, memory-hard)."""
import hashlib
import hmac
import secrets

_N, _R, _P = 2 ** 14, 8, 1


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    try:
        candidate = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=int(n),
                                   r=int(r), p=int(p), dklen=len(bytes.fromhex(digest)))
    except ValueError:  # a damaged row must not turn a login into a 500
        return False
    return hmac.compare_digest(candidate.hex(), digest)


# Verifying against this keeps a login for an unknown user as slow as for a known one.
DUMMY_HASH = hash_password(secrets.token_hex(8))
