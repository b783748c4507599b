"""Shared contracts (weiquan.contracts): command schemas (SubmitApplicationV1, DecisionV1,
AppealV1, PrincipalV1) and their bilingual field-named errors."""
from datetime import datetime, timedelta, timezone

import pytest

from weiquan.config import TZ
from weiquan.contracts.base import load_or_error
from weiquan.contracts.codes import CATEGORIES, CHANNELS, RELATIONS
from weiquan.contracts.commands import AppealV1, DecisionV1, PrincipalV1, SubmitApplicationV1
from weiquan.kit.errors import AppError
from tests.unit.helpers_contracts import MISSING, NAIVE, UNKNOWN, body, fields_of, with_applicant

pytestmark = pytest.mark.unit


# ---- SubmitApplicationV1: what is accepted -----------------------------------------------

def test_full_officer_application_loads_with_defaults():
    cmd = load_or_error(SubmitApplicationV1(), body())
    assert cmd["incident"]["occurred_at"] == datetime(2026, 9, 29, 9, 0, tzinfo=TZ)
    assert cmd["incident"]["occurred_at"].utcoffset() == timedelta(hours=8)
    assert {k: cmd["incident"][k] for k in ("ongoing", "off_duty", "anti_gang", "injury")} == \
        {"ongoing": False, "off_duty": False, "anti_gang": False, "injury": False}
    assert "received_at" not in cmd
    assert cmd["applicant"] == {"type": "officer", "name": "张伟", "phone": "+86 138-0000-0000"}


@pytest.mark.parametrize("applicant", [
    {"type": "officer"},
    {"type": "relative", "relation": "spouse"},
    {"type": "unit", "unit_name": "城关派出所"},
], ids=["officer", "relative", "unit"])
def test_all_applicant_types(applicant):
    cmd = load_or_error(SubmitApplicationV1(), with_applicant(**applicant))
    assert cmd["applicant"]["type"] == applicant["type"]


@pytest.mark.parametrize("relation", RELATIONS)
def test_all_art39_relations(relation):
    cmd = load_or_error(SubmitApplicationV1(), with_applicant(type="relative", relation=relation))
    assert cmd["applicant"]["relation"] == relation


def test_art39_relation_list_is_exactly_the_regulation():
    assert RELATIONS == ("spouse", "father", "mother", "son", "daughter", "sibling")


@pytest.mark.parametrize("channel", ["written", "intranet", "internet", "app"])
def test_all_four_channels(channel):
    assert load_or_error(SubmitApplicationV1(), body(channel=channel))["channel"] == channel


@pytest.mark.parametrize("category", [
    "violent_attack", "vehicle", "mobbing_obstruction", "physical_restraint",
    "threat_insult_harassment", "false_accusation_retaliation", "malicious_complaint_hype",
    "privacy_violation", "wrongful_accountability", "other"])
def test_all_ten_art11_categories(category):
    assert load_or_error(SubmitApplicationV1(), body(category=category))["category"] == category


def test_code_lists_have_the_regulation_sizes():
    assert len(CATEGORIES) == 10 and len(set(CATEGORIES)) == 10
    assert CHANNELS == ("written", "intranet", "internet", "app")


def test_auxiliary_off_duty_officer_is_eligible():
    b = body()
    b["officer"]["personnel_type"] = "auxiliary"
    b["incident"].update(off_duty=True, anti_gang=True, injury=True, ongoing=True)
    cmd = load_or_error(SubmitApplicationV1(), b)
    assert cmd["officer"]["personnel_type"] == "auxiliary"
    assert cmd["incident"]["off_duty"] is True
    assert cmd["incident"]["anti_gang"] is True


def test_received_at_with_offset_is_kept():
    cmd = load_or_error(SubmitApplicationV1(),
                        body(channel="written", received_at="2026-09-30T08:00:00Z"))
    assert cmd["received_at"] == datetime(2026, 9, 30, 8, 0, tzinfo=timezone.utc)


# ---- SubmitApplicationV1: what is refused ------------------------------------------------

@pytest.mark.parametrize("relation", ["cousin", "uncle", "grandfather", "friend", "Spouse", ""])
def test_relation_outside_art39_is_refused_bilingually(relation):
    errors = fields_of(SubmitApplicationV1(), with_applicant(type="relative", relation=relation))
    assert list(errors) == ["applicant.relation"]
    assert errors["applicant.relation"] == (
        "近亲属关系（第三十九条仅限配偶、父母、子女、同胞兄弟姐妹）无效，应为: "
        "spouse, father, mother, son, daughter, sibling / "
        "Must be one of: spouse, father, mother, son, daughter, sibling.")


def test_relative_without_relation_is_refused():
    errors = fields_of(SubmitApplicationV1(), with_applicant(type="relative"))
    assert errors == {"applicant.relation":
                      "近亲属申请须填写与民警的关系 / A relative must state the relation (Art. 39)."}


@pytest.mark.parametrize("kind, extra", [("officer", {}), ("unit", {"unit_name": "城关派出所"})])
def test_relation_on_a_non_relative_is_refused(kind, extra):
    errors = fields_of(SubmitApplicationV1(), with_applicant(type=kind, relation="spouse", **extra))
    assert errors == {"applicant.relation":
                      "仅近亲属申请填写关系 / Only a relative's application has a relation."}


@pytest.mark.parametrize("unit_name,message", [
    (None, "单位申请须填写单位名称 / A unit's application must name the unit."),
    ("", "不能为空白 / Must not be blank."),
    ("   ", "不能为空白 / Must not be blank.")])
def test_unit_without_unit_name_is_refused(unit_name, message):
    applicant = {"type": "unit"}
    if unit_name is not None:
        applicant["unit_name"] = unit_name
    errors = fields_of(SubmitApplicationV1(), with_applicant(**applicant))
    assert errors == {"applicant.unit_name": message}


@pytest.mark.parametrize("path", [
    ("nickname",), ("applicant", "nickname"), ("officer", "rank"), ("incident", "weather")])
def test_unknown_fields_are_refused(path):
    b = body()
    target = b
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = "x"
    assert fields_of(SubmitApplicationV1(), b) == {".".join(path): UNKNOWN}


@pytest.mark.parametrize("path, value, label", [
    (("channel",), "fax", "申请渠道"),
    (("category",), "theft", "侵权情形（第十一条）"),
    (("applicant", "type"), "friend", "申请人类型"),
    (("officer", "personnel_type"), "contract", "人员类别"),
])
def test_wrong_enum_values_are_refused(path, value, label):
    b = body()
    target = b
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    errors = fields_of(SubmitApplicationV1(), b)
    key = ".".join(path)
    assert list(errors) == [key]
    assert errors[key].startswith(f"{label}无效，应为: ")
    assert "/ Must be one of: " in errors[key]


@pytest.mark.parametrize("field, value", [
    ("incident.occurred_at", "2026-09-29T09:00:00"),
    ("received_at", "2026-09-30T08:00:00"),
])
def test_naive_datetimes_are_refused(field, value):
    b = body(channel="written")
    if field == "received_at":
        b["received_at"] = value
    else:
        b["incident"]["occurred_at"] = value
    assert fields_of(SubmitApplicationV1(), b) == {field: NAIVE}


def test_garbage_datetime_is_refused():
    b = body()
    b["incident"]["occurred_at"] = "yesterday"
    assert fields_of(SubmitApplicationV1(), b) == {
        "incident.occurred_at": "日期时间格式无效，应为 ISO 8601 / Not a valid ISO 8601 datetime."}


def test_missing_required_fields_are_each_named():
    errors = fields_of(SubmitApplicationV1(), {"applicant": {"type": "officer"}})
    assert errors == {"applicant.name": MISSING, "officer": MISSING, "channel": MISSING,
                      "category": MISSING, "incident": MISSING}


def test_body_that_is_not_an_object_is_refused():
    assert fields_of(SubmitApplicationV1(), ["not", "an", "object"]) == {
        "_body": "请求体应为 JSON 对象 / Body must be a JSON object."}


def test_bad_phone_and_overlong_name():
    b = with_applicant(type="officer", phone="call me")
    b["applicant"]["name"] = "名" * 51
    errors = fields_of(SubmitApplicationV1(), b)
    assert errors == {"applicant.phone": "电话号码格式无效 / Not a valid phone number.",
                      "applicant.name": "长度应在 1 到 50 之间 / Length must be between 1 and 50."}


@pytest.mark.parametrize("blank", ["", "   ", "\t\n"])
def test_empty_or_blank_required_text_is_refused(blank):
    b = body()
    b["incident"]["place"] = blank
    assert fields_of(SubmitApplicationV1(), b) == {
        "incident.place": "不能为空白 / Must not be blank."}


@pytest.mark.parametrize("loose", ["yes", 1, "on", "true"])
def test_booleans_are_json_booleans_only(loose):
    b = body()
    b["incident"]["injury"] = loose
    assert list(fields_of(SubmitApplicationV1(), b)) == ["incident.injury"]


# ---- DecisionV1 --------------------------------------------------------------------------

REFUSAL_NEEDS_REASON = {"reason": "不予受理须书面说明理由（第十四条） / "
                                  "A refusal must give a written reason (Art. 14)."}


@pytest.mark.parametrize("decision", [
    {"accept": False}, {"accept": False, "reason": ""}, {"accept": False, "reason": "   \n\t"}],
    ids=["missing", "empty", "whitespace"])
def test_refusal_without_a_real_reason_is_refused(decision):
    assert fields_of(DecisionV1(), decision) == REFUSAL_NEEDS_REASON


def test_refusal_with_reason_and_acceptance_without():
    assert load_or_error(DecisionV1(), {"accept": False, "reason": "不属于维权范围"}) == \
        {"accept": False, "reason": "不属于维权范围"}
    assert load_or_error(DecisionV1(), {"accept": True}) == {"accept": True}


def test_decision_requires_accept_and_aware_decided_at():
    assert fields_of(DecisionV1(), {"reason": "x"}) == {"accept": MISSING}
    assert fields_of(DecisionV1(), {"accept": True, "decided_at": "2026-09-02T16:00:00"}) == \
        {"decided_at": NAIVE}
    cmd = load_or_error(DecisionV1(), {"accept": True, "decided_at": "2026-09-02T16:00:00+08:00"})
    assert cmd["decided_at"] == datetime(2026, 9, 2, 16, 0, tzinfo=TZ)


def test_decision_reason_is_limited():
    assert fields_of(DecisionV1(), {"accept": False, "reason": "x" * 5001}) == {
        "reason": "理由过长（最多 5000 字） / Reason too long (max 5000)."}


# ---- AppealV1 ----------------------------------------------------------------------------

def test_appeal_date_only_is_a_shanghai_day():
    cmd = load_or_error(AppealV1(), {"reason": "不服", "answer_received_at": "2026-10-09"})
    assert cmd["answer_received_at"] == datetime(2026, 10, 9, 0, 0, tzinfo=TZ)
    assert cmd["answer_received_at"].isoformat() == "2026-10-09T00:00:00+08:00"


@pytest.mark.parametrize("value, expected", [
    ("2026-10-09T10:30:00+08:00", datetime(2026, 10, 9, 10, 30, tzinfo=TZ)),
    ("2026-10-09T02:30:00Z", datetime(2026, 10, 9, 2, 30, tzinfo=timezone.utc)),
])
def test_appeal_with_datetime(value, expected):
    cmd = load_or_error(AppealV1(), {"reason": "不服", "answer_received_at": value})
    assert cmd["answer_received_at"] == expected
    assert cmd["answer_received_at"].utcoffset() == expected.utcoffset()


INVALID_WHEN = ("应为日期 YYYY-MM-DD 或带时区的 ISO 8601 日期时间 / "
                "Must be a date YYYY-MM-DD or an ISO 8601 datetime with offset.")


@pytest.mark.parametrize("value, message", [
    ("2026-10-09T10:30:00", NAIVE),
    ("2026-13-09", INVALID_WHEN),
    ("last week", INVALID_WHEN),
    (20261009, INVALID_WHEN),
])
def test_appeal_bad_answer_received_at(value, message):
    assert fields_of(AppealV1(), {"reason": "不服", "answer_received_at": value}) == \
        {"answer_received_at": message}


def test_appeal_requires_reason_and_date():
    assert fields_of(AppealV1(), {}) == {"reason": MISSING, "answer_received_at": MISSING}


def test_principal_roles_are_checked():
    assert fields_of(PrincipalV1(), {"username": "u", "roles": ["officer", "janitor"]}) == {
        "roles.1": "角色无效，应为: officer, relative, unit_liaison, committee_office, "
                   "committee_director, committee_member, command_center, political_work, "
                   "logistics, legal_affairs, cyber_brigade, publicity, ops / Must be one of: "
                   "officer, relative, unit_liaison, committee_office, committee_director, "
                   "committee_member, command_center, political_work, logistics, legal_affairs, "
                   "cyber_brigade, publicity, ops."}


@pytest.mark.parametrize("bad", ["http://example.com/\x00", "http://example.com/\udbe1"])
def test_text_no_database_can_store_is_a_422_naming_the_field(bad):
    """JSON allows a NUL and a lone surrogate; PostgreSQL and UTF-8 do not: refused as input,
    never a 500 when it is stored."""
    from weiquan.contracts.commands import TakedownRequestV1
    with pytest.raises(AppError) as err:
        load_or_error(TakedownRequestV1, {"url": bad, "platform": "微博"})
    assert err.value.status == 422
    assert set(err.value.fields) == {"url"}
