"""The legal affairs pages on the frame's fake gateway: the queue with the roster, the case
page's forms by role (offender data and its form only for those who may), a refused
assignment shown again with the conflict's message, and what the offender form posts; the
liability forms (determination, appeal, review and their decisions) and the assignment page
(work log, fee claim, close): each shown to the roles the policy lets act, posting to its
operation, a refusal re-rendered at its field."""
import pytest
from sqlalchemy import insert

from weiquan.kit.errors import AppError

from gateway.models import users
from gateway.passwords import hash_password
from tests.unit.helpers_office_pages import OfficeGateway, case, signed_in
from tests.unit.test_gateway_page_frame import T0, hidden

pytestmark = pytest.mark.unit
CASE_NO = "GX-WQ-2026-000001"
COUNSEL = {"counsel_id": "c1", "name": "钱律师", "firm": "公正律师事务所",
           "specialities": ["criminal_victim"], "id_number": None, "phone": None,
           "capacity": 5, "active": True, "relations": [], "load": 1, "free": True}
OFFENDER = {"offender_id": "o1", "case_no": CASE_NO, "name": "王五", "id_number": None,
            "phone": None, "birth_date": None, "relation": "assailant", "conduct": "殴打",
            "pursuit": "criminal", "recorded_by": "legal_affairs",
            "recorded_at": "2026-12-01T09:00:00+08:00",
            "other_cases": ["GX-WQ-2026-000002"], "linked_by": ["phone"]}


def legal_file(offenders):
    return {"case_no": CASE_NO,
            "classification": {"case_no": CASE_NO, "category": "violent_attack",
                               "suggested": "criminal", "reasons": [],
                               "reason_labels": ["侵权情形属暴力行为"], "basis_zh": "刑法",
                               "state": "pending", "classification": None, "changed": None,
                               "reason": None, "decided_by": None, "decided_at": None},
            "assignments": [], "determinations": [], "appeals": [], "reviews": [],
            "liaisons": [], "work_items": [], "offenders": offenders}


class LegalGateway(OfficeGateway):
    def __init__(self):
        super().__init__(case("accepted"))
        with self.factory() as s, s.begin():
            s.execute(insert(users).values(
                username="legal_affairs", password_hash=hash_password("demo"),
                roles="legal_affairs", name="legal", police_id=None, active=True,
                created_at=T0))
        self.answers["legal_case"] = lambda case_no, principal: legal_file(
            [OFFENDER] if set(principal["roles"]) & {"legal_affairs", "committee_office",
                                                     "committee_member",
                                                     "committee_director"} else None)
        self.answers["list_counsel"] = lambda principal: {"items": [COUNSEL], "total": 1}
        self.answers["list_legal_work"] = lambda query, principal: {
            "items": [{"item_id": "i1", "case_no": CASE_NO, "kind": "classification",
                       "state": "open", "summary": "法律定性待确认", "owner": "legal_affairs",
                       "opened_at": "2026-12-01T09:00:00+08:00",
                       "updated_at": "2026-12-01T09:00:00+08:00"}],
            "page": 1, "page_size": 100, "total": 1}


def test_the_queue_lists_open_work_and_the_roster():
    page = signed_in(LegalGateway(), "legal_affairs").go("GET", "/legal")
    assert page.status_code == 200
    assert f'href="/legal/cases/{CASE_NO}"' in page.text and "法律定性" in page.text
    assert "钱律师" in page.text and "1 / 5" in page.text


@pytest.mark.parametrize("username, forms", [
    ("legal_affairs", {"classification", "assignments", "offenders", "liaisons"}),
    ("committee_office", {"offenders"}),
    ("committee_member", set()),
])
def test_case_page_forms_by_role(username, forms):
    page = signed_in(LegalGateway(), username).go("GET", f"/legal/cases/{CASE_NO}")
    assert page.status_code == 200
    shown = {f for f in ("classification", "assignments", "offenders", "liaisons")
             if f'action="/legal/cases/{CASE_NO}/{f}"' in page.text}
    assert shown == forms
    assert "王五" in page.text and 'href="/legal/cases/GX-WQ-2026-000002"' in page.text


def test_other_departments_cannot_open_the_legal_pages():
    r = signed_in(LegalGateway(), "political_work").go("GET", f"/legal/cases/{CASE_NO}")
    assert r.status_code == 403


def test_a_refused_assignment_shows_the_conflict():
    gw = LegalGateway()
    gw.answers["assign_counsel"] = AppError(
        "counsel_conflicted", "法律顾问须回避，不能指派：赵律师（系侵权行为人的近亲属）",
        "Counsel must step aside", status=409)
    browser = signed_in(gw, "legal_affairs")
    page = browser.go("GET", f"/legal/cases/{CASE_NO}")
    r = browser.go("POST", f"/legal/cases/{CASE_NO}/assignments",
                   {"csrf": hidden(page.text), "speciality": "criminal_victim"})
    assert r.status_code == 409 and "系侵权行为人的近亲属" in r.text


def test_the_offender_form_posts_the_contract_body():
    gw = LegalGateway()
    posted = []
    gw.answers["record_offender"] = lambda case_no, body, principal: posted.append(
        (case_no, body)) or OFFENDER
    browser = signed_in(gw, "committee_office")
    page = browser.go("GET", f"/legal/cases/{CASE_NO}")
    r = browser.go("POST", f"/legal/cases/{CASE_NO}/offenders", {
        "csrf": hidden(page.text), "name": " 王五 ", "phone": "13912345678",
        "relation": "assailant", "conduct": "殴打", "id_number": ""})
    assert r.status_code == 303 and r.headers["Location"] == \
        f"/legal/cases/{CASE_NO}?done=offender"
    assert posted == [(CASE_NO, {"name": "王五", "phone": "13912345678",
                                 "relation": "assailant", "conduct": "殴打"})]


# ---- determinations, appeals, reviews (Art. 22-24) -----------------------------------------
APPEAL_ID, REVIEW_ID, ASSIGNMENT_ID = "ap1", "rv1", "as1"
DETERMINATION = {"determination_id": "d1", "case_no": CASE_NO, "officer": "360721001",
                 "team": ["360721101"], "findings": "瑕疵", "classification": "flaw",
                 "outcome": "reduce", "mitigating_factors": ["objective_conditions"],
                 "leniency_letter": True, "decided_by": "legal_affairs",
                 "decided_at": "2026-12-01T09:00:00+08:00"}
APPEAL = {"appeal_id": APPEAL_ID, "case_no": CASE_NO, "scale": "liability",
          "appealed": "reduce", "determination_id": None, "statement": "不服", "state": "open",
          "outcome": None, "result": None, "reason": None}
REVIEW = {"review_id": REVIEW_ID, "case_no": CASE_NO, "discipline": "warning",
          "discipline_label": "警告", "complaint": "施压", "state": "open", "result": None,
          "grounds": [], "note": None}
ASSIGNMENT = {"assignment_id": ASSIGNMENT_ID, "case_no": CASE_NO, "counsel_id": "c1",
              "counsel_name": "钱律师", "firm": "公正律师事务所",
              "speciality": "criminal_victim", "state": "open", "passed_over": [],
              "assigned_by": "legal_affairs", "assigned_at": "2026-12-01T09:00:00+08:00",
              "work_logs": [{"log_id": "w1", "date": "2026-12-02", "hours": 1.5,
                             "note": "会见民警", "logged_by": "legal_affairs"}],
              "hours_total": 1.5,
              "fee_claims": [{"claim_id": "k1", "amount_fen": 320050, "period": "2026年12月",
                              "claimed_by": "legal_affairs",
                              "claimed_at": "2026-12-03T10:00:00+08:00"}]}
NEW_FORMS = {"determinations": f"/legal/cases/{CASE_NO}/determinations",
             "appeals": f"/legal/cases/{CASE_NO}/appeals",
             "appeal_decision": f"/legal/cases/{CASE_NO}/appeals/{APPEAL_ID}/decision",
             "reviews": f"/legal/cases/{CASE_NO}/reviews",
             "review_decision": f"/legal/cases/{CASE_NO}/reviews/{REVIEW_ID}/decision"}


def liability_gateway():
    gw = LegalGateway()
    plain = gw.answers["legal_case"]
    gw.answers["legal_case"] = lambda case_no, principal: {
        **plain(case_no, principal), "determinations": [DETERMINATION], "appeals": [APPEAL],
        "reviews": [REVIEW], "assignments": [ASSIGNMENT]}
    gw.answers["get_assignment"] = lambda assignment_id, principal: ASSIGNMENT
    return gw


def recorder(gw, method, answer):
    posted = []
    gw.answers[method] = lambda *args: posted.append(args[:-1]) or answer
    return posted


@pytest.mark.parametrize("username, forms", [
    ("legal_affairs", set(NEW_FORMS)),
    ("committee_office", {"appeals", "reviews"}),
    ("committee_member", {"appeal_decision", "review_decision"}),
    ("committee_director", {"appeal_decision", "review_decision"}),
])
def test_liability_forms_by_role(username, forms):
    page = signed_in(liability_gateway(), username).go("GET", f"/legal/cases/{CASE_NO}")
    assert page.status_code == 200
    assert {f for f, action in NEW_FORMS.items() if f'action="{action}"' in page.text} == forms
    assert f'href="/legal/assignments/{ASSIGNMENT_ID}"' in page.text
    if "appeal_decision" in forms:  # the committee hint beside the decision
        assert "减轻处理结果须经维权委批准" in page.text


def test_an_appeal_decision_offers_only_the_kept_or_lighter_outcomes():
    page = signed_in(liability_gateway(), "legal_affairs").go("GET", f"/legal/cases/{CASE_NO}")
    select = page.text.split(f'name="appeal-{APPEAL_ID}.outcome"')[1].split("</select>")[0]
    assert 'value="reduce"' in select and 'value="exempt"' in select
    assert 'value="accountable"' not in select


def test_the_determination_form_posts_the_contract_body():
    gw = liability_gateway()
    posted = recorder(gw, "record_determination", DETERMINATION)
    browser = signed_in(gw, "legal_affairs")
    page = browser.go("GET", f"/legal/cases/{CASE_NO}")
    r = browser.go("POST", f"/legal/cases/{CASE_NO}/determinations", {
        "csrf": hidden(page.text), "det.officer": "360721001",
        "det.team": "360721101，360721102 ", "det.findings": " 受客观条件限制 ",
        "det.classification": "flaw", "det.outcome": "reduce",
        "det.mitigating_factors": ["objective_conditions", "not_intentional"]})
    assert r.status_code == 303 and r.headers["Location"].endswith("?done=determined")
    assert posted == [({"case_no": CASE_NO, "officer": "360721001", "findings": "受客观条件限制",
                        "classification": "flaw", "outcome": "reduce",
                        "team": ["360721101", "360721102"],
                        "mitigating_factors": ["objective_conditions", "not_intentional"]},)]


def test_a_bad_determination_is_refused_at_its_field_before_the_service():
    gw = liability_gateway()
    posted = recorder(gw, "record_determination", DETERMINATION)
    browser = signed_in(gw, "legal_affairs")
    page = browser.go("GET", f"/legal/cases/{CASE_NO}")
    r = browser.go("POST", f"/legal/cases/{CASE_NO}/determinations", {
        "csrf": hidden(page.text), "det.officer": "360721001", "det.findings": "事实",
        "det.classification": "blunder", "det.outcome": "reduce",
        "det.mitigating_factors": ["objective_conditions"]})
    assert r.status_code == 422 and posted == []
    assert 'id="f-det-classification-error"' in r.text
    # what was typed comes back
    assert 'value="objective_conditions" checked' in r.text and 'value="360721001"' in r.text


def test_a_lighter_appeal_outcome_by_legal_affairs_shows_the_services_refusal():
    gw = liability_gateway()
    gw.answers["decide_appeal"] = AppError(
        "change_needs_committee", "变更处理结果（「减责」改为「免责」）须经维权委批准",
        "Changing the outcome needs the committee's approval", status=409)
    browser = signed_in(gw, "legal_affairs")
    page = browser.go("GET", f"/legal/cases/{CASE_NO}")
    r = browser.go("POST", f"/legal/cases/{CASE_NO}/appeals/{APPEAL_ID}/decision", {
        "csrf": hidden(page.text), f"appeal-{APPEAL_ID}.outcome": "exempt",
        f"appeal-{APPEAL_ID}.reason": "情有可原"})
    assert r.status_code == 409 and "须经维权委批准" in r.text and 'role="alert"' in r.text
    assert '<option value="exempt" selected>' in r.text and "情有可原" in r.text
    asked = [args[:-1] for _, method, args in gw.calls if method == "decide_appeal"]
    assert asked == [(APPEAL_ID, {"outcome": "exempt", "reason": "情有可原"})]


def test_the_appeal_form_posts_and_a_refusal_lands_at_its_field():
    gw = liability_gateway()
    posted = recorder(gw, "file_appeal", APPEAL)
    browser = signed_in(gw, "committee_office")
    page = browser.go("GET", f"/legal/cases/{CASE_NO}")
    form = {"csrf": hidden(page.text), "appeal.scale": "liability", "appeal.appealed": "reduce",
            "appeal.determination_id": "d1", "appeal.statement": "不服减责"}
    r = browser.go("POST", f"/legal/cases/{CASE_NO}/appeals", form)
    assert r.status_code == 303 and r.headers["Location"].endswith("?done=appealed")
    assert posted == [({"case_no": CASE_NO, "scale": "liability", "appealed": "reduce",
                        "determination_id": "d1", "statement": "不服减责"},)]
    gw.answers["file_appeal"] = AppError("unknown_outcome_on_scale", "处理结果不属于该申诉对象",
                                         "Not on that scale", status=422,
                                         fields={"appealed": "处理结果不属于该申诉对象"})
    r = browser.go("POST", f"/legal/cases/{CASE_NO}/appeals",
                   {**form, "appeal.appealed": "warning"})
    assert r.status_code == 422 and 'id="f-appeal-appealed-error"' in r.text


def test_the_committee_revokes_a_discipline_with_grounds():
    gw = liability_gateway()
    posted = recorder(gw, "decide_review", {**REVIEW, "state": "decided", "result": "revoked"})
    browser = signed_in(gw, "committee_member")
    page = browser.go("GET", f"/legal/cases/{CASE_NO}")
    p = f"review-{REVIEW_ID}"
    r = browser.go("POST", f"/legal/cases/{CASE_NO}/reviews/{REVIEW_ID}/decision", {
        "csrf": hidden(page.text), f"{p}.confirmed": "yes",
        f"{p}.grounds": ["no_legal_basis", "hype_or_petition_driven"], f"{p}.note": "撤销"})
    assert r.status_code == 303 and r.headers["Location"].endswith("?done=review_decided")
    assert posted == [(REVIEW_ID, {"confirmed": True, "note": "撤销",
                                   "grounds": ["no_legal_basis", "hype_or_petition_driven"]})]


def test_an_unanswered_review_decision_is_named_at_its_field():
    gw = liability_gateway()
    posted = recorder(gw, "decide_review", REVIEW)
    browser = signed_in(gw, "legal_affairs")
    page = browser.go("GET", f"/legal/cases/{CASE_NO}")
    p = f"review-{REVIEW_ID}"
    r = browser.go("POST", f"/legal/cases/{CASE_NO}/reviews/{REVIEW_ID}/decision", {
        "csrf": hidden(page.text), f"{p}.note": "意见"})
    assert r.status_code == 422 and posted == []
    assert r.text.count('class="error"') >= 1 and f'id="f-{p}-confirmed"' in r.text
    assert "意见" in r.text


def test_the_review_form_posts_the_contract_body():
    gw = liability_gateway()
    posted = recorder(gw, "file_review", REVIEW)
    browser = signed_in(gw, "committee_office")
    page = browser.go("GET", f"/legal/cases/{CASE_NO}")
    r = browser.go("POST", f"/legal/cases/{CASE_NO}/reviews", {
        "csrf": hidden(page.text), "review.discipline": "warning",
        "review.complaint": "因信访施压被警告"})
    assert r.status_code == 303 and r.headers["Location"].endswith("?done=review")
    assert posted == [({"case_no": CASE_NO, "discipline": "warning",
                        "complaint": "因信访施压被警告"},)]


# ---- one counsel assignment (Art. 25) ------------------------------------------------------
ASSIGNMENT_FORMS = ("logs", "fee-claims", "close")


@pytest.mark.parametrize("username, forms", [
    ("legal_affairs", set(ASSIGNMENT_FORMS)), ("committee_office", set()),
    ("committee_director", set())])
def test_the_assignment_page_shows_logs_fees_and_forms_by_role(username, forms):
    page = signed_in(liability_gateway(), username).go(
        "GET", f"/legal/assignments/{ASSIGNMENT_ID}")
    assert page.status_code == 200
    assert "钱律师" in page.text and "会见民警" in page.text and "3200.50" in page.text
    assert {f for f in ASSIGNMENT_FORMS
            if f'action="/legal/assignments/{ASSIGNMENT_ID}/{f}"' in page.text} == forms


def test_a_closed_assignment_takes_fees_but_no_more_work():
    gw = liability_gateway()
    gw.answers["get_assignment"] = lambda assignment_id, principal: {**ASSIGNMENT,
                                                                     "state": "closed"}
    page = signed_in(gw, "legal_affairs").go("GET", f"/legal/assignments/{ASSIGNMENT_ID}")
    assert f'action="/legal/assignments/{ASSIGNMENT_ID}/fee-claims"' in page.text
    assert f'action="/legal/assignments/{ASSIGNMENT_ID}/logs"' not in page.text
    assert f'action="/legal/assignments/{ASSIGNMENT_ID}/close"' not in page.text


def test_the_fee_form_posts_yuan_with_the_forms_claim_id():
    gw = liability_gateway()
    posted = recorder(gw, "claim_counsel_fee", ASSIGNMENT)
    browser = signed_in(gw, "legal_affairs")
    page = browser.go("GET", f"/legal/assignments/{ASSIGNMENT_ID}")
    claim_id = hidden(page.text, "claim_id")
    r = browser.go("POST", f"/legal/assignments/{ASSIGNMENT_ID}/fee-claims", {
        "csrf": hidden(page.text), "claim_id": claim_id, "amount": " 3200.5 ",
        "period": "2026年12月"})
    assert r.status_code == 303 and r.headers["Location"] == \
        f"/legal/assignments/{ASSIGNMENT_ID}?done=claimed"
    assert len(claim_id) == 32 and posted == [(ASSIGNMENT_ID, {
        "claim_id": claim_id, "amount": "3200.5", "period": "2026年12月"})]


def test_a_bad_amount_stays_on_the_page_with_the_same_claim_id():
    gw = liability_gateway()
    posted = recorder(gw, "claim_counsel_fee", ASSIGNMENT)
    browser = signed_in(gw, "legal_affairs")
    page = browser.go("GET", f"/legal/assignments/{ASSIGNMENT_ID}")
    r = browser.go("POST", f"/legal/assignments/{ASSIGNMENT_ID}/fee-claims", {
        "csrf": hidden(page.text), "claim_id": "k-same", "amount": "12.345",
        "period": "2026年12月"})
    assert r.status_code == 422 and posted == [] and 'id="f-amount-error"' in r.text
    assert hidden(r.text, "claim_id") == "k-same"


def test_work_log_and_close_post_to_their_operations_and_a_refusal_shows():
    gw = liability_gateway()
    logged = recorder(gw, "log_counsel_work", ASSIGNMENT)
    closed = recorder(gw, "close_assignment", {**ASSIGNMENT, "state": "closed"})
    browser = signed_in(gw, "legal_affairs")
    page = browser.go("GET", f"/legal/assignments/{ASSIGNMENT_ID}")
    r = browser.go("POST", f"/legal/assignments/{ASSIGNMENT_ID}/logs", {
        "csrf": hidden(page.text), "date": "2026-12-02", "hours": "1.5", "note": "会见"})
    assert r.status_code == 303 and logged == [(ASSIGNMENT_ID, {
        "date": "2026-12-02", "hours": "1.5", "note": "会见"})]
    r = browser.go("POST", f"/legal/assignments/{ASSIGNMENT_ID}/close",
                   {"csrf": hidden(page.text)})
    assert r.status_code == 303 and closed == [(ASSIGNMENT_ID,)]
    gw.answers["log_counsel_work"] = AppError("assignment_closed", "法律顾问服务已结束",
                                              "The assignment is closed", status=409)
    r = browser.go("POST", f"/legal/assignments/{ASSIGNMENT_ID}/logs", {
        "csrf": hidden(page.text), "date": "2026-12-02", "hours": "1", "note": "会见"})
    assert r.status_code == 409 and "法律顾问服务已结束" in r.text


def test_a_list_items_problem_is_shown_at_its_prefixed_field():
    from gateway.pages.legal_forms import at_fields
    assert at_fields("det", {"team.1": "警号重复", "officer": "空白"}) == {
        "det.team": "警号重复", "det.officer": "空白"}
