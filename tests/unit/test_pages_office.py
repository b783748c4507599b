"""The case page's action forms (Art. 14-18) against a fake gateway: which forms show for
which role and status, what a form posts (the API's body, through the same operation), and a
refusal shown at its field."""
import pytest

from weiquan.kit.errors import AppError

from gateway.pages import case_forms
from gateway.pages.refusal_reasons import REFUSAL_REASONS
from tests.unit.helpers_office_pages import (CASE_NO, REPLY, OfficeGateway, case, hidden,
                                             hidden_all, signed_in, who)
from tests.unit.test_gateway_page_frame import now  # noqa: F401  (the `now` fixture)

pytestmark = pytest.mark.unit


def shown(a_case, username):
    return [f.key for f in case_forms.available(a_case, who(username))]


# ---- which forms show, for whom, when -------------------------------------------------------
LAPSED = {"kind": "appeal_window", "due": "2026-11-20T23:59:59+08:00", "provisional": False,
          "state": "lapsed", "working_days_left": None, "days_overdue": None, "holder": None}
OPEN_ESC = [{"id": 1, "body": "上级公安机关维权机构", "reason": "需协调", "outcome": None}]


@pytest.mark.parametrize("a_case,username,expected", [
    (case("submitted"), "committee_office", ["accept", "refuse", "escalate"]),
    (case("submitted"), "committee_director", ["escalate"]),
    (case("submitted"), "officer", []),
    (case("submitted"), "committee_member", []),
    (case("rejected"), "officer", ["appeal"]),               # the officer the case concerns
    (case("rejected", filed_by="committee_office"), "officer", ["appeal"]),  # keyed in
    (case("rejected"), "other_officer", []),
    (case("rejected", filed_by="relative"), "relative", ["appeal"]),
    (case("rejected", filed_by="committee_office"), "relative", []),
    (case("rejected"), "committee_office", ["appeal"]),      # keying in a paper appeal
    (case("rejected"), "committee_director", []),
    (case("rejected", deadlines=[LAPSED]), "officer", []),   # the window has passed
    (case("rejected", deadlines=[LAPSED]), "committee_office", ["appeal"]),  # paper, later
    (case("appealed"), "committee_office", ["appeal_outcome"]),
    (case("appealed"), "officer", []),
    (case("accepted", deadlines=[REPLY]), "committee_office", ["conclude", "escalate"]),
    (case("accepted", deadlines=[REPLY]), "committee_director", ["extend", "escalate"]),
    (case("accepted", deadlines=[{**REPLY, "state": "overdue", "working_days_left": None,
                                  "days_overdue": 2}]), "committee_director",
     ["extend", "escalate"]),
    (case("accepted", deadlines=[]), "committee_director", ["escalate"]),  # no reply clock
    (case("accepted", deadlines=[REPLY]), "officer", []),
    (case("concluded"), "officer", ["reexamine"]),
    (case("concluded"), "committee_office", ["reexamine"]),
    (case("concluded"), "other_officer", []),
    (case("concluded"), "committee_director", []),
    (case("reexamination"), "committee_office", ["reexam_outcome"]),
    (case("reexamination"), "officer", []),
    (case("closed"), "committee_office", []),
    (case("accepted", escalations=OPEN_ESC, deadlines=[REPLY]), "committee_member",
     ["escalation_outcome"]),
    (case("concluded", escalations=OPEN_ESC), "committee_director", ["escalation_outcome"]),
    (case("concluded", escalations=[{**OPEN_ESC[0], "outcome": "已协调"}]),
     "committee_director", []),
])
def test_the_forms_follow_the_policy_and_the_status(a_case, username, expected):
    assert shown(a_case, username) == expected


# ---- what a form posts ------------------------------------------------------------------------
def test_a_refusal_reason_is_the_template_then_the_offices_words():
    refuse = case_forms.BY_KEY["refuse"]
    code, text = REFUSAL_REASONS[0]
    body = case_forms.body_from(refuse, {"refuse.reason_template": code,
                                         "refuse.reason": " 经核实为民事纠纷 "})
    assert body == {"accept": False, "reason": f"{text}。经核实为民事纠纷"}
    assert case_forms.body_from(refuse, {"refuse.reason_template": code}) == \
        {"accept": False, "reason": text}
    assert case_forms.body_from(refuse, {"refuse.reason": "  "}) == {"accept": False}
    assert "第十一条" in text


def test_bodies_carry_the_contracts_types():
    outcome = case_forms.body_from(case_forms.BY_KEY["escalation_outcome"], {
        "escalation_outcome.escalation_id": "2", "escalation_outcome.reference": "赣市维 1 号",
        "escalation_outcome.outcome": "已协调", "escalation_outcome.answered_at": "2026-11-30"})
    assert outcome == {"escalation_id": 2, "reference": "赣市维 1 号", "outcome": "已协调",
                       "answered_at": "2026-11-30"}
    accept = case_forms.body_from(case_forms.BY_KEY["accept"],
                                  {"accept.decided_at": "2026-11-30T10:15"})
    assert accept == {"accept": True, "decided_at": "2026-11-30T10:15:00+08:00"}
    extend = case_forms.body_from(case_forms.BY_KEY["extend"], {"extend.new_due": ""})
    assert extend == {"new_due": "", "reason": ""}  # sent for the contract to name


# ---- the case page through the frame --------------------------------------------------------
def test_the_office_sees_the_decision_forms_and_the_reason_templates(now):
    page = signed_in(OfficeGateway(case("submitted")), "committee_office").go(
        "GET", f"/cases/{CASE_NO}")
    assert page.status_code == 200
    for key in ("accept", "refuse", "escalate"):
        assert f'name="form" value="{key}"' in page.text
    assert f'action="/cases/{CASE_NO}/decision"' in page.text
    assert 'for="f-refuse-reason"' in page.text and 'id="f-refuse-reason_template"' in page.text
    assert all(text in page.text for _, text in REFUSAL_REASONS)
    assert f'href="/cases/{CASE_NO}/deadlines/acceptance_decision"' in page.text
    assert len(set(hidden_all(page.text, "idem"))) == 3  # one new key per form
    tokens = hidden_all(page.text, "csrf")
    assert len(tokens) == 2 + 3 and len(set(tokens)) == 1 and tokens[0]  # every form's token


def test_an_applicant_sees_no_decision_form_but_the_evidence_link(now):
    page = signed_in(OfficeGateway(case("submitted")), "officer").go("GET", f"/cases/{CASE_NO}")
    assert page.status_code == 200 and 'name="form"' not in page.text
    assert f'href="/cases/{CASE_NO}/evidence"' in page.text and "证据材料" in page.text


def test_a_department_without_evidence_rights_gets_no_evidence_link(now):
    page = signed_in(OfficeGateway(case("submitted")), "political_work").go(
        "GET", f"/cases/{CASE_NO}")
    assert page.status_code == 200 and "/evidence" not in page.text


def test_a_refusal_posts_the_apis_body_and_goes_back_to_the_case(now):
    gw = OfficeGateway(case("submitted"))
    gw.answers["decide"] = lambda case_no, body, principal: {**gw.case, "status": "rejected"}
    browser = signed_in(gw, "committee_office")
    page = browser.go("GET", f"/cases/{CASE_NO}")
    code, text = REFUSAL_REASONS[1]
    r = browser.go("POST", f"/cases/{CASE_NO}/decision", {
        "csrf": hidden(page.text), "form": "refuse", "idem": "x",
        "refuse.reason_template": code, "refuse.reason": "当事人系邻里纠纷"})
    assert r.status_code == 303 and r.headers["Location"] == f"/cases/{CASE_NO}?done=refuse"
    [(_, _, (case_no, body, principal))] = [c for c in gw.calls if c[1] == "decide"]
    assert case_no == CASE_NO and principal["username"] == "committee_office"
    assert body == {"accept": False, "reason": f"{text}。当事人系邻里纠纷"}
    done = browser.go("GET", r.headers["Location"])
    assert "已决定不予受理" in done.text and 'role="status"' in done.text


def test_an_empty_refusal_reason_is_a_422_at_its_field(now):
    gw = OfficeGateway(case("submitted"))
    browser = signed_in(gw, "committee_office")
    page = browser.go("GET", f"/cases/{CASE_NO}")
    r = browser.go("POST", f"/cases/{CASE_NO}/decision", {
        "csrf": hidden(page.text), "form": "refuse", "idem": "x", "refuse.reason": ""})
    assert r.status_code == 422
    assert not [c for c in gw.calls if c[1] == "decide"]   # the contract refused it first
    at_field = r.text.index('id="f-refuse-reason"')
    error = r.text.index('id="f-refuse-reason-error"')
    assert 0 < error - at_field < 800
    assert "第十四条" in r.text[error:error + 300] and " / " in r.text[error:error + 300]
    assert 'aria-describedby="f-refuse-reason-hint f-refuse-reason-error"' in r.text


def test_a_conflict_keeps_what_was_typed_and_says_why(now):
    gw = OfficeGateway(case("accepted", deadlines=[REPLY]))
    gw.answers["extend"] = AppError("validation_failed", "请求数据校验失败",
                                    "Request validation failed", status=422,
                                    fields={"new_due": "新期限 2027-01-02 不是工作日 / new_due "
                                                       "2027-01-02 is not a working day."})
    browser = signed_in(gw, "committee_director")
    page = browser.go("GET", f"/cases/{CASE_NO}")
    r = browser.go("POST", f"/cases/{CASE_NO}/extension", {
        "csrf": hidden(page.text), "form": "extend", "idem": "x",
        "extend.new_due": "2027-01-02", "extend.reason": "案情复杂"})
    assert r.status_code == 422 and 'id="f-extend-new_due-error"' in r.text
    assert "不是工作日" in r.text and 'value="2027-01-02"' in r.text and "案情复杂" in r.text


def test_a_form_the_case_outgrew_shows_the_message_at_the_top(now):
    gw = OfficeGateway(case("rejected"))
    gw.answers["decide"] = AppError("already_decided", "该申请已作出决定（当前状态 rejected）",
                                    "This application has already been decided", status=409)
    browser = signed_in(gw, "committee_office")
    page = browser.go("GET", f"/cases/{CASE_NO}")
    r = browser.go("POST", f"/cases/{CASE_NO}/decision", {
        "csrf": hidden(page.text), "form": "accept", "idem": "x"})
    assert r.status_code == 409 and "该申请已作出决定" in r.text and "案件状态已变化" in r.text


def test_a_role_the_policy_refuses_cannot_post_an_action(now):
    gw = OfficeGateway(case("accepted", deadlines=[REPLY]))
    browser = signed_in(gw, "committee_office")
    page = browser.go("GET", f"/cases/{CASE_NO}")
    assert 'name="form" value="extend"' not in page.text
    r = browser.go("POST", f"/cases/{CASE_NO}/extension", {
        "csrf": hidden(page.text), "form": "extend", "extend.new_due": "2027-01-04",
        "extend.reason": "x"})
    assert r.status_code == 403 and not [c for c in gw.calls if c[1] == "extend"]


def test_after_the_appeal_window_the_applicant_is_told_why_there_is_no_form(now):
    page = signed_in(OfficeGateway(case("rejected", deadlines=[LAPSED])), "officer").go(
        "GET", f"/cases/{CASE_NO}")
    assert page.status_code == 200 and 'name="form" value="appeal"' not in page.text
    assert "申请复议的期限已于 2026-11-20 届满" in page.text


def test_the_extension_form_names_the_date_it_replaces(now):
    page = signed_in(OfficeGateway(case("accepted", deadlines=[REPLY])),
                     "committee_director").go("GET", f"/cases/{CASE_NO}")
    assert 'id="f-extend-new_due-hint">当前期限 2026-12-30' in page.text
    assert 'type="date"' in page.text
