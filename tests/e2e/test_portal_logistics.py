"""The logistics pages through the running system, as a browser without JavaScript uses them
(requests, forms posted with the CSRF token read from the page): logistics sets a budget, the
committee office requests a consolation payment from its form (a bad amount said at the
field, nothing written), logistics reviews it, the director approves it from the director's
inbox and refuses another with a reason, logistics disburses; the statement page shows the
balance the JSON API reports. The committee office files a third party's compensation claim
from the case page's link (a bad amount said at the field, nothing written); the claim is a
payment whose work item on the case links to it for the committee, not for the political-work
office (which reads consolation payments only)."""
import html
import re
from datetime import datetime

import pytest

from weiquan.config import TZ

from tests.support.answers import ok
from tests.support.bodies import application
from tests.support.portal import hidden, signed_in
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e
YEAR = datetime.now(TZ).year


class Portal:
    """A signed-in browser without JavaScript on the running system."""

    def __init__(self, system, username):
        self.base = system.base_url
        self.session = signed_in(self.base, username)

    def page(self, url):
        r = self.session.get(self.base + url, timeout=10)
        assert r.status_code == 200, r.text
        return r.text

    def post(self, url, data, status=303):
        """A form posted with the CSRF token of the page it is on: a payment's page for its
        actions (/payments/{id}/review), else the page at ``url`` itself."""
        html = self.page(url.rsplit("/", 1)[0] if url.count("/") == 3 else url)
        r = self.session.post(self.base + url, data={"csrf": hidden(html), **data},
                              allow_redirects=False, timeout=15)
        assert r.status_code == status, r.text
        return r


def test_payment_through_the_portal(system):
    case_no = ok(system.call("POST", "/api/applications", "officer", json=application()),
                 201)["case_no"]
    ok(system.call("POST", f"/api/cases/{case_no}/decision", "committee_office",
                   json={"accept": True}))

    lg = Portal(system, "logistics")
    assert "经费余额" in lg.page("/funds")
    lg.post("/funds", {"fund": "counsel_fee", "year": str(YEAR), "budget": "50000",
                       "director_limit": "3000"})
    funds = ok(system.call("GET", f"/api/funds?fund=counsel_fee&year={YEAR}", "logistics"))
    assert funds["items"][0]["budget_fen"] == 5000000
    bad = lg.post("/funds", {"fund": "counsel_fee", "year": str(YEAR), "budget": "-5",
                             "director_limit": "3000"}, 422)
    assert 'id="f-budget-error"' in bad.text and "大于零" in bad.text

    office = Portal(system, "committee_office")
    form = office.page(f"/payments/new?case_no={case_no}")
    body = {"idem": hidden(form, "idem"), "case_no": case_no, "fund": "counsel_fee",
            "payee": "陈律师（赣州某律师事务所）", "purpose": "法律顾问出庭费用"}
    refused = office.session.post(office.base + "/payments", data={
        "csrf": hidden(form), **body, "amount": "12.345"}, allow_redirects=False, timeout=15)
    assert refused.status_code == 422 and 'id="f-amount-error"' in refused.text
    assert ok(system.call("GET", f"/api/payments?case_no={case_no}", "logistics"))["total"] == 0
    made = office.session.post(office.base + "/payments", data={
        "csrf": hidden(form), **body, "amount": "1500"}, allow_redirects=False, timeout=15)
    assert made.status_code == 303
    payment_id = made.headers["Location"].split("/payments/")[1].split("?")[0]

    queue = lg.page("/payments")
    assert f'href="/payments/{payment_id}"' in queue
    lg.post(f"/payments/{payment_id}/review", {"accept": "yes"})

    director = Portal(system, "committee_director")
    assert f'href="/payments/{payment_id}"' in director.page("/inbox")
    assert f'action="/payments/{payment_id}/approval"' in \
        director.page(f"/payments/{payment_id}")
    # the logistics office sees no approval form; the director no review form
    assert "/approval" not in lg.page(f"/payments/{payment_id}")
    director.post(f"/payments/{payment_id}/approval", {"approve": "yes"})
    assert ok(system.call("GET", f"/api/payments/{payment_id}", "logistics"))["state"] == \
        "approved"

    wait_until(lambda: 'id="f-voucher_no"' in lg.page(f"/payments/{payment_id}"), 10,
               what="the disbursement form")
    lg.post(f"/payments/{payment_id}/disbursement", {"voucher_no": "PZ-LF-001"})
    shown = lg.page(f"/payments/{payment_id}")
    assert "已支付" in shown and "PZ-LF-001" in shown

    st = ok(system.call("GET", f"/api/funds/counsel_fee/{YEAR}/statement", "logistics"))
    assert st["disbursements"]["sum_fen"] >= 150000
    assert st["balance"] in lg.page(f"/funds/counsel_fee/{YEAR}")


def test_a_refusal_needs_a_reason_on_the_page(system):
    case_no = ok(system.call("POST", "/api/applications", "officer", json=application()),
                 201)["case_no"]
    ok(system.call("PUT", "/api/funds", "logistics", json={
        "fund": "consolation", "year": YEAR, "budget": "1000000", "director_limit": "5000"}))
    pid = ok(system.call("POST", "/api/payments", "logistics", json={
        "case_no": case_no, "fund": "consolation", "amount": "100", "payee": "张伟",
        "purpose": "抚慰"}), 201)["payment_id"]
    lg = Portal(system, "logistics")
    r = lg.post(f"/payments/{pid}/review", {"accept": "no"}, 422)
    assert 'id="f-reason-error"' in r.text
    lg.post(f"/payments/{pid}/review", {"accept": "no", "reason": "材料不全"})
    shown = lg.page(f"/payments/{pid}")
    assert "未获批准" in shown and "材料不全" in shown


def compensation_fund(system):
    """This year's compensation fund, set only where no test set it yet (a budget is needed
    to file a claim; its size is another test's business)."""
    funds = ok(system.call("GET", f"/api/funds?fund=compensation&year={YEAR}", "logistics"))
    if not funds["items"]:
        ok(system.call("PUT", "/api/funds", "logistics", json={
            "fund": "compensation", "year": YEAR, "budget": "1000000",
            "director_limit": "5000"}))


def test_compensation_claim_through_the_portal(system):
    compensation_fund(system)
    case_no = ok(system.call("POST", "/api/applications", "officer", json=application()),
                 201)["case_no"]
    ok(system.call("POST", f"/api/cases/{case_no}/decision", "committee_office",
                   json={"accept": True}))

    office = Portal(system, "committee_office")
    case_page = office.page(f"/cases/{case_no}")
    assert "申请支付" in case_page
    [href] = re.findall(r'href="(/compensation-claims/new\?case_no=[^"]+)"', case_page)
    form = office.page(html.unescape(href))
    assert f'value="{case_no}"' in form
    body = {"idem": hidden(form, "idem"), "case_no": case_no, "claimant.type": "company",
            "claimant.name": "城关镇某超市", "claimant.contact": "0797-1234567",
            "damage": "处置警情时破门进入，损坏卷帘门一扇", "evidence_ids": "ev-1，ev-2"}

    def post(amount):
        return office.session.post(office.base + "/compensation-claims", data={
            "csrf": hidden(form), **body, "amount": amount}, allow_redirects=False, timeout=15)

    refused = post("3200.505")
    assert refused.status_code == 422 and 'id="f-amount-error"' in refused.text
    assert "最多两位小数" in refused.text and "城关镇某超市" in refused.text
    assert ok(system.call("GET", f"/api/payments?case_no={case_no}", "logistics"))["total"] == 0

    made = post("3200.50")
    assert made.status_code == 303, made.text
    payment_id = made.headers["Location"].split("/payments/")[1].split("?")[0]
    claim = ok(system.call("GET", f"/api/payments/{payment_id}", "logistics"))
    assert (claim["fund"], claim["origin"], claim["amount_fen"]) == \
        ("compensation", "compensation_claim", 320050)
    assert claim["claimant"] == {"type": "company", "name": "城关镇某超市",
                                 "contact": "0797-1234567"}
    assert claim["evidence_ids"] == ["ev-1", "ev-2"]
    shown = office.page(f"/payments/{payment_id}")
    assert "城关镇某超市" in shown and "3200.50 元" in shown
    again = post("3200.50")   # the same form posted twice: one claim
    assert again.status_code == 303 and payment_id in again.headers["Location"]
    assert ok(system.call("GET", f"/api/payments?case_no={case_no}", "logistics"))["total"] == 1

    # intake projects the payment's work item onto the case: linked for who may read it
    link = f'href="/payments/{payment_id}"'
    wait_until(lambda: link in office.page(f"/cases/{case_no}"), 15,
               what="the compensation payment's work item on the case page")
    assert link in Portal(system, "logistics").page(f"/cases/{case_no}")
    # the political-work office sees the case by its green channel (the injury) and the
    # payment's row, but no link to a payment it may not read
    pw = Portal(system, "political_work")

    def pw_case():
        r = pw.session.get(pw.base + f"/cases/{case_no}", timeout=10)
        return r.text if r.status_code == 200 and "第三方损失补偿" in r.text else None
    shown = wait_until(pw_case, 15, what="the case page of the political-work office")
    assert "/welfare/green-channels/" in shown and link not in shown
