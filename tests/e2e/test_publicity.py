"""The publicity office through the gateway with real services (Art. 30, 31, 35): no
publication without legal review and committee approval; the public page and its JSON list
never show a draft, an internal or a unit statement; bad input (unknown case, publishing a
draft, approving twice, oversize text) is a 4xx with nothing written; a concluded
false-accusation case gets its name-clearing draft automatically."""
import pytest

from tests.support.answers import ok
from tests.support.bodies import application
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e
API = "/api/publicity/statements"
TEXT = "民警张伟依法处置警情时遭辱骂，其联系电话13800000000已被恶意公开。"


def new_case(system, category="violent_attack"):
    case_no = ok(system.call("POST", "/api/applications", "officer",
                             json=application(category=category)), 201)["case_no"]
    ok(system.call("POST", f"/api/cases/{case_no}/decision", "committee_office",
                   json={"accept": True}))
    return case_no


@pytest.fixture(scope="module")
def case_no(system):
    return new_case(system)


def total(system, user="publicity", **query):
    args = "&".join(f"{k}={v}" for k, v in {"page_size": 100, **query}.items())
    return ok(system.call("GET", f"{API}?{args}", user))["total"]


def drafted(system, case_no, kind="typical_case", title="辱骂民警典型案例", body=TEXT):
    return ok(system.call("POST", API, "publicity", json={
        "kind": kind, "case_no": case_no, "title": title, "body": body}), 201)


def step(system, sid, tail, user, body=None, status=200):
    r = system.call("POST", f"{API}/{sid}/{tail}", user, **({"json": body} if body else {}))
    assert r.status_code == status, r.text
    return r.json()


def published(system, case_no, scope):
    sid = drafted(system, case_no)["statement_id"]
    step(system, sid, "submission", "publicity")
    step(system, sid, "legal-review", "legal_affairs", {"approve": True})
    step(system, sid, "committee-approval", "committee_director", {"approve": True})
    step(system, sid, "publication", "publicity", {"scope": scope})
    return sid


def public_ids(system):
    items = ok(system.call("GET", "/api/public/statements?page_size=100"))["items"]
    return {s["statement_id"] for s in items}


def test_the_text_is_redacted_before_it_is_stored(system, case_no):
    s = drafted(system, case_no)
    assert "张伟" not in s["body"] and "13800000000" not in s["body"]
    assert "13800000000" in {f["original"] for f in s["findings"]}
    assert all(f["reason_zh"] for f in s["findings"])


def test_no_publication_without_both_approvals(system, case_no):
    sid = drafted(system, case_no)["statement_id"]
    err = step(system, sid, "publication", "publicity", {"scope": "public"}, 409)["error"]
    assert err["code"] == "statement_not_in_state" and "草稿" in err["message"]
    step(system, sid, "submission", "publicity")
    step(system, sid, "committee-approval", "committee_director", {"approve": True}, 409)
    step(system, sid, "legal-review", "legal_affairs", {"approve": True})
    err = step(system, sid, "publication", "publicity", {"scope": "public"}, 409)["error"]
    assert "法制审核通过" in err["message"]
    step(system, sid, "committee-approval", "committee_director", {"approve": True})
    err = step(system, sid, "committee-approval", "committee_member", {"approve": True},
               409)["error"]                                     # approving twice
    assert err["code"] == "statement_not_in_state"
    got = ok(system.call("GET", f"{API}/{sid}", "publicity"))
    assert (got["state"], got["committee_approved_by"]) == ("committee_approved",
                                                            "committee_director")
    assert sid not in public_ids(system)
    done = step(system, sid, "publication", "publicity", {"scope": "public"})
    assert (done["state"], done["scope"]) == ("published", "public")
    assert sid in public_ids(system)


def test_public_page_shows_only_public_published_statements(system, case_no):
    public = published(system, case_no, "public")
    internal = published(system, case_no, "internal")
    unit = published(system, case_no, "unit")
    draft = drafted(system, case_no)["statement_id"]
    shown = public_ids(system)
    assert public in shown and not {internal, unit, draft} & shown
    for hidden in (internal, unit, draft):
        assert system.call("GET", f"/api/public/statements/{hidden}").status_code == 404
        page = system.call("GET", f"/public/{hidden}")
        assert page.status_code == 404
    page = system.call("GET", "/public")
    assert page.status_code == 200 and public in page.text
    assert not any(s in page.text for s in (internal, unit, draft))
    assert "13800000000" not in system.call("GET", f"/public/{public}").text
    # unit scope: the case officer's unit (the demo officer's) sees it, other staff do not
    assert ok(system.call("GET", f"{API}/{unit}", "officer"))["scope"] == "unit"
    assert system.call("GET", f"{API}/{unit}", "command_center").status_code == 404
    assert system.call("GET", f"{API}/{draft}", "officer").status_code == 404


def test_a_correction_is_a_new_version(system, case_no):
    first = published(system, case_no, "public")
    fix = step(system, first, "correction", "publicity", status=201)
    assert (fix["version"], fix["state"]) == (2, "draft")
    step(system, first, "correction", "publicity", status=409)   # one open correction
    second = fix["statement_id"]
    r = system.call("PUT", f"{API}/{second}", "publicity",
                    json={"title": "更正：辱骂民警典型案例", "body": "更正后的正文。"})
    assert r.status_code == 200, r.text
    for tail, user, body in (("submission", "publicity", None),
                             ("legal-review", "legal_affairs", {"approve": True}),
                             ("committee-approval", "committee_member", {"approve": True}),
                             ("publication", "publicity", {"scope": "public"})):
        step(system, second, tail, user, body)
    old = ok(system.call("GET", f"{API}/{first}", "publicity"))
    assert old["state"] == "superseded"
    assert [(v["version"], v["state"]) for v in old["history"]] == [(1, "superseded"),
                                                                    (2, "published")]
    shown = public_ids(system)
    assert second in shown and first not in shown


@pytest.mark.parametrize("body,field", [
    ({"kind": "name_clearing", "case_no": "GX-WQ-2026-999999", "title": "t", "body": "b"},
     "case_no"),
    ({"kind": "typical_case", "title": "t", "body": "b"}, "case_no"),
    ({"kind": "safety_warning", "title": "标" * 101, "body": "b"}, "title"),
    ({"kind": "safety_warning", "title": "t", "body": "字" * 20001}, "body"),
    ({"kind": "statement", "title": "t", "body": "b"}, "kind"),
])
def test_bad_input_writes_nothing(system, body, field):
    before = total(system)
    r = system.call("POST", API, "publicity", json=body)
    assert r.status_code == 422, r.text
    assert field in r.json()["error"]["fields"]
    assert total(system) == before


def test_only_the_right_roles_act(system, case_no):
    sid = drafted(system, case_no)["statement_id"]
    assert system.call("POST", API, "officer", json={
        "kind": "safety_warning", "title": "t", "body": "b"}).status_code == 403
    step(system, sid, "submission", "publicity")
    step(system, sid, "legal-review", "committee_director", {"approve": True}, 403)
    err = step(system, sid, "legal-review", "legal_affairs", {"approve": False}, 422)
    assert "reason" in err["error"]["fields"]
    back = step(system, sid, "legal-review", "legal_affairs",
                {"approve": False, "reason": "案情表述需核实"})
    assert (back["state"], back["return_reason"]) == ("draft", "案情表述需核实")


def test_a_concluded_false_accusation_case_gets_a_name_clearing_draft(system):
    case_no = new_case(system, "false_accusation_retaliation")
    ok(system.call("POST", f"/api/cases/{case_no}/conclusion", "committee_office",
                   json={"findings": "经调查，反映民警的问题不属实，系诬告。", "outcome": "established"}))
    wait_until(lambda: total(system, case_no=case_no), 20, what="the name-clearing draft")
    [s] = ok(system.call("GET", f"{API}?case_no={case_no}", "publicity"))["items"]
    assert (s["kind"], s["state"], s["origin"]) == ("name_clearing", "draft", "case_concluded")
    assert "张伟" not in s["body"]
    wait_until(lambda: any(i["kind"] == "name_clearing" for i in ok(system.call(
        "GET", f"/api/cases/{case_no}", "committee_office")).get("work_items") or []), 20,
        what="the name-clearing work item")
    assert total(system, case_no=case_no) == 1
