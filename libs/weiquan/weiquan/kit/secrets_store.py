"""Secrets from the environment; in development made once per data dir and kept, so every
process of `make run` shares them and a restart keeps users logged in."""
import os
import secrets

from weiquan import settings
from weiquan.config import data_dir, is_development


def configured_secret(env_name, file_name):
    secret = settings.current().by_env(env_name)
    if secret:
        return secret
    if not is_development():
        raise RuntimeError(f"{env_name} must be set outside development")
    path = data_dir() / file_name
    if not path.exists():
        # Services start together: link a finished file into place, so exactly one secret
        # wins and nobody reads a half-written one.
        tmp = path.with_name(f"{file_name}.{os.getpid()}.tmp")
        tmp.write_text(secrets.token_hex(32))
        tmp.chmod(0o600)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return path.read_text().strip()
