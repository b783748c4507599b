"""The evidence service's nameko adapter in a real container (SQLite, the session's broker
vhost and S3 server), with intake replaced by a fake that answers ``get_case`` as intake
does, so the case scope is exercised: roles refused by the policy, metadata and file heads
refused by the domain, a full upload through the internal HTTP endpoint with its custody
chain, a takedown's transitions with the brigade's takedown work item, and the brigade's
web-evidence item opened by an accepted case of an online category."""
import base64
import json

import pytest
import requests
from nameko.testing.services import entrypoint_hook, replace_dependencies
from sqlalchemy import create_engine, text

from tests.support.evidence_files import HTML, JPEG, PDF, blob, sha
from weiquan import settings
from weiquan.kit import internal_auth

from evidence.service import EvidenceService
from evidence.store import EvidenceStore

pytestmark = pytest.mark.inprocess
CASE = "GX-WQ-2026-000001"
NO_WORK = "GX-WQ-2026-000002"       # filed by the officer; no department has work on it
UNKNOWN = "GX-WQ-2026-999999"


def who(username, *roles):
    return {"username": username, "roles": list(roles or [username]), "police_id": None,
            "unit": None, "name": None}


OFFICER = who("officer")            # filed CASE
RELATIVE = who("relative")          # filed nothing
CYBER = who("cyber_brigade")        # has a work item on CASE (none on NO_WORK)
LOGISTICS = who("logistics")        # no evidence rights at all


class _Answer:
    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


class _GetCase:
    method_name = "get_case"

    def __init__(self, answer):
        self.answer = answer

    def call_async(self, *args, **kwargs):
        return _Answer(self.answer(*args, **kwargs))


class FakeIntake:
    """intake's ``get_case`` as evidence sees it over RPC: the case for its filer, the
    committee and the departments with work on it, a 403 for anyone else, a 404 for a
    number nobody filed."""

    def __init__(self, filers, workers):
        self.filers = filers
        self.workers = workers
        self.asked = []
        self.get_case = _GetCase(self._get_case)

    def _get_case(self, case_no, principal):
        self.asked.append((case_no, principal["username"]))
        if case_no not in self.filers:
            return {"error": {"code": "not_found", "message": f"案件不存在: {case_no} / Case not "
                              f"found: {case_no}", "fields": {}}, "status": 404}
        if "committee_member" in principal["roles"] or principal["username"] == \
                self.filers[case_no] or set(principal["roles"]) & self.workers.get(case_no,
                                                                                  set()):
            return {"ok": {"case_no": case_no}}
        return {"error": {"code": "forbidden", "message": "无权查看此案件 / You may not see this "
                          "case", "fields": {}}, "status": 403}


@pytest.fixture
def intake():
    return FakeIntake({CASE: "officer", NO_WORK: "officer"}, {CASE: {"cyber_brigade"}})


@pytest.fixture
def container(service_env, container_factory, intake, clock):
    made = container_factory(EvidenceService, service_env)
    replace_dependencies(made, intake=intake, clock=clock)
    made.start()
    yield made
    made.stop()


def rpc(container, method, *args):
    with entrypoint_hook(container, method) as call:
        return call(*args)


def error_of(answer, status, code):
    assert answer.get("status") == status, answer
    error = answer["error"]
    assert error["code"] == code and " / " in error["message"], error
    return error


def begin(container, data, principal=OFFICER, case_no=CASE, **meta):
    meta = {"kind": "photo", "filename": "scene.jpg", "content_type": "image/jpeg", **meta}
    return rpc(container, "begin_upload", case_no, meta,
               base64.b64encode(data[:4096]).decode(), principal)


def put(container, upload_id, data, username="officer", signed_for=None):
    token = internal_auth.sign({"upload_id": signed_for or upload_id, "username": username},
                               internal_auth.internal_secret())
    url = f"http://{container.config['WEB_SERVER_ADDRESS']}/internal/uploads/{upload_id}"
    chunks = iter([data[:1000], data[1000:]])  # chunked, as the gateway streams
    return requests.put(url, data=chunks, headers={internal_auth.HEADER: token}, timeout=30)


def upload(container, data, principal=OFFICER, **meta):
    upload_id = begin(container, data, principal, **meta)["ok"]["upload_id"]
    r = put(container, upload_id, data, principal["username"])
    assert r.status_code == 201, r.text
    return r.json()


def outbox_events():
    engine = create_engine(settings.current().database_url("evidence"))
    try:
        with engine.connect() as conn:
            return [row[0] for row in conn.execute(text("SELECT routing_key FROM outbox "
                                                        "ORDER BY id"))]
    finally:
        engine.dispose()


def work_rows():
    engine = create_engine(settings.current().database_url("evidence"))
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(
                "SELECT case_no, kind, ref, state, summary FROM work_items ORDER BY opened_at"))]
    finally:
        engine.dispose()


def objects_under(key):
    store = EvidenceStore(settings.current())
    return [o.object_name for o in store.minio.list_objects(store.bucket, prefix=key,
                                                            include_version=True)]


# ---- begin_upload: refused before a byte is stored ------------------------------------------

def test_a_role_without_upload_rights_is_refused_before_intake_is_asked(container, intake):
    error = error_of(begin(container, blob(JPEG, 500), LOGISTICS), 403, "forbidden")
    assert error["action"] == "evidence.upload"
    assert intake.asked == []


def test_a_web_capture_needs_the_cyber_brigade(container):
    answer = begin(container, HTML, OFFICER, kind="web_capture", filename="p.html",
                   url="https://weibo.example/p/1")
    error_of(answer, 403, "forbidden")


@pytest.mark.parametrize("method,args", [
    ("hold", ["no-such-id", {}]), ("request_takedown", [CASE, {}]),
    ("change_takedown", ["no-such-id", {}]), ("begin_upload", [CASE, {}, ""]),
])
def test_roles_are_refused_before_the_command_is_read(container, intake, method, args):
    """The service refuses exactly whom the gateway refuses, whatever the body says."""
    error_of(rpc(container, method, *args, LOGISTICS), 403, "forbidden")
    error_of(rpc(container, method, *args, CYBER), 422, "validation_failed")  # may: body read
    assert intake.asked == []


@pytest.mark.parametrize("data,meta,code,field", [
    (blob(JPEG, 500), {"kind": "hologram"}, "validation_failed", "kind"),
    (blob(JPEG, 500), {"filename": "../../x"}, "validation_failed", "filename"),
    (blob(PDF, 500), {}, "content_mismatch", "file"),
    (b"", {}, "empty_file", "file"),
])
def test_bad_metadata_or_file_head_is_422_naming_the_field(container, data, meta, code, field):
    error = error_of(begin(container, data, **meta), 422, code)
    assert list(error["fields"]) == [field]
    assert " / " in error["fields"][field]


def test_case_scope_is_intakes_answer_to_the_callers_own_principal(container, intake):
    error_of(begin(container, blob(JPEG, 500), RELATIVE), 403, "forbidden")
    error_of(begin(container, blob(JPEG, 500), CYBER, case_no=UNKNOWN), 404, "not_found")
    intake.asked.clear()
    assert "upload_id" in begin(container, blob(JPEG, 500), CYBER)["ok"]   # has work on CASE
    refused = error_of(begin(container, blob(JPEG, 500), CYBER, case_no=NO_WORK), 403,
                       "forbidden")
    assert refused["message"].startswith("无权查看此案件")
    # evidence asked intake with the brigade's own principal only, never a stand-in identity
    assert intake.asked == [(CASE, "cyber_brigade"), (NO_WORK, "cyber_brigade")]


# ---- the bytes, through the internal HTTP endpoint ------------------------------------------

def test_full_upload_registers_evidence_with_a_verifiable_custody_chain(container):
    data = blob(JPEG, 300 * 1024 + 7)
    stored = upload(container, data, source="body camera")
    assert (stored["sha256"], stored["size"]) == (sha(data), len(data))
    evidence_id = stored["evidence_id"]

    meta = rpc(container, "get_evidence", evidence_id, OFFICER)["ok"]
    assert (meta["case_no"], meta["kind"], meta["detected_format"]) == (CASE, "photo", "jpeg")
    assert (meta["source"], meta["acquired_by"]) == ("body camera", "officer")
    assert [(e["seq"], e["action"], e["actor"]) for e in meta["custody"]] == [
        (1, "upload", "officer"), (2, "view", "officer")]
    assert meta["custody"][0]["detail"]["sha256"] == sha(data)

    verified = rpc(container, "verify_custody", evidence_id, OFFICER)["ok"]
    assert verified == {"evidence_id": evidence_id, "valid": True, "problems": [],
                        "entries": 2}
    listed = rpc(container, "list_case_evidence", CASE, OFFICER)["ok"]["items"]
    assert [i["evidence_id"] for i in listed] == [evidence_id]
    assert "evidence_registered" in outbox_events()
    store = EvidenceStore(settings.current())
    key = f"cases/{CASE}/{meta['custody'][0]['detail']['object_key'].rsplit('/', 1)[1]}"
    assert store.digest(key) == (sha(data), len(data))


def test_evidence_of_a_case_one_may_not_see_is_refused(container):
    evidence_id = upload(container, blob(JPEG, 2000))["evidence_id"]
    error_of(rpc(container, "get_evidence", evidence_id, RELATIVE), 403, "forbidden")
    error_of(rpc(container, "get_evidence", "no-such-id", OFFICER), 404, "not_found")
    meta = rpc(container, "get_evidence", evidence_id, CYBER)["ok"]
    # the refused read left no entry; the cyber brigade's read is logged
    assert [(e["action"], e["actor"]) for e in meta["custody"]] == [
        ("upload", "officer"), ("view", "cyber_brigade")]


def test_bytes_that_do_not_fit_the_kind_are_refused_and_removed(container):
    upload_id = begin(container, blob(JPEG, 500))["ok"]["upload_id"]
    r = put(container, upload_id, blob(PDF, 5000))   # the head promised a JPEG
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["code"] == "content_mismatch" and list(error["fields"]) == ["file"]
    assert objects_under(f"cases/{CASE}/{upload_id}") == []
    again = put(container, upload_id, blob(JPEG, 500))
    assert again.status_code == 409 and again.json()["error"]["code"] == "upload_expired"


def test_internal_endpoint_refuses_what_the_gateway_did_not_sign(container):
    upload_id = begin(container, blob(JPEG, 500))["ok"]["upload_id"]
    other = put(container, upload_id, blob(JPEG, 500), signed_for="another-upload")
    assert other.status_code == 401 and other.json()["error"]["code"] == "unauthorized"
    stranger = put(container, upload_id, blob(JPEG, 500), username="relative")
    assert stranger.status_code == 403 and stranger.json()["error"]["code"] == "forbidden"
    missing = put(container, "no-such-upload", blob(JPEG, 500))
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


# ---- takedowns -----------------------------------------------------------------------------

def test_takedown_moves_only_along_its_transitions(container):
    html = upload(container, HTML, CYBER, kind="web_capture", filename="post.html",
                  url="https://weibo.example/p/123")
    assert html["url"] == "https://weibo.example/p/123"
    command = {"url": "https://weibo.example/p/123", "platform": "weibo",
               "capture_id": html["capture_id"], "note": "诽谤民警"}
    error_of(rpc(container, "request_takedown", CASE, command, OFFICER), 403, "forbidden")
    takedown = rpc(container, "request_takedown", CASE, command, CYBER)["ok"]
    assert takedown["status"] == "requested"
    takedown_id = takedown["takedown_id"]

    def change(status):
        return rpc(container, "change_takedown", takedown_id, {"status": status}, CYBER)

    skipped = error_of(change("removed"), 409, "invalid_transition")
    assert list(skipped["fields"]) == ["status"] and " / " in skipped["fields"]["status"]
    assert change("submitted")["ok"]["status"] == "submitted"
    done = change("removed")["ok"]
    assert [h["status"] for h in done["history"]] == ["requested", "submitted", "removed"]
    error_of(change("refused"), 409, "invalid_transition")
    read = rpc(container, "get_takedown", takedown_id, who("director", "committee_director"))
    assert read["ok"]["status"] == "removed"
    assert outbox_events().count("takedown_status_changed") == 3
    # the request opened the brigade's takedown item, submitted updated it, removed closed it
    events = outbox_events()
    assert [events.count(t) for t in ("work_opened", "work_updated", "work_closed")] == [1, 1, 1]
    assert work_rows() == [(CASE, "takedown", takedown_id, "done", "有害信息处置：平台已删除")]


def test_takedown_of_a_capture_from_another_case_is_422(container):
    command = {"url": "https://x.example/p", "platform": "x", "capture_id": "not-a-capture"}
    error = error_of(rpc(container, "request_takedown", CASE, command, CYBER), 422,
                     "validation_failed")
    assert list(error["fields"]) == ["capture_id"]


# ---- the brigade's web-evidence item (intake.case_accepted) ---------------------------------

def accepted(case_no, category, event_id):
    return {"event_id": event_id, "event_type": "case_accepted", "schema_version": 1,
            "occurred_at": "2026-10-12T10:00:00+08:00", "case_no": case_no,
            "actor": {"username": "office1", "roles": ["committee_office"]},
            "category": category, "decided_at": "2026-10-12T10:00:00+08:00",
            "reply_due": {"due": "2026-11-11T23:59:59+08:00", "provisional": False},
            "flags": {"ongoing": False, "off_duty": False, "anti_gang": False, "injury": False}}


def deliver(container, body):
    with entrypoint_hook(container, "on_case_accepted") as handle:
        handle(body)


def test_an_accepted_online_case_opens_one_web_evidence_item(container):
    body = accepted(CASE, "malicious_complaint_hype", "00000000-0000-4000-8000-000000000001")
    deliver(container, body)
    deliver(container, body)                                     # redelivered: inbox
    deliver(container, {**body, "event_id": "00000000-0000-4000-8000-000000000002"})  # again
    deliver(container, accepted(NO_WORK, "violent_attack",
                                "00000000-0000-4000-8000-000000000003"))  # not online: none
    assert work_rows() == [(CASE, "web_evidence", "", "open", "网络证据固定与有害信息处置")]
    assert outbox_events().count("work_opened") == 1
    engine = create_engine(settings.current().database_url("evidence"))
    try:
        with engine.connect() as conn:
            body = json.loads(conn.execute(text(
                "SELECT body FROM outbox WHERE routing_key = 'work_opened'")).scalar_one())
    finally:
        engine.dispose()
    assert (body["department"], body["kind"], body["owner"], body["state"]) == (
        "cyber_brigade", "web_evidence", "cyber_brigade", "open")
    # five working days after Monday 12 October 2026: Monday 19 October, end of day
    assert body["due"] == "2026-10-19T23:59:59+08:00"
