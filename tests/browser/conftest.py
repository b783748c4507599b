"""The browser tier: the portal in Debian's headless Chromium through Selenium, against the
running system (the session's `system` fixture). The driver is /usr/bin/chromedriver with
/usr/bin/chromium: nothing is downloaded. Screenshots of each step go to the artefact folder
(WEIQUAN_TEST_ARTEFACTS, default var/test-artefacts/browser)."""
import os
import re
import shutil
from pathlib import Path

import pytest

from tests.browser.driver import Browser, chromium_paths

ARTEFACTS = Path(os.environ.get("WEIQUAN_TEST_ARTEFACTS",
                                Path(__file__).resolve().parents[2] / "var" / "test-artefacts"
                                / "browser"))


def pytest_collection_modifyitems(config, items):
    missing = [p for p in chromium_paths() if shutil.which(p) is None]
    for item in items:
        if "tests/browser/" not in str(item.fspath).replace(os.sep, "/"):
            continue
        item.add_marker(pytest.mark.browser)
        if missing:
            item.add_marker(pytest.mark.skip(
                reason=f"{', '.join(missing)} not installed: apt install chromium "
                       "chromium-driver (.ci/run does)"))


@pytest.fixture
def artefacts(request):
    """A folder of this test's own for its screenshots."""
    folder = ARTEFACTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def browser(system, artefacts):
    """A phone-sized (375x812) Chromium with JavaScript on."""
    b = Browser(system.base_url, artefacts)
    yield b
    b.quit()


@pytest.fixture
def browser_without_js(system, artefacts):
    b = Browser(system.base_url, artefacts, javascript=False)
    yield b
    b.quit()
