"""Legal affairs through the gateway with real services (Art. 20-25): the classification item
opened when the committee accepts a case, counsel recusal (a conflicted counsel is never
assigned, even when the only one free: 409 naming the conflict), one offender across three
cases under three spellings while a shared common name merges no one, and bad input (an
unknown case, an oversize text, an appeal decided twice or worsened) answered 4xx with
nothing written. No HTTP operation exposes publicity's redaction terms."""
import pytest

from weiquan.resident_id import check_char

from tests.support.answers import assert_error, ok
from tests.support.bodies import application
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e
LEGAL = "legal_affairs"


def resident_id(first17):
    return first17 + check_char(first17)


# each test its own people: the system (and its offenders) is shared by the module's tests
ID_A = resident_id("11010519800101002")
ID_B = resident_id("32010619751231004")


def new_case(system, category="violent_attack"):
    case_no = ok(system.call("POST", "/api/applications", "officer",
                             json=application(category=category)), 201)["case_no"]
    ok(system.call("POST", f"/api/cases/{case_no}/decision", "committee_office",
                   json={"accept": True}))
    return case_no


def legal_file(system, case_no, user=LEGAL):
    return ok(system.call("GET", f"/api/legal/cases/{case_no}", user))


def offender(system, case_no, user="committee_office", **person):
    body = {"relation": "assailant", "conduct": "殴打执勤民警", **person}
    return system.call("POST", f"/api/legal/cases/{case_no}/offenders", user, json=body)


def test_classification_item_opens_on_acceptance_and_closes_on_decision(system):
    case_no = new_case(system)
    wait_until(lambda: legal_file(system, case_no)["classification"], 20,
               what="the classification item")
    cls = legal_file(system, case_no)["classification"]
    assert cls["suggested"] == "criminal" and cls["state"] == "pending"
    path = f"/api/legal/cases/{case_no}/classification"
    assert_error(system.call("POST", path, LEGAL, json={"classification": "administrative"}),
                 422, field="reason")
    assert_error(system.call("POST", path, "committee_office",
                             json={"classification": "criminal"}), 403)
    ok(system.call("POST", path, LEGAL, json={"classification": "administrative",
                                              "reason": "未造成伤害，系推搡"}))
    assert_error(system.call("POST", path, LEGAL, json={"classification": "criminal"}), 409)
    done = legal_file(system, case_no)["classification"]
    assert done["classification"] == "administrative" and done["changed"] is True


def retire_other_counsel(system, speciality, keep):
    """The session's system is shared (the contract fuzzing adds counsel too): make the
    conflicted counsel the only active one with the speciality."""
    for c in ok(system.call("GET", "/api/legal/counsel", LEGAL))["items"]:
        if c["active"] and speciality in c["specialities"] and c["counsel_id"] != keep:
            body = {k: c[k] for k in ("name", "firm", "specialities", "id_number", "phone",
                                      "capacity", "relations")}
            ok(system.call("PUT", f"/api/legal/counsel/{c['counsel_id']}", LEGAL,
                           json={**body, "active": False}))


def test_a_conflicted_counsel_is_never_assigned(system):
    case_no = new_case(system)
    ok(offender(system, case_no, name="王五", id_number=ID_A), 201)
    relative = ok(system.call("POST", "/api/legal/counsel", LEGAL, json={
        "name": "赵律师", "firm": "正义律师事务所", "specialities": ["reputation_privacy"],
        "relations": [{"kind": "relative", "person": {"name": "王老五", "id_number": ID_A}}]}),
        201)
    retire_other_counsel(system, "reputation_privacy", keep=relative["counsel_id"])
    assign = {"case_no": case_no, "speciality": "reputation_privacy"}
    err = assert_error(system.call("POST", "/api/legal/assignments", LEGAL, json=assign), 409,
                       code="counsel_conflicted")
    assert "赵律师" in err["message"] and "近亲属" in err["message"]
    assert_error(system.call("POST", "/api/legal/assignments", LEGAL,
                             json={**assign, "counsel_id": relative["counsel_id"]}), 409,
                 code="counsel_conflicted")
    assert legal_file(system, case_no)["assignments"] == []
    roster = ok(system.call("GET", "/api/legal/counsel", LEGAL))["items"]
    assert [c["load"] for c in roster if c["counsel_id"] == relative["counsel_id"]] == [0]


def test_one_offender_across_three_cases_and_a_common_name_stays_apart(system):
    cases = [new_case(system) for _ in range(5)]
    phone = "13987654321"
    ok(offender(system, cases[0], name="刘大海", id_number=ID_B), 201)
    ok(offender(system, cases[1], user=LEGAL, name="刘 大海", id_number=ID_B, phone=phone), 201)
    ok(offender(system, cases[2], user=LEGAL, name="Liu Dahai", phone="+86 139 8765 4321"),
       201)
    ok(offender(system, cases[3], name="刘大海"), 201)
    ok(offender(system, cases[4], name="刘大海"), 201)
    for i, case_no in enumerate(cases[:3]):
        [me] = ok(system.call("GET", f"/api/legal/cases/{case_no}/offenders",
                              "committee_member"))["items"]
        assert me["other_cases"] == [c for c in cases[:3] if c != case_no], i
    for case_no in cases[3:]:
        [me] = ok(system.call("GET", f"/api/legal/cases/{case_no}/offenders", LEGAL))["items"]
        assert me["other_cases"] == []
    repeat = ok(system.call("GET", "/api/legal/offenders", LEGAL))["items"]
    mine = [p for p in repeat if set(p["case_nos"]) & set(cases)]
    assert [sorted(p["case_nos"]) for p in mine] == [sorted(cases[:3])]
    assert_error(system.call("GET", f"/api/legal/cases/{cases[0]}/offenders", "officer"), 403)
    assert_error(system.call("GET", "/api/legal/offenders", "publicity"), 403)


def test_bad_input_is_4xx_and_writes_nothing(system):
    unknown = "GX-WQ-2026-999999"
    assert_error(offender(system, unknown, name="张三"), 422, field="case_no")
    case_no = new_case(system)
    assert_error(offender(system, case_no, name="张三", conduct="x" * 2001), 422,
                 field="conduct")
    assert_error(offender(system, case_no, name="张三", id_number="110105198001010021"), 422,
                 field="id_number")
    assert ok(system.call("GET", f"/api/legal/cases/{case_no}/offenders", LEGAL))["items"] \
        == []
    assert_error(system.call("POST", "/api/legal/liaisons", LEGAL, json={
        "case_no": unknown, "body": "court", "date": "2026-12-01", "kind": "hearing",
        "note": "开庭"}), 422, field="case_no")
    appeal = ok(system.call("POST", "/api/legal/appeals", LEGAL, json={
        "case_no": case_no, "scale": "discipline", "appealed": "warning",
        "statement": "处理不当"}), 201)
    path = f"/api/legal/appeals/{appeal['appeal_id']}/decision"
    assert_error(system.call("POST", path, LEGAL, json={"outcome": "demerit", "reason": "x"}),
                 409, code="appeal_cannot_worsen")
    ok(system.call("POST", path, LEGAL, json={"outcome": "warning", "reason": "维持"}))
    assert_error(system.call("POST", path, LEGAL, json={"outcome": "warning", "reason": "x"}),
                 409, code="appeal_decided")
    [decided] = legal_file(system, case_no)["appeals"]
    assert decided["outcome"] == "warning" and decided["result"] == "kept"
    assert system.call("GET", f"/api/legal/cases/{case_no}/redaction-terms",
                       "publicity").status_code == 404


def test_leniency_letter_and_a_revoked_discipline(system):
    case_no = new_case(system)
    det = ok(system.call("POST", "/api/legal/determinations", LEGAL, json={
        "case_no": case_no, "officer": "360721001", "team": ["360721101"],
        "findings": "及时发现并主动纠正", "classification": "flaw", "outcome": "exempt",
        "mitigating_factors": ["prompt_correction"]}), 201)
    letter = ok(system.call("GET", f"/api/legal/determinations/{det['determination_id']}"
                                   "/leniency-letter", "committee_member"))
    assert "及时发现并主动纠正错误" in letter["text"] and case_no in letter["text"]
    plain = ok(system.call("POST", "/api/legal/determinations", LEGAL, json={
        "case_no": case_no, "officer": "360721001", "team": ["360721101"],
        "findings": "执法过错", "classification": "fault", "outcome": "accountable"}), 201)
    assert_error(system.call("GET", f"/api/legal/determinations/{plain['determination_id']}"
                                    "/leniency-letter", LEGAL), 409)
    assert_error(system.call("POST", "/api/legal/determinations", LEGAL, json={
        "case_no": case_no, "officer": "360721001", "team": ["360721001"], "findings": "x",
        "classification": "accident", "outcome": "accountable"}), 422, field="outcome")
    review = ok(system.call("POST", "/api/legal/reviews", "committee_office", json={
        "case_no": case_no, "discipline": "demerit", "complaint": "因舆论炒作被记过"}), 201)
    path = f"/api/legal/reviews/{review['review_id']}/decision"
    body = {"confirmed": True, "grounds": ["hype_or_petition_driven"], "note": "撤销"}
    assert_error(system.call("POST", path, LEGAL, json=body), 409,
                 code="revocation_needs_committee")
    done = ok(system.call("POST", path, "committee_director",
                          json=body))
    assert done["result"] == "revoked"
    assert_error(system.call("POST", path, LEGAL, json=body), 409, code="review_decided")
