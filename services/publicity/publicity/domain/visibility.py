"""Who reads which statement (Art. 11(8)): the reviewers every state; other staff published
statements only, internal ones all of them, unit ones the case officer's unit; the public the
public, current ones."""
from weiquan.contracts.policy.publicity import WORKERS


def is_worker(principal):
    return bool(set(principal["roles"]) & set(WORKERS))


def may_read(s, principal):
    if is_worker(principal):
        return True
    if s.state not in ("published", "superseded"):
        return False
    if s.scope in ("internal", "public"):
        return True
    return s.scope == "unit" and bool(principal.get("unit")) and principal["unit"] == s.case_unit


def is_public(s):
    return s.state == "published" and s.scope == "public"
