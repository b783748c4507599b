"""A thin Selenium wrapper the browser tests share: a phone viewport, logging in through the
login form, numbered screenshots of each step, and axe-core (bundled in axe-selenium-python)
for accessibility checks."""
from pathlib import Path

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.common.exceptions import (NoSuchElementException, StaleElementReferenceException,
                                        WebDriverException)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
PHONE = (375, 812)
SERIOUS = ("serious", "critical")


def chromium_paths():
    return CHROMIUM, CHROMEDRIVER


class Browser:
    def __init__(self, base_url, artefacts: Path, javascript=True, size=PHONE):
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                    "--disable-gpu", "--lang=zh-CN", "--hide-scrollbars"):
            options.add_argument(arg)
        # A phone's viewport (headless windows are never narrower than 500 px).
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": {
            "width": size[0], "height": size[1], "pixelRatio": 1}})
        if not javascript:
            options.add_experimental_option(
                "prefs", {"profile.managed_default_content_settings.javascript": 2})
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        self.driver.set_page_load_timeout(30)
        self.base_url = base_url
        self.artefacts = artefacts
        self.javascript = javascript
        self.shots = 0

    # ---- navigation ------------------------------------------------------------------------
    def open(self, path):
        self.driver.get(self.base_url + path)
        return self

    @property
    def path(self):
        url = self.driver.current_url
        return url[len(self.base_url):] if url.startswith(self.base_url) else url

    @property
    def text(self):
        """The page's text; read again if the page was replaced while reading."""
        for _ in range(5):
            try:
                return self.driver.find_element(By.TAG_NAME, "body").text
            except StaleElementReferenceException:
                continue
        return self.driver.find_element(By.TAG_NAME, "body").text

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def fill(self, css, value):
        element = self.find(css)
        if element.tag_name == "select":
            from selenium.webdriver.support.ui import Select
            Select(element).select_by_value(value)
        else:
            element.clear()
            element.send_keys(value)
        return element

    def set_value(self, css, text):
        """Set a date (or any) field's value as its picker would, firing the input events."""
        self.driver.execute_script(
            "arguments[0].value = arguments[1];"
            "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
            "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
            self.find(css), text)

    def type_datetime(self, css, moment):
        """Set a datetime-local field as its picker would (Chrome's segmented editor does not
        take typed text reliably): the harness sets the value and fires the input events; the
        page's own scripts are not involved, so this works with JavaScript disabled too."""
        self.set_value(css, moment.strftime("%Y-%m-%dT%H:%M"))

    def scripts_run(self):
        """Whether a page's own script runs in this browser (a tiny page that retitles
        itself)."""
        self.driver.get("data:text/html,<title>no</title><script>document.title='yes'</script>")
        return self.driver.title == "yes"

    def click(self, css):
        self.find(css).click()

    def press(self, css):
        """Activate a button from the keyboard (Enter), as a keyboard user would. With
        JavaScript disabled, chromedriver's click() on a submit button never returns; the
        key press submits the same form."""
        self.find(css).send_keys(Keys.ENTER)

    def wait_for(self, condition, timeout=10):
        """Until condition(driver) holds; an element replaced by a page load meanwhile is
        simply looked up again. chromedriver reports some of those replacements not as a
        stale element but as a node that "does not belong to the document": the same case."""
        def tolerant(driver):
            try:
                return condition(driver)
            except WebDriverException as exc:
                if "does not belong to the document" in str(exc):
                    return False
                raise
        return WebDriverWait(self.driver, timeout, ignored_exceptions=(
            NoSuchElementException, StaleElementReferenceException)).until(tolerant)

    def wait_text(self, css, text, timeout=10):
        return self.wait_for(EC.text_to_be_present_in_element((By.CSS_SELECTOR, css), text),
                             timeout)

    def login(self, username, password="demo"):
        self.open("/login")
        self.fill("#username", username)
        self.fill("#password", password)
        self.press("form[action='/login'] button[type=submit]")
        self.wait_for(lambda d: "/login" not in d.current_url)
        return self

    def logout(self):
        self.press("form[action='/logout'] button")
        self.wait_for(lambda d: "/login" in d.current_url)

    def care_mode(self, on=True):
        """Switch 关怀版 with the header's button (remembered for the user)."""
        pressed = self.find("form[action='/care-mode'] button").get_attribute("aria-pressed")
        if (pressed == "true") != on:
            self.press("form[action='/care-mode'] button")
            self.wait_for(lambda d: ("care" in (d.find_element(By.TAG_NAME, "body")
                                                .get_attribute("class") or "")) == on)

    # ---- evidence of each step -------------------------------------------------------------
    def shot(self, step):
        self.shots += 1
        name = f"{self.shots:02d}-{step}.png"
        self.driver.save_screenshot(str(self.artefacts / name))
        return self.artefacts / name

    def viewport_width(self):
        return self.driver.execute_script("return window.innerWidth")

    def overflow_x(self):
        """How many CSS pixels the page is wider than the viewport (0: no sideways scroll)."""
        return self.driver.execute_script(
            "return document.documentElement.scrollWidth - window.innerWidth")

    def too_wide(self, width=PHONE[0], limit=5):
        """The elements reaching past the phone's width (tag#id.class), widest first."""
        return self.driver.execute_script("""
            const w = arguments[0], found = [];
            for (const e of document.body.querySelectorAll('*')) {
              const r = e.getBoundingClientRect();
              if (r.right > w + 0.5) found.push([r.right, e.tagName.toLowerCase() +
                (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string'
                ? '.' + e.className.trim().split(/\\s+/).join('.') : '')]);
            }
            found.sort((a, b) => b[0] - a[0]);
            return found.slice(0, arguments[1]).map(f => f[1] + ' (' + Math.round(f[0]) + 'px)');
        """, width, limit)

    def axe_violations(self, impacts=SERIOUS):
        """axe-core's violations of the page as loaded, those of the given impacts only."""
        axe = Axe(self.driver)
        axe.inject()
        results = axe.run()
        return [v for v in results["violations"] if v.get("impact") in impacts]

    def quit(self):
        self.driver.quit()


def describe(violations):
    """A readable list of axe violations for an assertion message."""
    lines = []
    for v in violations:
        targets = ", ".join(" ".join(n["target"]) for n in v["nodes"][:5])
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} -> {targets}")
    return "\n".join(lines)
