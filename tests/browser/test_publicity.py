"""A typical-case statement through the portal on a phone (375x812, JavaScript on), one
screenshot per step (Art. 31, 11(8)): publicity drafts it with the officer's name and phone
in the text and sees them redacted with the reasons, legal affairs reviews it, the director
approves it from the director's inbox, publicity publishes it to the public, and the public
page (logged out) shows it redacted. Each page passes axe and fits the screen; each step is
read back through the JSON API."""
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.driver import describe
from tests.support.answers import ok
from tests.support.bodies import application

SECRET = ("张伟", "13800000000")   # the demo case's officer and the applicant's phone


def checked(b, step):
    b.shot(step)
    found = b.axe_violations()
    assert not found, describe(found)
    assert max(b.viewport_width() - 375, b.overflow_x()) <= 0, b.too_wide()


def shows(b, css, text, timeout=10):
    WebDriverWait(b.driver, timeout, ignored_exceptions=(WebDriverException,)).until(
        lambda d: text in d.find_element(By.CSS_SELECTOR, css).text)


def state_of(system, sid):
    return ok(system.call("GET", f"/api/publicity/statements/{sid}", "publicity"))["state"]


def test_drafted_redacted_reviewed_approved_and_published(system, browser):
    b = browser
    case_no = ok(system.call("POST", "/api/applications", "officer", json=application()),
                 201)["case_no"]
    ok(system.call("POST", f"/api/cases/{case_no}/decision", "committee_office",
                   json={"accept": True}))

    # publicity drafts it; the saved text is redacted and says what went and why
    b.login("publicity")
    b.open("/publicity/statements/new")
    checked(b, "pb-new")
    b.fill("#f-kind", "typical_case")
    b.fill("#f-case_no", case_no)
    b.fill("#f-title", "民警依法处置警情遭辱骂典型案例")
    b.fill("#f-body", "民警张伟依法处置警情时遭辱骂，其电话13800000000被恶意公开，侵权人已被依法处理。")
    b.click("#draft")
    shows(b, "#statement-state", "草稿")
    sid = b.path.split("/publicity/statements/")[1].split("?")[0]
    body = b.find("#statement-body").text
    assert not any(s in body for s in SECRET), body
    assert "13800000000" in b.find("#findings").text     # the reviewer's record
    checked(b, "pb-drafted")
    b.click("#submit-review")
    shows(b, "#statement-state", "待法制审核")
    b.logout()

    # legal affairs reviews it from the queue
    b.login("legal_affairs")
    b.open("/publicity")
    checked(b, "la-queue")
    b.click(f"#statements-submitted tr[data-statement-id='{sid}'] a")
    shows(b, "#statement-state", "待法制审核")
    checked(b, "la-statement")
    b.click("#review-yes")
    shows(b, "#statement-state", "法制审核通过")
    assert state_of(system, sid) == "legal_reviewed"
    b.logout()

    # the director approves it from the inbox
    b.login("committee_director")
    b.open("/inbox")
    checked(b, "director-inbox")
    b.click(f"#statements-awaiting a[href='/publicity/statements/{sid}']")
    shows(b, "#statement-state", "法制审核通过")
    b.click("#approve-yes")
    shows(b, "#statement-state", "维权委已批准")
    assert state_of(system, sid) == "committee_approved"
    b.logout()

    # publicity publishes it to the public
    b.login("publicity")
    b.open(f"/publicity/statements/{sid}")
    checked(b, "pb-to-publish")
    b.fill("#f-scope", "public")
    b.click("#publish")
    shows(b, "#statement-state", "已发布")
    checked(b, "pb-published")
    b.logout()

    # anyone, logged out, reads it on the public page, redacted
    b.open("/public")
    checked(b, "public-list")
    b.click(f"#public-statements li[data-statement-id='{sid}'] a")
    shows(b, "#public-body", "辱骂")
    checked(b, "public-statement")
    assert not any(s in b.find("main").text for s in SECRET)
