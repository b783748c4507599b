"""A consolation payment through the portal on a phone (375x812, JavaScript on), one
screenshot per step (Art. 26): the political-work office requests it from the case, logistics
reviews it, the director approves it from the director's inbox, logistics records the
disbursement. Each page passes axe and fits the screen; each step is read back through the
JSON API, and the fund's statement moves by the amount, to the fen."""
import time
from datetime import datetime

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from weiquan.config import TZ

from tests.browser.driver import describe
from tests.support.answers import ok
from tests.support.bodies import application

YEAR = datetime.now(TZ).year
SUBMIT = "button[type=submit]"


def checked(b, step):
    """axe-core and the 375 px width on the page as this user sees it now."""
    b.shot(step)
    found = b.axe_violations()
    assert not found, describe(found)
    assert max(b.viewport_width() - 375, b.overflow_x()) <= 0, b.too_wide()


def shows(b, css, text, timeout=10):
    """Until the element shows the text, looked up afresh each time: a lookup that meets the
    page being replaced by the next one (chromedriver's "node does not belong to the
    document") is simply tried again."""
    WebDriverWait(b.driver, timeout, ignored_exceptions=(WebDriverException,)).until(
        lambda d: text in d.find_element(By.CSS_SELECTOR, css).text)


def payment_of(system, payment_id):
    return ok(system.call("GET", f"/api/payments/{payment_id}", "logistics"))


def open_case_and_fund(system):
    case_no = ok(system.call("POST", "/api/applications", "officer", json=application()),
                 201)["case_no"]
    ok(system.call("POST", f"/api/cases/{case_no}/decision", "committee_office",
                   json={"accept": True}))
    funds = ok(system.call("GET", f"/api/funds?fund=consolation&year={YEAR}", "logistics"))
    if not funds["items"]:
        ok(system.call("PUT", "/api/funds", "logistics", json={
            "fund": "consolation", "year": YEAR, "budget": "1000000", "director_limit": "5000"}))
    return case_no


def balance(system):
    return ok(system.call("GET", f"/api/funds/consolation/{YEAR}/statement",
                          "logistics"))["balance_fen"]


def test_consolation_requested_reviewed_approved_from_the_inbox_and_disbursed(system, browser):
    b = browser
    case_no = open_case_and_fund(system)
    before = balance(system)

    # the political-work office requests it, from the case
    b.login("political_work")
    b.open(f"/payments/new?case_no={case_no}")
    checked(b, "pw-request-form")
    assert b.find("#f-case_no").get_attribute("value") == case_no
    b.fill("#f-fund", "consolation")
    b.fill("#f-amount", "0.001")                    # over-precise: said at the field
    b.fill("#f-payee", "张伟")
    b.fill("#f-purpose", "执勤中遭暴力袭击受伤，发放维权抚慰金")
    b.click(f"form[action='/payments'] {SUBMIT}")
    shows(b, "#f-amount-error", "两位小数")
    checked(b, "pw-request-refused")
    b.fill("#f-amount", "2000.50")
    b.click(f"form[action='/payments'] {SUBMIT}")
    shows(b, "#payment-state", "待审核")
    payment_id = b.path.split("/payments/")[1].split("?")[0]
    assert payment_of(system, payment_id)["amount_fen"] == 200050
    checked(b, "pw-requested")
    b.logout()

    # logistics reviews it from its queue
    b.login("logistics")
    b.open("/payments")
    checked(b, "lg-queue")
    b.click(f"#payments-requested tr[data-payment-id='{payment_id}'] a")
    shows(b, "#payment-state", "待审核")
    checked(b, "lg-payment-to-review")
    b.click("#review-accept")
    shows(b, "#payment-state", "待审批")
    assert payment_of(system, payment_id)["state"] == "reviewed"
    b.logout()

    # the director approves it from the director's inbox
    b.login("committee_director")
    b.open("/inbox")
    checked(b, "director-inbox")
    b.click(f"#payments-awaiting a[href='/payments/{payment_id}']")
    shows(b, "#payment-state", "待审批")
    checked(b, "director-payment")
    b.click("#approve")
    shows(b, "#payment-state", "已批准")
    approved = payment_of(system, payment_id)
    assert approved["state"] == "approved" and approved["decided_by"] == "committee_director"
    assert balance(system) == before - 200050
    b.logout()

    # logistics records the disbursement once its order is scheduled
    b.login("logistics")
    for _ in range(50):
        b.open(f"/payments/{payment_id}")
        if b.find_all("#f-voucher_no"):
            break
        time.sleep(0.2)
    checked(b, "lg-payment-to-disburse")
    b.fill("#f-voucher_no", "PZ-2026-0815")
    b.click("#disburse")
    shows(b, "#payment-state", "已支付")
    checked(b, "lg-disbursed")
    paid = payment_of(system, payment_id)
    assert paid["state"] == "disbursed" and paid["disbursement"]["voucher_no"] == "PZ-2026-0815"

    b.open(f"/funds/consolation/{YEAR}")
    checked(b, "lg-statement")
    st = ok(system.call("GET", f"/api/funds/consolation/{YEAR}/statement", "logistics"))
    assert st["reconciled"] is True and st["balance_fen"] == before - 200050
    assert st["balance"] in b.find("#balance").text
