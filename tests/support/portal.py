"""The portal as a browser without JavaScript uses it, for the e2e tests: the CSRF token read
from a page, and a signed-in requests session."""
import re

import requests


def hidden(html, name="csrf"):
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def login(base_url, username="officer"):
    """(session, the login post's answer): a 303 with the session cookie."""
    browser = requests.Session()
    page = browser.get(base_url + "/login", timeout=10)
    r = browser.post(base_url + "/login", data={"username": username, "password": "demo",
                                                "csrf": hidden(page.text)},
                     allow_redirects=False, timeout=10)
    assert r.status_code == 303, r.text
    return browser, r


def signed_in(base_url, username):
    return login(base_url, username)[0]
