"""axe-core on every HTML page of the portal, opened by a user who may open it, in normal
mode and in care mode (关怀版): no serious or critical violation. Each page also fits a 375 px
phone screen without sideways scrolling, and is the page itself, not an error page."""
import pytest

from gateway.operation import PUBLIC

from tests.browser.driver import Browser, describe
from tests.browser.pages import html_pages, opener, url_of
from tests.support.known import known_objects

ERROR_PAGE = "错误代码 / Code:"


@pytest.fixture(scope="module")
def known(system):
    return known_objects(system)


def check(browser, url, mode, failures):
    browser.open(url)
    body = browser.text
    if ERROR_PAGE in body:
        failures.append(f"{url} [{mode}]: an error page: {body[:200]!r}")
        return
    violations = browser.axe_violations()
    if violations:
        failures.append(f"{url} [{mode}]:\n{describe(violations)}")
    # Content wider than the phone widens the layout viewport itself (innerWidth > 375).
    wider = max(browser.viewport_width() - 375, browser.overflow_x())
    if wider > 0:
        failures.append(f"{url} [{mode}]: {wider} px wider than a 375 px screen: "
                        f"{browser.too_wide()}")


def test_every_page_passes_axe_in_normal_and_care_mode(system, known, artefacts):
    by_user = {}
    for page in html_pages():
        by_user.setdefault(None if page.access == PUBLIC else opener(page), []).append(page)
    failures, checked = [], []
    for username, pages in by_user.items():
        browser = Browser(system.base_url, artefacts)
        try:
            if username is None:
                for page in pages:
                    check(browser, url_of(page, known), "public", failures)
                    checked.append(page.path)
                continue
            browser.login(username)
            for care in (False, True):
                browser.care_mode(care)
                for page in pages:
                    url = url_of(page, known)
                    check(browser, url, "care" if care else "normal", failures)
                    checked.append(page.path)
                    browser.shot(f"{username}-{'care' if care else 'normal'}-{page.name}")
            browser.care_mode(False)
        finally:
            browser.quit()
    print(f"checked {len(checked)} page views: {sorted(set(checked))}")
    assert not failures, "\n\n".join(failures)
    assert len(set(checked)) == len(html_pages())
