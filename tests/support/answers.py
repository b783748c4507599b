"""The contract's answers, checked the same way by every HTTP test: a success with its
status, or the error object in Chinese and English."""
import re

CJK = re.compile(r"[\u4e00-\u9fff]")


def assert_error(r, status, code=None, field=None):
    assert r.status_code == status, (r.status_code, r.text)
    assert r.headers["Content-Type"].startswith("application/json")
    err = r.json()["error"]
    assert set(err) >= {"code", "message", "fields"}
    assert CJK.search(err["message"]) and re.search(r"[A-Za-z]{3,}", err["message"]), err
    if code:
        assert err["code"] == code, err
    if field:
        assert field in err["fields"], err["fields"]
        text = err["fields"][field]
        assert CJK.search(text) and re.search(r"[A-Za-z]{3,}", text), text
    return err


def ok(r, status=200):
    assert r.status_code == status, (r.status_code, r.text)
    return r.json()
