"""The gateway checks a token's signature once per process and keeps the principal until the
token expires: the kept answer must still expire, never be shared between secrets, and not
be changed by a caller that edits what it got."""
import jwt
import pytest

from gateway import tokens

pytestmark = pytest.mark.unit

SECRET = "s" * 48
USER = {"username": "zhangwei", "roles": ["officer"], "police_id": "360721001",
        "unit": "unit-1", "name": "张伟"}


def test_a_kept_token_still_expires(monkeypatch):
    token = tokens.issue(USER, SECRET, ttl=600)
    assert tokens.read(token, SECRET) == USER          # verified, and kept
    later = tokens.time.time() + 601
    monkeypatch.setattr(tokens.time, "time", lambda: later)
    with pytest.raises(jwt.ExpiredSignatureError):
        tokens.read(token, SECRET)
    assert (SECRET, token) not in tokens._verified     # and not kept any more


def test_a_kept_token_is_not_valid_under_another_secret():
    token = tokens.issue(USER, SECRET, ttl=600)
    tokens.read(token, SECRET)
    with pytest.raises(jwt.InvalidSignatureError):
        tokens.read(token, "t" * 48)


def test_editing_an_answer_does_not_change_the_next_one():
    token = tokens.issue(USER, SECRET, ttl=600)
    first = tokens.read(token, SECRET)
    first["roles"].append("committee_director")
    first["username"] = "someone"
    assert tokens.read(token, SECRET) == USER


def test_the_kept_tokens_are_bounded(monkeypatch):
    monkeypatch.setattr(tokens, "VERIFIED_MAX", 3)
    monkeypatch.setattr(tokens, "_verified", {})
    for i in range(5):
        tokens.read(tokens.issue({**USER, "username": f"u{i}"}, SECRET, ttl=600), SECRET)
    assert len(tokens._verified) == 3
