"""What the office pages' unit tests share: the frame's fake gateway with every demo account
and canned answers per RPC method, a signed-in browser, and cases in any status."""
import copy
import re

from sqlalchemy import insert

from gateway.models import users
from gateway.passwords import hash_password
from tests.unit.test_gateway_page_frame import CASE, T0, Browser, FakeGateway, hidden

CASE_NO = CASE["case_no"]
PEOPLE = {  # username -> (roles, police_id): the demo accounts
    "officer": ("officer", "360721001"), "other_officer": ("officer", "360721999"),
    "relative": ("relative", None), "committee_office": ("committee_office", None),
    "committee_director": ("committee_director", None),
    "committee_member": ("committee_member", None), "political_work": ("political_work", None),
}
REPLY = {"kind": "written_reply", "due": "2026-12-30T23:59:59+08:00", "provisional": False,
         "state": "running", "working_days_left": 22, "days_overdue": None}


def who(username):
    roles, police_id = PEOPLE[username]
    return {"username": username, "roles": [roles], "police_id": police_id, "unit": None,
            "name": username}


def case(status, filed_by="officer", police_id="360721001", deadlines=None, escalations=()):
    found = copy.deepcopy(CASE)
    found.update(status=status, filed_by=filed_by, escalations=list(escalations))
    if deadlines is not None:
        found["deadlines"] = list(deadlines)
    found["officer"] = {**found["officer"], "police_id": police_id}
    return found


class OfficeGateway(FakeGateway):
    """The frame's fake gateway with every demo account and canned answers per method."""

    def __init__(self, the_case):
        super().__init__()
        with self.factory() as s, s.begin():
            for username, (roles, police_id) in PEOPLE.items():
                if username != "officer":
                    s.execute(insert(users).values(
                        username=username, password_hash=hash_password("demo"), roles=roles,
                        name=username, police_id=police_id, active=True, created_at=T0))
        self.case, self.answers = the_case, {}

    def rpc(self, service, method, *args):
        self.calls.append((service, method, args))
        if method in self.answers:
            answer = self.answers[method]
            if isinstance(answer, Exception):
                raise answer
            return answer(*args) if callable(answer) else answer
        if method == "get_case":
            return self.case
        raise AssertionError(method)


def signed_in(gw, username):
    browser = Browser(gw)
    page = browser.go("GET", "/login")
    r = browser.go("POST", "/login", {"username": username, "password": "demo",
                                      "csrf": hidden(page.text)})
    assert r.status_code == 303
    return browser


def hidden_all(html, name):
    return re.findall(rf'name="{name}" value="([^"]*)"', html)


