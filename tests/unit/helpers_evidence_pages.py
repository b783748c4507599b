"""The fake gateway and browser of the evidence page tests (test_pages_evidence.py): the page
frame's fake gateway (test_gateway_page_frame.py) with the evidence service's canned answers
and more demo users, and multipart posts whose body may be left unread."""
import base64
import io
import re

from sqlalchemy import insert
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from weiquan.kit.errors import AppError

from gateway.models import users
from gateway.pages import frame
from gateway.pages.table import PAGES
from gateway.passwords import hash_password
from tests.unit.test_gateway_page_frame import T0, Browser, FakeGateway, hidden

CASE_NO = "GX-WQ-2026-000001"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 40
SHA = "ab" * 32
ITEM = {"evidence_id": "e-1", "kind": "photo", "filename": "scene.jpg", "size": 2048,
        "sha256": SHA, "registered_at": "2026-11-30T01:05:00+00:00", "acquired_by": "officer"}
CUSTODY = [  # deliberately not in order: the page sorts by seq
    {"seq": 2, "action": "view", "actor": "officer", "at": "2026-11-30T01:06:00+00:00",
     "detail": {}, "hash": "22" * 32},
    {"seq": 1, "action": "upload", "actor": "officer", "at": "2026-11-30T01:05:00+00:00",
     "detail": {}, "hash": "11" * 32},
]
EVIDENCE = {"evidence_id": "e-1", "case_no": CASE_NO, "kind": "web_capture",
            "filename": "post.html", "content_type": "text/html", "detected_format": "html",
            "size": 2048, "sha256": SHA, "source": None, "device": None,
            "acquired_at": "2026-11-30T01:05:00+00:00", "acquired_by": "cyber_brigade",
            "registered_at": "2026-11-30T01:05:00+00:00", "hold": None, "custody": CUSTODY,
            "web_capture": {"capture_id": "c-1", "url": "https://weibo.example/p/1",
                            "captured_at": "2026-11-30T00:00:00+00:00", "sha256": SHA,
                            "captured_by": "cyber_brigade", "evidence_id": "e-1"}}
TAKEDOWN = {"takedown_id": "t-1", "case_no": CASE_NO, "url": "https://weibo.example/p/1",
            "platform": "微博", "capture_id": None, "status": "requested",
            "history": [{"status": "requested", "at": "2026-11-30T01:10:00+00:00",
                         "note": "诽谤民警", "actor": "cyber_brigade"}],
            "requested_by": "cyber_brigade", "created_at": "2026-11-30T01:10:00+00:00"}
ROLES = {"cyber_brigade": "cyber_brigade", "office": "committee_office",
         "director": "committee_director", "logistics": "logistics"}




class EvidenceGateway(FakeGateway):
    """The page frame's fake gateway with the evidence service's answers."""

    def __init__(self):
        super().__init__()
        self.internal_secret = "i" * 32
        self.check = {"evidence_id": "e-1", "valid": True, "problems": [], "entries": 2}
        self.takedown_refusal = None
        with self.factory() as s, s.begin():
            for username, roles in ROLES.items():
                s.execute(insert(users).values(
                    username=username, password_hash=hash_password("demo"), roles=roles,
                    active=True, created_at=T0))

    def rpc(self, service, method, *args):
        if service != "evidence":
            return super().rpc(service, method, *args)
        self.calls.append((service, method, args))
        if method == "list_case_evidence":
            return {"items": [ITEM]}
        if method == "begin_upload":
            case_no, meta, head_b64, principal = args
            head = base64.b64decode(head_b64)
            if meta["kind"] == "photo" and not head.startswith(b"\xff\xd8\xff"):
                raise AppError("content_mismatch", "文件内容与证据类型不符",
                               "File content does not match kind photo", status=422,
                               fields={"file": "内容不是有效的 photo 文件 / Content is not a "
                                               "photo file"})
            return {"upload_id": "u-1"}
        if method == "get_evidence":
            if args[0] != "e-1":
                raise AppError("not_found", "证据不存在", "No such evidence", status=404)
            return EVIDENCE
        if method == "verify_custody":
            return self.check
        if method == "download_link":
            return {"url": "http://s3.example/b/k?X-Amz-Expires=300", "expires_in": 300}
        if method == "hold":
            return {"legal_hold": True, "enforced": False, "reason": args[1]["reason"]}
        if method == "request_takedown":
            return TAKEDOWN
        if method == "get_takedown":
            return TAKEDOWN
        if method == "change_takedown":
            if self.takedown_refusal:
                raise self.takedown_refusal
            return {**TAKEDOWN, "status": args[1]["status"]}
        raise AssertionError(method)

    def evidence_calls(self, method):
        return [c[2] for c in self.calls if c[1] == method]


class Unread(io.RawIOBase):
    """A request body that fails the test if anyone reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = readinto = read


class UploadBrowser(Browser):
    """Browser plus multipart posts, optionally with a body nobody may read."""

    def upload(self, path, fields, file, unread=False):
        route, _, query = path.partition("?")
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = {**fields, "file": (io.BytesIO(file[1]), file[0], file[2])}
        environ = EnvironBuilder(path=route, query_string=query, method="POST", data=data,
                                 headers={"Cookie": cookie}).get_environ()
        if unread:
            environ["wsgi.input"] = Unread()
        [page] = [p for p in PAGES if p.method == "POST" and re.fullmatch(
            re.sub(r"\{(\w+)\}", "[^/]+", p.path), route)]
        path_params = dict(zip(page.path_params, re.fullmatch(
            re.sub(r"\{(\w+)\}", "([^/]+)", page.path), route).groups()))
        response = frame.serve(self.gw, Request(environ), page, path_params)
        response.text = response.get_data(as_text=True)
        return response



def signed_in(gw, username="officer"):
    browser = UploadBrowser(gw)
    page = browser.go("GET", "/login")
    r = browser.go("POST", "/login", {"username": username, "password": "demo",
                                      "csrf": hidden(page.text)})
    assert r.status_code == 303
    return browser


def upload_action(html):
    return re.search(r'action="([^"]*/evidence\?csrf=[^"]+)"', html).group(1).replace("&amp;", "&")


def near(html, field_id, words, within=600):
    at = html.index(f'id="{field_id}"')
    error = html.index(f'id="{field_id}-error"')
    return 0 < error - at < within and words in html[error:error + 300]
