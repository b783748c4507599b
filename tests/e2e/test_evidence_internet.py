"""Internet evidence (Art. 9(7)) and legal holds through the gateway: web captures stored as
evidence with URL, time and hash; takedown requests tracked to removal, each with the
brigade's takedown work item on the case; a hold recorded honestly as not enforced on moto,
where a stranger's credentials can still delete the held object. The brigade works on an
accepted case of an online category (its web-evidence item), and on no other."""
import pytest
from minio import Minio

from tests.support.answers import assert_error, ok
from tests.support.bodies import application
from tests.support.evidence_files import HTML, JPEG, blob, sha
from tests.support.waiting import wait_until
from tests.support.work import cyber_case

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def case_no(system):
    """An accepted online case: the cyber brigade has its web-evidence item on it."""
    return cyber_case(system)


def test_the_brigade_may_not_work_on_a_case_it_has_no_work_on(system):
    other = ok(system.call("POST", "/api/applications", "officer", json=application()),
               201)["case_no"]                       # violent_attack, not accepted: no item
    assert_error(capture(system, other), 403, "forbidden")
    assert_error(system.call("POST", f"/api/cases/{other}/takedowns", "cyber_brigade",
                             json={"url": "https://x.example/p", "platform": "x"}), 403,
                 "forbidden")
    assert_error(system.call("GET", f"/api/cases/{other}", "cyber_brigade"), 403, "forbidden")


def capture(system, case_no, data=HTML, user="cyber_brigade", **fields):
    form = {"url": "https://weibo.example/p/123", "captured_at": "2026-01-05T10:00:00+08:00",
            **fields}
    return system.call("POST", f"/api/cases/{case_no}/web-captures", user, data=form,
                       files={"file": ("post.html", data, "text/html")})


def test_web_capture_is_evidence_with_url_time_and_hash(system, case_no):
    got = ok(capture(system, case_no), 201)
    assert got["sha256"] == sha(HTML) and got["url"] == "https://weibo.example/p/123"
    meta = ok(system.call("GET", f"/api/evidence/{got['evidence_id']}", "cyber_brigade"))
    assert meta["kind"] == "web_capture" and meta["detected_format"] == "html"
    assert meta["web_capture"]["captured_at"].startswith("2026-01-05T10:00:00")
    assert meta["web_capture"]["sha256"] == sha(HTML)


def test_web_capture_refuses_other_roles_and_bad_input(system, case_no):
    assert_error(capture(system, case_no, user="officer"), 403)
    assert_error(capture(system, case_no, url="javascript:alert(1)"), 422, field="url")
    assert_error(capture(system, case_no, data=blob(JPEG, 500)), 422, "content_mismatch")


def test_takedown_goes_from_request_to_removal(system, case_no):
    cap = ok(capture(system, case_no), 201)
    body = {"url": "https://weibo.example/p/123", "platform": "weibo",
            "capture_id": cap["capture_id"], "note": "诽谤民警"}
    td = ok(system.call("POST", f"/api/cases/{case_no}/takedowns", "cyber_brigade", json=body),
            201)
    assert td["status"] == "requested"
    path = f"/api/takedowns/{td['takedown_id']}/status"
    bad = system.call("POST", path, "cyber_brigade", json={"status": "removed"})
    assert_error(bad, 409, "invalid_transition", "status")
    ok(system.call("POST", path, "cyber_brigade", json={"status": "submitted",
                                                        "note": "sent to platform"}))
    done = ok(system.call("POST", path, "cyber_brigade", json={"status": "removed",
                                                               "note": "post gone"}))
    assert [h["status"] for h in done["history"]] == ["requested", "submitted", "removed"]
    assert all(h["at"] and h["actor"] == "cyber_brigade" for h in done["history"])
    again = system.call("POST", path, "cyber_brigade", json={"status": "refused"})
    assert_error(again, 409, "invalid_transition")

    def takedown_items():
        case = ok(system.call("GET", f"/api/cases/{case_no}", "cyber_brigade"))
        return [i for i in case["work_items"] if i["kind"] == "takedown"
                and i["state"] == "done"]
    # the request opened the brigade's takedown item; the removal closed it, done
    [item] = wait_until(takedown_items, what="the takedown item closed on the case")
    assert (item["owner"], item["summary"]) == ("cyber_brigade", "有害信息处置：平台已删除")
    assert "weibo" not in item["summary"]


def test_takedown_bad_input(system, case_no):
    url = f"/api/cases/{case_no}/takedowns"
    assert_error(system.call("POST", url, "officer", json={"url": "https://x.example",
                                                           "platform": "x"}), 403)
    assert_error(system.call("POST", url, "cyber_brigade", json={"platform": "x"}), 422,
                 field="url")
    assert_error(system.call("POST", "/api/cases/GX-WQ-2026-999999/takedowns", "cyber_brigade",
                             json={"url": "https://x.example", "platform": "x"}), 404)


def test_hold_is_recorded_as_not_enforced_on_moto(system, case_no):
    data = blob(JPEG, 5000)
    evidence_id = ok(system.call("POST", f"/api/cases/{case_no}/evidence", "officer", data=data,
                                 params={"kind": "photo", "filename": "held.jpg"}), 201)
    evidence_id = evidence_id["evidence_id"]
    assert_error(system.call("POST", f"/api/evidence/{evidence_id}/hold", "officer",
                             json={"reason": "court"}), 403)
    hold = ok(system.call("POST", f"/api/evidence/{evidence_id}/hold", "committee_office",
                          json={"reason": "pending trial"}))
    assert hold["legal_hold"] is True and hold["enforced"] is False
    assert "moto" in hold["store_reason"]
    meta = ok(system.call("GET", f"/api/evidence/{evidence_id}", "committee_office"))
    assert meta["hold"]["enforced"] is False
    assert [e["action"] for e in meta["custody"]][-2:] == ["hold", "view"]

    # what "not enforced" means here: made-up credentials lift the hold and delete the object
    env = system.env
    stranger = Minio(env["MINIO_ENDPOINT"], access_key="nobody", secret_key="made-up",
                     secure=False, region="us-east-1")
    key = f"cases/{case_no}/"
    [obj] = [o for o in stranger.list_objects(env["MINIO_BUCKET"], prefix=key, recursive=True,
                                              include_version=True)
             if stranger.stat_object(env["MINIO_BUCKET"], o.object_name,
                                     version_id=o.version_id).size == len(data)]
    stranger.disable_object_legal_hold(env["MINIO_BUCKET"], obj.object_name,
                                       version_id=obj.version_id)
    stranger.remove_object(env["MINIO_BUCKET"], obj.object_name, version_id=obj.version_id)
    r = system.call("GET", f"/api/evidence/{evidence_id}/download", "committee_office")
    assert r.status_code == 404  # moto: the held evidence is gone
