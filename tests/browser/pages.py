"""Which portal pages a browser test can open, made from the page table (so every page a
later issue adds is checked too), with the demo user who may open each."""
from gateway.pages.table import PAGES

# Preference order of the demo users (their username is their role) opening a page.
USERS = ("officer", "committee_office", "committee_director", "command_center",
         "cyber_brigade", "political_work", "logistics", "legal_affairs", "publicity",
         "relative", "unit_liaison", "committee_member", "ops")

# GET pages that are not an HTML page to check, and why.
NOT_HTML = (
    ("/static/", "a script or style file"),
    (".csv", "a file download"),
    (".xlsx", "a file download"),
    ("/stream", "a server-sent event stream"),
    ("/download", "a redirect to the object store"),
)


def not_html(page):
    for part, why in NOT_HTML:
        if part in page.path:
            return why
    return None


def html_pages():
    return [p for p in PAGES if p.method == "GET" and not_html(p) is None]


def opener(page):
    """The first demo user the page's access rule lets in (PUBLIC pages: none needed)."""
    for username in USERS:
        if page.allows({"username": username, "roles": [username]}):
            return username
    raise AssertionError(f"no demo user may open {page.path}")


def url_of(page, known):
    missing = [name for name in page.path_params if name not in known]
    assert not missing, f"{page.path}: no known object for {missing}; add it to " \
                        "tests/support/known.py"
    path = page.path
    for name in page.path_params:
        path = path.replace("{" + name + "}", str(known[name]))
    return path
