"""The evidence pages through the running system (real services, a real S3-protocol server),
as a browser without JavaScript uses them: the officer who applied (JSON API) uploads a real
JPEG through the portal's multipart form with the CSRF token in the action URL and sees it
listed with its SHA-256; a wrong token is a 403 and stores nothing; a file that does not fit
its kind comes back at its field; the cyber brigade, whose web-evidence item the case's
acceptance opened (an online category), opens the evidence, verifies its custody chain,
downloads it, asks for a takedown and moves it to submitted."""
import hashlib
import re

import pytest
import requests

from tests.support.answers import ok
from tests.support.evidence_files import PDF, PHOTO_JPEG as JPEG, blob, stored
from tests.support.portal import hidden, signed_in
from tests.support.work import cyber_case

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def case_no(system):
    """The officer's own application, of an online category and accepted: the cyber brigade
    has its web-evidence item on it, so it may work on the case's evidence."""
    return cyber_case(system)

SHA = hashlib.sha256(JPEG).hexdigest()


def upload_action(html):
    return re.search(r'action="(/cases/[^"]+/evidence\?csrf=[^"]+)"', html).group(1)


def listed(system, case_no, user="officer"):
    return ok(system.call("GET", f"/api/cases/{case_no}/evidence", user))["items"]


def post_file(browser, url, data, filename="scene.jpg", kind="photo"):
    return browser.post(url, data={"kind": kind, "source": "现场拍摄", "device": "DSJ-07",
                                   "acquired_at": "2026-01-05T09:30"},
                        files={"file": (filename, data, "image/jpeg")},
                        allow_redirects=False, timeout=60)


@pytest.fixture(scope="module")
def uploaded(system, case_no):
    """The officer's JPEG, uploaded through the portal form: (evidence id, list page)."""
    browser = signed_in(system.base_url, "officer")
    page = browser.get(f"{system.base_url}/cases/{case_no}/evidence", timeout=10)
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.text
    action = upload_action(page.text)
    assert action.endswith("?csrf=" + hidden(page.text))
    r = post_file(browser, system.base_url + action, JPEG)
    assert r.status_code == 303, r.text
    evidence_id = re.fullmatch(rf"/cases/{case_no}/evidence\?stored=([\w-]+)",
                               r.headers["Location"]).group(1)
    back = browser.get(system.base_url + r.headers["Location"], timeout=10)
    return evidence_id, back


def test_the_officer_uploads_a_photo_and_sees_it_listed_with_its_sha256(system, case_no,
                                                                         uploaded):
    evidence_id, page = uploaded
    assert page.status_code == 200 and "证据已保存" in page.text
    assert f'<code id="stored-sha256">{SHA}</code>' in page.text
    row = page.text[page.text.index(f'<th scope="row"><a href="/evidence/{evidence_id}"'):]
    row = row[:row.index("</tr>")]
    assert "scene.jpg" in row and "照片" in row and SHA[:12] in row and "officer" in row
    [item] = [i for i in listed(system, case_no) if i["evidence_id"] == evidence_id]
    assert item["sha256"] == SHA and item["size"] == len(JPEG)
    meta = ok(system.call("GET", f"/api/evidence/{evidence_id}", "officer"))
    assert (meta["kind"], meta["source"], meta["device"]) == ("photo", "现场拍摄", "DSJ-07")
    assert meta["acquired_at"].startswith("2026-01-05T09:30:00")
    assert meta["acquired_by"] == "officer" and meta["detected_format"] == "jpeg"


def test_a_wrong_or_missing_csrf_token_is_403_and_stores_nothing(system, case_no, uploaded):
    browser = signed_in(system.base_url, "officer")
    before_rows, before_objects = listed(system, case_no), stored(system)
    for query in ("?csrf=forged", ""):
        r = post_file(browser, f"{system.base_url}/cases/{case_no}/evidence{query}", JPEG)
        assert r.status_code == 403 and "表单已失效" in r.text
    assert listed(system, case_no) == before_rows
    assert stored(system) == before_objects


def test_a_file_that_is_not_a_photo_comes_back_at_its_field(system, case_no, uploaded):
    browser = signed_in(system.base_url, "officer")
    before = listed(system, case_no)
    page = browser.get(f"{system.base_url}/cases/{case_no}/evidence", timeout=10)
    r = post_file(browser, system.base_url + upload_action(page.text), blob(PDF, 3000),
                  filename="fake.jpg")
    assert r.status_code == 422, r.text
    at_field, at_error = r.text.index('id="f-file"'), r.text.index('id="f-file-error"')
    assert 0 < at_error - at_field < 600
    assert " / " in re.search(r'id="f-file-error">([^<]+)<', r.text).group(1)
    assert 'value="现场拍摄"' in r.text  # what was typed is kept
    assert listed(system, case_no) == before


def test_the_cyber_brigade_verifies_downloads_and_asks_for_a_takedown(system, case_no,
                                                                       uploaded):
    evidence_id, _ = uploaded
    base = system.base_url
    browser = signed_in(base, "cyber_brigade")
    page = browser.get(f"{base}/evidence/{evidence_id}", timeout=10)
    assert page.status_code == 200 and f'<code id="sha256">{SHA}</code>' in page.text
    assert page.text.index("上传入库") < page.text.index("<td>查看</td>")
    checked = browser.get(f"{base}/evidence/{evidence_id}/verify", timeout=10)
    assert checked.status_code == 200 and "校验通过" in checked.text
    assert ok(system.call("GET", f"/api/evidence/{evidence_id}/verify", "cyber_brigade"))[
        "valid"] is True

    link = browser.get(f"{base}/evidence/{evidence_id}/download", allow_redirects=False,
                       timeout=10)
    assert link.status_code == 302 and "X-Amz-Expires=300" in link.headers["Location"]
    assert hashlib.sha256(requests.get(link.headers["Location"], timeout=30).content) \
        .hexdigest() == SHA
    actions = [e["action"] for e in ok(system.call(
        "GET", f"/api/evidence/{evidence_id}", "cyber_brigade"))["custody"]]
    assert actions[0] == "upload" and "download" in actions

    listing = browser.get(f"{base}/cases/{case_no}/evidence", timeout=10)
    r = browser.post(f"{base}/cases/{case_no}/takedowns", data={
        "csrf": hidden(listing.text), "url": "https://weibo.example/p/987",
        "platform": "微博", "capture_id": "", "note": "侮辱民警的帖子"},
        allow_redirects=False, timeout=10)
    assert r.status_code == 303, r.text
    takedown_id = re.fullmatch(r"/takedowns/([\w-]+)\?requested=1",
                               r.headers["Location"]).group(1)
    td = browser.get(base + r.headers["Location"], timeout=10)
    assert td.status_code == 200 and "侮辱民警的帖子" in td.text and "已申请删除" in td.text
    r = browser.post(f"{base}/takedowns/{takedown_id}/status", data={
        "csrf": hidden(td.text), "status": "submitted", "note": "已报送平台处理"},
        allow_redirects=False, timeout=10)
    assert r.status_code == 303 and r.headers["Location"].endswith("?changed=1")
    got = ok(system.call("GET", f"/api/takedowns/{takedown_id}", "cyber_brigade"))
    assert got["status"] == "submitted" and got["case_no"] == case_no
    assert [h["status"] for h in got["history"]] == ["requested", "submitted"]
    assert got["history"][-1]["actor"] == "cyber_brigade"
    assert "已报送平台处理" in browser.get(f"{base}/takedowns/{takedown_id}", timeout=10).text


def test_a_web_capture_through_the_form_leads_to_its_takedown(system, case_no):
    base = system.base_url
    browser = signed_in(base, "cyber_brigade")
    page = browser.get(f"{base}/cases/{case_no}/web-captures", timeout=10)
    assert page.status_code == 200
    action = re.search(r'action="([^"]+/web-captures\?csrf=[^"]+)"', page.text).group(1)
    html = "<!DOCTYPE html><html><body>侮辱民警的帖子</body></html>".encode()
    r = browser.post(base + action, data={"url": "https://weibo.example/p/555",
                                          "captured_at": "2026-01-05T10:00"},
                     files={"file": ("post.html", html, "text/html")},
                     allow_redirects=False, timeout=60)
    assert r.status_code == 303, r.text
    evidence_id = re.search(r"stored=([\w-]+)", r.headers["Location"]).group(1)
    meta = ok(system.call("GET", f"/api/evidence/{evidence_id}", "cyber_brigade"))
    assert meta["kind"] == "web_capture" and meta["sha256"] == hashlib.sha256(html).hexdigest()
    capture = meta["web_capture"]
    assert capture["url"] == "https://weibo.example/p/555"
    assert capture["captured_at"].startswith("2026-01-05T10:00:00")

    item = browser.get(f"{base}/evidence/{evidence_id}", timeout=10)
    ask = re.search(r'href="([^"]+#takedown)"', item.text).group(1).replace("&amp;", "&")
    form = browser.get(base + ask, timeout=10)
    assert f'value="{capture["capture_id"]}"' in form.text
    r = browser.post(f"{base}/cases/{case_no}/takedowns", data={
        "csrf": hidden(form.text), "url": capture["url"], "platform": "微博",
        "capture_id": capture["capture_id"]}, allow_redirects=False, timeout=10)
    assert r.status_code == 303, r.text
    takedown_id = re.search(r"/takedowns/([\w-]+)", r.headers["Location"]).group(1)
    got = ok(system.call("GET", f"/api/takedowns/{takedown_id}", "cyber_brigade"))
    assert got["capture_id"] == capture["capture_id"] and got["status"] == "requested"
