"""Legal affairs' nameko adapter in a real container (migrated SQLite, the session's broker):
the classification item opened from intake.case_accepted, counsel recusal (a conflicted
counsel is never assigned, even when the only one free), offenders matched across cases,
the fee claim and revocation events, redaction terms for publicity only, and unknown cases
refused with nothing written (intake is a stub proxy)."""
import uuid

import pytest
from nameko.testing.services import entrypoint_hook, replace_dependencies

from weiquan.contracts.events import REGISTRY, build_event
from weiquan.resident_id import check_char

from legal_aid.models import assignments, offenders
from legal_aid.service import LegalAidService
from tests.inprocess.service_hook import ServiceHook

pytestmark = pytest.mark.inprocess
LEGAL = {"username": "legal1", "roles": ["legal_affairs"]}
OFFICE = {"username": "office1", "roles": ["committee_office"]}
MEMBER = {"username": "member1", "roles": ["committee_member"]}
PUBLICITY = {"username": "pub1", "roles": ["publicity"]}
OFFICER = {"username": "officer1", "roles": ["officer"]}
CASES = [f"GX-WQ-2026-00000{i}" for i in range(1, 6)]


def valid_id(first17):
    return first17 + check_char(first17)


ID_A = valid_id("11010519800101002")


class _Answer:
    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


class _GetCase:
    method_name = "get_case"

    def call_async(self, case_no, principal):
        if case_no not in CASES:
            return _Answer({"error": {"code": "not_found", "message": "案件不存在 / Case not "
                                      "found", "fields": {}}, "status": 404})
        return _Answer({"ok": {"case_no": case_no, "status": "accepted",
                               "officer": {"name": "李警官", "unit": "城关派出所"}}})


class FakeIntake:
    get_case = _GetCase()


@pytest.fixture
def la(service_env, container_factory, clock):
    container = container_factory(LegalAidService, service_env)
    replace_dependencies(container, clock=clock, intake=FakeIntake())
    container.start()
    return ServiceHook(container)


def accepted(case_no, category, injury=False):
    return build_event("intake", "case_accepted", case_no, {"username": "office1",
                       "roles": ["committee_office"]}, {
        "category": category, "decided_at": "2026-12-01T09:00:00+08:00",
        "reply_due": {"due": "2026-12-08", "provisional": False},
        "flags": {"injury": injury, "ongoing": False, "off_duty": False, "anti_gang": False}})


def test_case_accepted_opens_one_classification_item_with_the_suggestion(la):
    body = accepted(CASES[0], "violent_attack", injury=True)
    with entrypoint_hook(la.container, "on_case_accepted") as handle:
        handle(body)
        handle(body)                                           # redelivered: one item
        handle(accepted(CASES[1], "wrongful_accountability"))  # no offender: no item
    queue = la.ok("list_legal_work", {}, LEGAL)
    assert [(i["case_no"], i["kind"]) for i in queue["items"]] == [(CASES[0], "classification")]
    file = la.ok("legal_case", CASES[0], LEGAL)
    assert file["classification"]["suggested"] == "criminal"
    err = la.error("decide_classification", CASES[0], {"classification": "administrative"},
                   LEGAL, status=422)
    assert "reason" in err["fields"]
    done = la.ok("decide_classification", CASES[0], {"classification": "criminal"}, LEGAL)
    assert done["state"] == "decided" and done["changed"] is False
    la.error("decide_classification", CASES[0], {"classification": "criminal"}, LEGAL,
             status=409)
    assert la.ok("list_legal_work", {}, LEGAL)["total"] == 0
    work = [b for b in la.events() if b["event_type"].startswith("work_")]
    assert [w["event_type"] for w in work] == ["work_opened", "work_closed"]
    for b in la.events():
        assert REGISTRY["legal_aid"][b["event_type"]]().validate(b) == {}


def counsel(name, load_relations=(), specialities=("criminal_victim",), **kw):
    return {"name": name, "firm": kw.pop("firm", "正义律师事务所"),
            "specialities": list(specialities), "relations": list(load_relations), **kw}


def test_a_conflicted_counsel_is_never_assigned_even_when_the_only_one_free(la):
    la.ok("record_offender", CASES[0], {"name": "王五", "id_number": ID_A,
                                        "relation": "assailant", "conduct": "殴打民警"}, OFFICE)
    relative = la.ok("add_counsel", counsel("赵律师", [{"kind": "relative", "person": {
        "name": "王老五", "id_number": ID_A}}]), LEGAL)
    assert relative["load"] == 0
    err = la.error("assign_counsel", {"case_no": CASES[0], "speciality": "criminal_victim"},
                   LEGAL, status=409)
    assert err["code"] == "counsel_conflicted" and "赵律师" in err["message"]
    assert "近亲属" in err["message"]
    assert la.count(assignments) == 0                          # nothing written
    la.error("assign_counsel", {"case_no": CASES[0], "speciality": "criminal_victim",
                                "counsel_id": relative["counsel_id"]}, LEGAL, status=409)
    free = la.ok("add_counsel", counsel("钱律师", firm="公正律师事务所"), LEGAL)
    made = la.ok("assign_counsel", {"case_no": CASES[0], "speciality": "criminal_victim"},
                 LEGAL)
    assert made["counsel_id"] == free["counsel_id"]
    # ties go by id (random here): the relative is either passed over or never reached
    assert [p["counsel_id"] for p in made["passed_over"]] in ([], [relative["counsel_id"]])
    assert la.ok("get_counsel", free["counsel_id"], LEGAL)["load"] == 1
    err = la.error("assign_counsel", {"case_no": CASES[1], "speciality": "civil_tort"},
                   LEGAL, status=409)
    assert err["code"] == "no_counsel_free"

    aid = made["assignment_id"]
    la.ok("log_counsel_work", aid, {"date": "2026-12-01", "hours": 2.5, "note": "会见"}, LEGAL)
    claim = {"claim_id": "FEE-1", "amount": "1200.50", "period": "2026年12月"}
    la.ok("claim_counsel_fee", aid, claim, LEGAL)
    again = la.ok("claim_counsel_fee", aid, claim, LEGAL)
    assert len(again["fee_claims"]) == 1 and again["hours_total"] == 2.5
    [fee] = la.events("counsel_fee_claimed")
    assert fee["amount_fen"] == 120050 and fee["counsel_name"] == "钱律师"
    summaries = " ".join(b["summary"] for b in la.events() if "summary" in b)
    assert "王五" not in summaries and "1200" not in summaries


def test_one_person_across_cases_and_a_common_name_is_not_merged(la):
    phone = "13912345678"
    la.ok("record_offender", CASES[0], {"name": "张三", "id_number": ID_A,
                                        "relation": "assailant", "conduct": "殴打"}, OFFICE)
    la.ok("record_offender", CASES[1], {"name": "张 三", "id_number": ID_A, "phone": phone,
                                        "relation": "harasser", "conduct": "纠缠"}, LEGAL)
    la.ok("record_offender", CASES[2], {"name": "Zhang San", "phone": "+86 139-1234-5678",
                                        "relation": "false_accuser", "conduct": "诬告"}, LEGAL)
    la.ok("record_offender", CASES[3], {"name": "张三", "relation": "assailant",
                                        "conduct": "推搡"}, LEGAL)
    la.ok("record_offender", CASES[4], {"name": "张三", "relation": "assailant",
                                        "conduct": "辱骂"}, LEGAL)
    first = la.ok("case_offenders", CASES[0], MEMBER)["items"]
    assert first[0]["other_cases"] == [CASES[1], CASES[2]]
    assert la.ok("case_offenders", CASES[3], LEGAL)["items"][0]["other_cases"] == []
    repeat = la.ok("repeat_offenders", LEGAL)
    assert [p["case_nos"] for p in repeat["items"]] == [CASES[:3]]
    la.error("case_offenders", CASES[0], OFFICER, status=403)
    assert la.ok("legal_case", CASES[0], LEGAL)["offenders"][0]["name"] == "张三"
    terms = la.ok("redaction_terms", CASES[1], PUBLICITY)
    assert terms == {"people": [{"name": "张 三", "id_number": ID_A, "phone": phone}]}
    la.error("redaction_terms", CASES[1], LEGAL, status=403)


def test_unknown_case_and_bad_input_write_nothing(la):
    err = la.error("record_offender", "GX-WQ-2026-999999", {
        "name": "张三", "relation": "assailant", "conduct": "x"}, LEGAL, status=422)
    assert "case_no" in err["fields"]
    err = la.error("record_offender", CASES[0], {"name": "张三", "id_number": "110105198001010021",
                                                 "relation": "assailant", "conduct": "x"},
                   LEGAL, status=422)
    assert "id_number" in err["fields"]
    err = la.error("record_offender", CASES[0], {"name": "张三", "relation": "assailant",
                                                 "conduct": "x" * 2001}, LEGAL, status=422)
    assert "conduct" in err["fields"]
    assert la.count(offenders) == 0
    la.error("record_liaison", {"case_no": "GX-WQ-2026-999999", "body": "court",
                                "date": "2026-12-01", "kind": "hearing", "note": "开庭"},
             LEGAL, status=422)
    assert la.events() == []


def test_appeals_never_worsen_and_a_revocation_tells_publicity(la):
    det = la.ok("record_determination", {
        "case_no": CASES[0], "officer": "010203", "team": ["010204", "010205"],
        "findings": "受客观条件限制，处置存在瑕疵", "classification": "flaw", "outcome": "reduce",
        "mitigating_factors": ["objective_conditions"]}, LEGAL)
    assert det["leniency_letter"] is True
    letter = la.ok("leniency_letter", det["determination_id"], MEMBER)
    assert "受客观条件限制" in letter["text"] and CASES[0] in letter["text"]
    appeal = la.ok("file_appeal", {"case_no": CASES[0], "scale": "liability",
                                   "appealed": "reduce", "statement": "不服",
                                   "determination_id": det["determination_id"]}, LEGAL)
    err = la.error("decide_appeal", appeal["appeal_id"], {"outcome": "accountable",
                                                          "reason": "x"}, LEGAL, status=409)
    assert err["code"] == "appeal_cannot_worsen"
    err = la.error("decide_appeal", appeal["appeal_id"], {"outcome": "exempt", "reason": "x"},
                   LEGAL, status=409)
    assert err["code"] == "change_needs_committee"   # lightening is the committee's decision
    done = la.ok("decide_appeal", appeal["appeal_id"], {
        "outcome": "exempt", "reason": "减轻"}, MEMBER)
    assert done["result"] == "lightened"
    la.error("decide_appeal", appeal["appeal_id"], {"outcome": "exempt", "reason": "x"},
             LEGAL, status=409)

    review = la.ok("file_review", {"case_no": CASES[0], "discipline": "demerit",
                                   "complaint": "因舆论炒作被记过"}, OFFICE)
    revoked = la.ok("decide_review", review["review_id"], {
        "confirmed": True, "grounds": ["hype_or_petition_driven"],
        "note": "撤销记过"}, MEMBER)
    assert revoked["result"] == "revoked"
    [event] = la.events("discipline_revoked")
    envelope = {"event_id", "event_type", "schema_version", "occurred_at", "case_no", "actor",
                "correlation_id"}
    assert set(event) - envelope == {"review_id", "revoked_outcome"}
    assert event["revoked_outcome"] == "demerit"
    assert str(uuid.UUID(event["review_id"])) == review["review_id"]
