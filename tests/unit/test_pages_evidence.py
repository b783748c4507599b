"""The evidence pages in-process against the fake gateway of test_gateway_page_frame (its
users and sessions database, an RPC recorder with canned evidence answers): the forms each role
is shown, an upload streamed through the JSON API's code with the CSRF token in the action URL
(refused with 403 before a byte of the body is read when the token is missing or wrong), a
refused file shown at its field, the custody chain in words, verification, download, hold and
takedowns."""
import hashlib
import re

import pytest
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from weiquan.kit.errors import AppError

from gateway.handlers import evidence as evidence_api
from gateway.pages import evidence_views
from gateway.pages.page import QUERY
from gateway.pages.table import PAGES
from tests.unit.helpers_evidence_pages import (CASE_NO, JPEG, SHA, EvidenceGateway, near,
                                               signed_in, upload_action)
from tests.unit.test_gateway_page_frame import hidden, now  # noqa: F401 (the clock fixture)

pytestmark = pytest.mark.unit


@pytest.fixture
def gw():
    return EvidenceGateway()


@pytest.fixture
def streamed(monkeypatch):
    """What reached the evidence service's internal endpoint, chunk by chunk."""
    got = {"chunks": []}

    def fake_stream(base_url, path, headers, chunks):
        got["path"], got["headers"] = path, headers
        for chunk in chunks:
            got["chunks"].append(chunk)
        data = b"".join(got["chunks"])
        return 201, {"evidence_id": "e-1", "sha256": hashlib.sha256(data).hexdigest(),
                     "size": len(data)}
    monkeypatch.setattr(evidence_api, "stream_to_evidence", fake_stream)
    return got




# ---- the case's evidence page: the list and the forms each role is shown ------------------
def test_the_officer_sees_the_list_and_an_upload_form_with_the_token_in_its_action(gw, now):
    browser = signed_in(gw)
    r = browser.go("GET", f"/cases/{CASE_NO}/evidence")
    assert r.status_code == 200
    assert "scene.jpg" in r.text and "照片" in r.text and "2.0 KB" in r.text
    assert SHA[:12] + "…" in r.text and "officer" in r.text
    assert 'href="/evidence/e-1"' in r.text and f'href="/cases/{CASE_NO}"' in r.text
    action = upload_action(r.text)
    assert action == f"/cases/{CASE_NO}/evidence?csrf={hidden(r.text)}"
    assert 'enctype="multipart/form-data"' in r.text and 'name="kind"' in r.text
    kinds = re.findall(r'<option value="(\w+)"', r.text)
    assert set(kinds) == {"video", "audio", "photo", "document"}
    assert r.text.index('name="acquired_at"') < r.text.index('name="file"')  # fields first
    assert '<script src="/static/upload.js"' in r.text and "<progress" in r.text
    assert "申请删除有害信息" not in r.text and "/web-captures" not in r.text
    [args] = gw.evidence_calls("list_case_evidence")
    assert args[0] == CASE_NO and args[1]["username"] == "officer"


def test_the_cyber_brigade_also_gets_web_capture_and_takedown(gw, now):
    r = signed_in(gw, "cyber_brigade").go("GET", f"/cases/{CASE_NO}/evidence")
    assert r.status_code == 200 and upload_action(r.text)
    assert f'href="/cases/{CASE_NO}/web-captures"' in r.text
    assert f'action="/cases/{CASE_NO}/takedowns"' in r.text and 'name="platform"' in r.text


def test_the_cyber_brigade_finds_a_case_by_its_number_from_the_navigation(gw, now):
    browser = signed_in(gw, "cyber_brigade")
    home = browser.go("GET", "/")
    assert 'href="/evidence"' in home.text and "网络取证" in home.text
    page = browser.go("GET", "/evidence")
    assert page.status_code == 200 and 'for="f-case_no"' in page.text
    r = browser.go("GET", f"/evidence?case_no=+{CASE_NO}+")
    assert r.status_code == 303 and r.headers["Location"] == f"/cases/{CASE_NO}/evidence"
    assert browser.go("GET", r.headers["Location"]).status_code == 200
    officer = signed_in(gw)
    assert 'href="/evidence"' not in officer.go("GET", "/").text
    assert officer.go("GET", "/evidence").status_code == 403


def test_a_reader_who_may_not_upload_sees_only_the_list(gw, now):
    r = signed_in(gw, "director").go("GET", f"/cases/{CASE_NO}/evidence")
    assert r.status_code == 200 and "scene.jpg" in r.text
    assert "?csrf=" not in r.text and 'name="file"' not in r.text


def test_a_role_without_evidence_duties_gets_the_403_page(gw, now):
    r = signed_in(gw, "logistics").go("GET", f"/cases/{CASE_NO}/evidence")
    assert r.status_code == 403 and r.mimetype == "text/html"
    assert not gw.evidence_calls("list_case_evidence")


# ---- uploads: streamed, CSRF in the URL ---------------------------------------------------
def test_an_upload_streams_through_the_api_code_and_comes_back_to_the_list(gw, now, streamed):
    browser = signed_in(gw)
    action = upload_action(browser.go("GET", f"/cases/{CASE_NO}/evidence").text)
    r = browser.upload(action, {"kind": "photo", "source": "执法记录仪", "device": "",
                                "acquired_at": "2026-11-30T08:30"},
                       ("scene.jpg", JPEG, "image/jpeg"))
    assert r.status_code == 303, r.text
    assert r.headers["Location"] == f"/cases/{CASE_NO}/evidence?stored=e-1"
    [(case_no, meta, _, principal)] = gw.evidence_calls("begin_upload")
    assert case_no == CASE_NO and principal["username"] == "officer"
    assert meta["kind"] == "photo" and meta["filename"] == "scene.jpg"
    assert meta["source"] == "执法记录仪" and "device" not in meta
    assert meta["acquired_at"] == "2026-11-30T08:30:00+08:00"
    assert b"".join(streamed["chunks"]) == JPEG and streamed["path"] == "/internal/uploads/u-1"
    page = browser.go("GET", r.headers["Location"])
    assert "证据已保存" in page.text and SHA in page.text


@pytest.mark.parametrize("query", ["", "?csrf=", "?csrf=forged"])
def test_a_missing_or_wrong_token_is_403_before_the_body_is_read(gw, now, streamed, query):
    browser = signed_in(gw)
    token = hidden(browser.go("GET", f"/cases/{CASE_NO}/evidence").text)
    r = browser.upload(f"/cases/{CASE_NO}/evidence{query}", {"kind": "photo", "csrf": token},
                       ("scene.jpg", JPEG, "image/jpeg"), unread=True)
    assert r.status_code == 403 and "表单已失效" in r.text
    assert not gw.evidence_calls("begin_upload") and not streamed["chunks"]


def test_content_that_does_not_fit_the_kind_is_shown_at_the_file_field(gw, now, streamed):
    browser = signed_in(gw)
    action = upload_action(browser.go("GET", f"/cases/{CASE_NO}/evidence").text)
    r = browser.upload(action, {"kind": "photo", "source": "群众提供"},
                       ("scene.jpg", b"%PDF-1.7\n" + b"x" * 500, "image/jpeg"))
    assert r.status_code == 422 and r.mimetype == "text/html"
    assert near(r.text, "f-file", "photo")
    assert 'value="photo" selected' in r.text and 'value="群众提供"' in r.text
    assert not streamed["chunks"]


def test_an_upload_without_kind_names_the_kind_field(gw, now, streamed):
    browser = signed_in(gw)
    action = upload_action(browser.go("GET", f"/cases/{CASE_NO}/evidence").text)
    r = browser.upload(action, {}, ("scene.jpg", JPEG, "image/jpeg"))
    assert r.status_code == 422 and near(r.text, "f-kind", "kind")
    assert not gw.evidence_calls("begin_upload")


def test_a_web_capture_is_the_cyber_brigades_with_its_url(gw, now, streamed):
    assert signed_in(gw).go("GET", f"/cases/{CASE_NO}/web-captures").status_code == 403
    browser = signed_in(gw, "cyber_brigade")
    page = browser.go("GET", f"/cases/{CASE_NO}/web-captures")
    assert page.status_code == 200 and 'name="url"' in page.text
    action = re.search(r'action="([^"]*web-captures\?csrf=[^"]+)"', page.text).group(1)
    html = b"<!DOCTYPE html><html><body>post</body></html>"
    r = browser.upload(action, {"url": "https://weibo.example/p/1",
                                "captured_at": "2026-11-30T07:00"},
                       ("post.html", html, "text/html"))
    assert r.status_code == 303 and r.headers["Location"].endswith("/evidence?stored=e-1")
    [(_, meta, _, principal)] = gw.evidence_calls("begin_upload")
    assert meta["kind"] == "web_capture" and meta["url"] == "https://weibo.example/p/1"
    assert meta["captured_at"] == "2026-11-30T07:00:00+08:00"
    assert principal["username"] == "cyber_brigade"


# ---- one piece of evidence -----------------------------------------------------------------
def test_the_evidence_page_shows_the_custody_chain_oldest_first_in_words(gw, now):
    r = signed_in(gw).go("GET", "/evidence/e-1")
    assert r.status_code == 200 and SHA in r.text
    assert r.text.index("上传入库") < r.text.index("<td>查看</td>")
    assert "2026-11-30 09:05:00" in r.text and ("11" * 8) in r.text
    assert 'href="/evidence/e-1/download"' in r.text and 'action="/evidence/e-1/verify"' in r.text
    assert 'action="/evidence/e-1/hold"' not in r.text  # an officer may not hold
    assert "https://weibo.example/p/1" in r.text


def test_verification_is_said_in_words(gw, now):
    browser = signed_in(gw)
    r = browser.go("GET", "/evidence/e-1/verify")
    assert r.status_code == 200 and "校验通过" in r.text and "共 2 条记录" in r.text
    gw.check = {"evidence_id": "e-1", "valid": False, "entries": 2, "problems": [
        {"seq": 2, "code": "hash_mismatch", "message": "哈希不符 / Hash mismatch"}]}
    r = browser.go("GET", "/evidence/e-1/verify")
    assert "校验未通过" in r.text and "第 2 条：哈希不符" in r.text


def test_download_is_a_302_to_the_presigned_link(gw, now):
    r = signed_in(gw).go("GET", "/evidence/e-1/download")
    assert r.status_code == 302 and "X-Amz-Expires=300" in r.headers["Location"]
    assert gw.evidence_calls("download_link")[0][0] == "e-1"


def test_an_unknown_evidence_is_the_404_page(gw, now):
    r = signed_in(gw).go("GET", "/evidence/nope")
    assert r.status_code == 404 and "证据不存在" in r.text


def test_the_committee_office_puts_a_legal_hold(gw, now):
    browser = signed_in(gw, "office")
    page = browser.go("GET", "/evidence/e-1")
    assert 'action="/evidence/e-1/hold"' in page.text
    r = browser.go("POST", "/evidence/e-1/hold", {"csrf": hidden(page.text),
                                                  "reason": "待审判", "retain_until": ""})
    assert r.status_code == 303 and r.headers["Location"] == "/evidence/e-1?held=1"
    [(evidence_id, body, _)] = gw.evidence_calls("hold")
    assert evidence_id == "e-1" and body == {"reason": "待审判"}
    r = browser.go("POST", "/evidence/e-1/hold", {"csrf": hidden(page.text), "reason": ""})
    assert r.status_code == 422 and near(r.text, "f-reason", " / ")


# ---- takedowns -----------------------------------------------------------------------------
def test_the_cyber_brigade_requests_a_takedown_and_moves_it_on(gw, now):
    browser = signed_in(gw, "cyber_brigade")
    page = browser.go("GET", f"/cases/{CASE_NO}/evidence?url=https://weibo.example/p/1"
                             "&capture_id=c-1")
    assert 'value="https://weibo.example/p/1"' in page.text and 'value="c-1"' in page.text
    r = browser.go("POST", f"/cases/{CASE_NO}/takedowns", {
        "csrf": hidden(page.text), "url": "https://weibo.example/p/1", "platform": "微博",
        "capture_id": "", "note": "诽谤民警"})
    assert r.status_code == 303 and r.headers["Location"] == "/takedowns/t-1?requested=1"
    [(case_no, body, _)] = gw.evidence_calls("request_takedown")
    assert case_no == CASE_NO and body == {"url": "https://weibo.example/p/1",
                                           "platform": "微博", "note": "诽谤民警"}
    td = browser.go("GET", r.headers["Location"])
    assert td.status_code == 200 and "删除申请已登记" in td.text and "诽谤民警" in td.text
    assert re.findall(r'<option value="(\w+)"', td.text) == ["submitted"]
    r = browser.go("POST", "/takedowns/t-1/status", {"csrf": hidden(td.text),
                                                      "status": "submitted", "note": ""})
    assert r.status_code == 303 and r.headers["Location"] == "/takedowns/t-1?changed=1"
    assert gw.evidence_calls("change_takedown")[0][:2] == ("t-1", {"status": "submitted"})


def test_a_refused_transition_is_shown_at_the_status_field(gw, now):
    gw.takedown_refusal = AppError("invalid_transition", "状态不能这样变更",
                                   "Invalid transition", status=409,
                                   fields={"status": "不能从 requested 变为 removed / nope"})
    browser = signed_in(gw, "cyber_brigade")
    td = browser.go("GET", "/takedowns/t-1")
    r = browser.go("POST", "/takedowns/t-1/status", {"csrf": hidden(td.text),
                                                      "status": "removed"})
    assert r.status_code == 409 and near(r.text, "f-status", "requested")


def test_others_may_not_request_or_change_takedowns(gw, now):
    browser = signed_in(gw)
    token = hidden(browser.go("GET", f"/cases/{CASE_NO}/evidence").text)
    r = browser.go("POST", f"/cases/{CASE_NO}/takedowns", {
        "csrf": token, "url": "https://x.example", "platform": "x"})
    assert r.status_code == 403
    assert browser.go("GET", "/takedowns/t-1").status_code == 403
    assert not gw.evidence_calls("request_takedown")


# ---- the table and the views ---------------------------------------------------------------
def test_only_the_streamed_uploads_carry_their_token_in_the_url():
    query = {(p.method, p.path) for p in PAGES if p.csrf == QUERY}
    assert query == {("POST", "/cases/{case_no}/evidence"),
                     ("POST", "/cases/{case_no}/web-captures")}


def test_the_takedown_steps_mirror_the_services_rule():
    from evidence.domain.takedown import NEXT
    assert evidence_views.TAKEDOWN_NEXT == NEXT


@pytest.mark.parametrize("size,text", [(None, ""), (512, "512 字节"), (2048, "2.0 KB"),
                                       (5 * 1024 * 1024, "5.0 MB")])
def test_sizes_read_as_people_say_them(size, text):
    assert evidence_views.size_text(size) == text


def test_the_json_api_still_streams_with_the_bearer_tokens_principal(gw, streamed):
    from gateway.operations import BY_NAME
    principal = {"username": "officer", "roles": ["officer"], "police_id": "360721001",
                 "unit": "城关派出所", "name": "张伟"}
    gw.principal = lambda request: principal
    environ = EnvironBuilder(path=f"/api/cases/{CASE_NO}/evidence", method="POST",
                             query_string="kind=photo&filename=a.jpg", data=JPEG,
                             content_type="application/octet-stream").get_environ()
    r = evidence_api.upload(gw, Request(environ), BY_NAME["upload_evidence"], CASE_NO)
    assert r.status_code == 201 and r.json["sha256"] == hashlib.sha256(JPEG).hexdigest()
    [(_, meta, _, asked_as)] = gw.evidence_calls("begin_upload")
    assert asked_as == principal and meta["expected_size"] == len(JPEG)
