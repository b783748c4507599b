"""The chain of custody: every action on a piece of evidence is an entry whose hash covers the
previous entry's hash, so a changed, deleted or reordered entry breaks the chain. The evidence
row keeps the head hash and the count, so dropping the newest entries is caught too."""
import hashlib
import json
from datetime import timezone

GENESIS = "0" * 64
ACTIONS = ("upload", "view", "download", "share", "hold")


def _at(at):
    return at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(entry):
    """The bytes that are hashed: sorted keys, no spaces, UTF-8, times in UTC to the microsecond."""
    body = {"evidence_id": entry["evidence_id"], "seq": entry["seq"], "action": entry["action"],
            "actor": entry["actor"], "at": _at(entry["at"]), "detail": entry["detail"]}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(prev_hash, entry):
    return hashlib.sha256((prev_hash + canonical(entry)).encode("utf-8")).hexdigest()


def new_entry(evidence_id, head, count, action, actor, at, detail=None):
    """The next entry after a chain with ``head`` hash and ``count`` entries."""
    if action not in ACTIONS:
        raise ValueError(f"unknown custody action {action}")
    entry = {"evidence_id": evidence_id, "seq": count + 1, "action": action, "actor": actor,
             "at": at, "detail": detail or {}, "prev_hash": head or GENESIS}
    entry["hash"] = entry_hash(entry["prev_hash"], entry)
    return entry


PROBLEMS = ("sequence_gap", "broken_link", "foreign_entry", "hash_mismatch", "count_mismatch",
            "head_mismatch", "no_upload_entry", "sha256_mismatch")


def _problem(seq, code, **facts):
    """One finding: the entry's seq (None for the chain as a whole), a code of ``PROBLEMS``
    and the facts its message needs (the text is in contracts.messages.evidence)."""
    return {"seq": seq, "code": code, "facts": facts}


def verify(evidence_id, head, count, entries, sha256=None):
    """Problems found in ``entries`` (as stored, in seq order) against the evidence row's
    ``head`` and ``count``; an empty list means the chain is intact."""
    problems = []
    prev = GENESIS
    for expected_seq, entry in enumerate(entries, start=1):
        seq = entry["seq"]
        if seq != expected_seq:
            problems.append(_problem(seq, "sequence_gap", expected=expected_seq))
        if entry["prev_hash"] != prev:
            problems.append(_problem(seq, "broken_link"))
        if entry["evidence_id"] != evidence_id:
            problems.append(_problem(seq, "foreign_entry"))
        if entry_hash(entry["prev_hash"], entry) != entry["hash"]:
            problems.append(_problem(seq, "hash_mismatch"))
        prev = entry["hash"]
    if len(entries) != count:
        problems.append(_problem(None, "count_mismatch", entries=len(entries), registered=count))
    if prev != (head or GENESIS):
        problems.append(_problem(None, "head_mismatch"))
    first = entries[0] if entries else None
    if first is None or first["action"] != "upload":
        problems.append(_problem(1, "no_upload_entry"))
    elif sha256 is not None and first["detail"].get("sha256") != sha256:
        problems.append(_problem(1, "sha256_mismatch"))
    return problems
