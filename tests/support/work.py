"""Giving a department work on a case the way the system does it, for the tests that act as
that department: the cyber brigade sees (and attaches evidence to) only the cases its own
work items name, so a test first files a case of an online category, has the committee
office accept it, and waits until intake shows the brigade's web-evidence item."""
from tests.support.answers import ok
from tests.support.bodies import application
from tests.support.waiting import wait_until

ONLINE = "malicious_complaint_hype"


def brigade_item(system, case_no):
    """The cyber brigade's web-evidence item on the case as intake shows it, or None."""
    case = ok(system.call("GET", f"/api/cases/{case_no}", "committee_office"))
    return next((i for i in case["work_items"] if i["department"] == "cyber_brigade"
                 and i["kind"] == "web_evidence"), None)


def cyber_case(system, category=ONLINE, timeout=20, **overrides):
    """An officer's application of an online category, accepted; returns its number once
    the cyber brigade may see it (its web-evidence item is on the case)."""
    case_no = ok(system.call("POST", "/api/applications", "officer",
                             json=application(category=category, **overrides)), 201)["case_no"]
    ok(system.call("POST", f"/api/cases/{case_no}/decision", "committee_office",
                   json={"accept": True}))
    wait_until(lambda: brigade_item(system, case_no), timeout=timeout,
               what=f"the cyber brigade's web-evidence item on {case_no}")
    return case_no
