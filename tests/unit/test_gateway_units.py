"""Gateway pieces that need no broker or server: password hashes, tokens, JSON body reading.
The operation table and the document: test_gateway_operations.py."""
import json
import re
import stat
from datetime import datetime, timedelta, timezone

import jwt
import pytest
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from weiquan.kit.errors import AppError

from gateway import tokens
from gateway.http import MAX_JSON_BYTES, error_response, read_json
from gateway.passwords import DUMMY_HASH, hash_password, verify_password

pytestmark = pytest.mark.unit

SECRET = "s" * 48
USER = {"username": "zhangwei", "roles": ["officer"], "police_id": "360721001",
        "unit": "城关派出所", "name": "张伟"}


# ---- passwords ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def stored():
    return hash_password("正确的密码 correct horse")


def test_hash_format(stored):
    assert re.fullmatch(r"scrypt\$16384\$8\$1\$[0-9a-f]{32}\$[0-9a-f]{64}", stored)


def test_hashes_are_salted():
    assert hash_password("same") != hash_password("same")


def test_right_password_verifies(stored):
    assert verify_password("正确的密码 correct horse", stored) is True


@pytest.mark.parametrize("attempt", ["正确的密码 correct hors", "正确的密码 correct horse ", "",
                                     "正确的密码 CORRECT HORSE"])
def test_wrong_password_fails(stored, attempt):
    assert verify_password(attempt, stored) is False


def test_dummy_hash_matches_nothing_obvious():
    assert verify_password("", DUMMY_HASH) is False
    assert verify_password("demo", DUMMY_HASH) is False


def test_tampered_digest_fails(stored):
    head, digest = stored.rsplit("$", 1)
    flipped = ("0" if digest[0] != "0" else "1") + digest[1:]
    assert verify_password("正确的密码 correct horse", f"{head}${flipped}") is False


@pytest.mark.parametrize("malformed", [
    "", "plain-text-password", "scrypt$abc", "scrypt$16384$8$1$00",
    "bcrypt$16384$8$1$00112233$00112233", "scrypt$16384$8$1$00$00$extra"])
def test_malformed_stored_hash_with_wrong_shape_is_false(malformed):
    assert verify_password("anything", malformed) is False


@pytest.mark.parametrize("malformed", [
    "scrypt$zz$8$1$00112233$00112233",
    "scrypt$16384$8$1$not-hex$00112233",
    "scrypt$16384$8$1$00112233$not-hex",
    "scrypt$1000$8$1$00112233$00112233",
])
def test_malformed_stored_hash_with_bad_content_is_false(malformed):
    assert verify_password("anything", malformed) is False


# ---- tokens ------------------------------------------------------------------------------

def test_token_round_trip():
    token = tokens.issue(USER, SECRET, ttl=600)
    assert tokens.read(token, SECRET) == USER


def test_token_claims():
    now = datetime.now(timezone.utc).replace(microsecond=0)
    token = tokens.issue(USER, SECRET, now=now, ttl=600)
    claims = jwt.decode(token, SECRET, algorithms=["HS256"])
    assert claims["sub"] == "zhangwei"
    assert claims["roles"] == ["officer"]
    assert claims["iat"] == int(now.timestamp())
    assert claims["exp"] == int(now.timestamp()) + 600
    assert jwt.get_unverified_header(token)["alg"] == "HS256"


def test_token_for_a_user_without_ids():
    user = {"username": "office1", "roles": ["committee_office", "committee_member"]}
    assert tokens.read(tokens.issue(user, SECRET, ttl=600), SECRET) == {
        "username": "office1", "roles": ["committee_office", "committee_member"],
        "police_id": None, "unit": None, "name": None}


def test_expired_token_raises():
    issued = datetime.now(timezone.utc) - timedelta(hours=2)
    token = tokens.issue(USER, SECRET, now=issued, ttl=3600)
    with pytest.raises(jwt.ExpiredSignatureError):
        tokens.read(token, SECRET)


def test_wrong_secret_raises():
    token = tokens.issue(USER, SECRET, ttl=600)
    with pytest.raises(jwt.InvalidTokenError) as info:
        tokens.read(token, "t" * 48)
    assert type(info.value) is jwt.InvalidSignatureError


def test_tampered_payload_raises():
    header, payload, signature = tokens.issue(USER, SECRET, ttl=600).split(".")
    forged = jwt.encode({"sub": "zhangwei", "roles": ["committee_director"],
                         "exp": 4102444800}, "attacker-secret-" * 3, algorithm="HS256")
    token = ".".join([header, forged.split(".")[1], signature])
    with pytest.raises(jwt.InvalidSignatureError):
        tokens.read(token, SECRET)


@pytest.mark.parametrize("claims, error", [
    ({"sub": "zhangwei", "roles": ["officer"]}, jwt.MissingRequiredClaimError),
    ({"roles": ["officer"], "exp": 4102444800}, jwt.MissingRequiredClaimError),
])
def test_token_without_required_claims_raises(claims, error):
    with pytest.raises(error):
        tokens.read(jwt.encode(claims, SECRET, algorithm="HS256"), SECRET)


def test_unsigned_token_is_refused():
    token = jwt.encode({"sub": "zhangwei", "roles": ["committee_director"], "exp": 4102444800},
                       None, algorithm="none")
    with pytest.raises(jwt.InvalidTokenError):
        tokens.read(token, SECRET)


@pytest.mark.parametrize("garbage", ["", "abc", "a.b.c"])
def test_garbage_token_raises(garbage):
    with pytest.raises(jwt.InvalidTokenError):
        tokens.read(garbage, SECRET)


def test_jwt_secret_from_environment(monkeypatch):
    monkeypatch.setenv("WEIQUAN_JWT_SECRET", "from-env-" * 4)
    assert tokens.jwt_secret() == "from-env-" * 4


def test_jwt_secret_required_outside_development(monkeypatch, tmp_path):
    monkeypatch.delenv("WEIQUAN_JWT_SECRET", raising=False)
    monkeypatch.setenv("WEIQUAN_ENV", "production")
    monkeypatch.setenv("WEIQUAN_DATA_DIR", str(tmp_path))
    with pytest.raises(RuntimeError, match="WEIQUAN_JWT_SECRET"):
        tokens.jwt_secret()
    assert not (tmp_path / "jwt_secret").exists()


def test_jwt_secret_in_development_is_made_once_and_private(monkeypatch, tmp_path):
    monkeypatch.delenv("WEIQUAN_JWT_SECRET", raising=False)
    monkeypatch.setenv("WEIQUAN_ENV", "development")
    monkeypatch.setenv("WEIQUAN_DATA_DIR", str(tmp_path))
    first = tokens.jwt_secret()
    assert re.fullmatch(r"[0-9a-f]{64}", first)
    assert tokens.jwt_secret() == first
    assert stat.S_IMODE((tmp_path / "jwt_secret").stat().st_mode) == 0o600


# ---- read_json ---------------------------------------------------------------------------

def request_with(data, content_type="application/json", method="POST"):
    return EnvironBuilder(method=method, data=data, content_type=content_type).get_request()


def app_error(request):
    with pytest.raises(AppError) as info:
        read_json(request)
    return info.value


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded",
                                          "application/jsonx", "multipart/form-data; boundary=x"])
def test_wrong_content_type_is_415(content_type):
    err = app_error(request_with(b'{"a": 1}', content_type))
    assert err.status == 415
    assert err.code == "unsupported_media_type"


def test_missing_content_type_is_415():
    err = app_error(EnvironBuilder(method="POST", data=b'{"a": 1}').get_request())
    assert err.status == 415


@pytest.mark.parametrize("raw", [b"{", b"", b"{'a': 1}", b'{"a": 1,}', b"\xff\xfe{}",
                                 '{"a": "张"}'.encode("gbk")])
def test_malformed_json_is_400(raw):
    err = app_error(request_with(raw))
    assert err.status == 400
    assert err.code == "malformed_json"
    assert err.message.startswith("请求体不是有效的 JSON / Body is not valid JSON: ")


def test_body_over_one_mib_is_413():
    raw = b'{"a": "' + b"x" * MAX_JSON_BYTES + b'"}'
    err = app_error(request_with(raw))
    assert err.status == 413
    assert err.code == "payload_too_large"
    assert err.message == "请求体超过 1024 KB 上限 / Body exceeds the 1024 KB limit"


def test_body_over_one_mib_without_content_length_is_413():
    environ = EnvironBuilder(method="POST", data=b" " * MAX_JSON_BYTES + b" {}",
                             content_type="application/json").get_environ()
    del environ["CONTENT_LENGTH"]
    environ["wsgi.input_terminated"] = True  # chunked body, length unknown up front
    request = Request(environ)
    assert request.content_length is None
    err = app_error(request)
    assert err.status == 413


def test_body_of_exactly_one_mib_passes():
    raw = b'{"a": "' + b"x" * (MAX_JSON_BYTES - 10) + b'"}'
    assert len(raw) == MAX_JSON_BYTES - 1
    assert read_json(request_with(raw)) == {"a": "x" * (MAX_JSON_BYTES - 10)}
    raw = b" " * (MAX_JSON_BYTES - 2) + b"{}"
    assert len(raw) == MAX_JSON_BYTES
    assert read_json(request_with(raw)) == {}


@pytest.mark.parametrize("content_type", ["application/json", "application/json; charset=utf-8",
                                          "Application/JSON"])
def test_valid_dict_passes(content_type):
    value = {"applicant": {"type": "relative", "name": "李娜", "relation": "spouse"},
             "incident": {"ongoing": True, "count": 3, "note": None}}
    raw = json.dumps(value, ensure_ascii=False).encode("utf-8")
    assert read_json(request_with(raw, content_type)) == value


def test_error_response_renders_the_contract_error_object():
    err = AppError("payload_too_large", "太大", "Too large", status=413, extra={"limit": 1})
    response = error_response(err)
    assert response.status_code == 413
    assert response.mimetype == "application/json"
    assert json.loads(response.get_data()) == {"error": {
        "code": "payload_too_large", "message": "太大 / Too large", "fields": {}, "limit": 1}}
