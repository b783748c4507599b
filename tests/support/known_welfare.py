"""One existing object of the political-work office behind each welfare path parameter: the
green channel the known injured case opened, an insurance claim, a psychological referral, a
training (for the contract fuzzing and the browser tier, through tests/support/known.py)."""
import time
from datetime import datetime

from weiquan.config import TZ

PW = "political_work"


def _ok(response):
    assert response.status_code in (200, 201), response.text
    return response.json()


def green_channel_item(system, case_no, timeout=15.0):
    """The id of the green channel welfare opened for an injured case (by an event)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        r = system.call("GET", "/api/welfare/work?kind=green_channel&page_size=100", PW)
        if r.status_code == 200:
            for item in r.json()["items"]:
                if item["case_no"] == case_no:
                    return item["item_id"]
        time.sleep(0.1)
    raise AssertionError(f"no green channel for {case_no} within {timeout} s")


def welfare_objects(system, case_no):
    item_id = green_channel_item(system, case_no)
    claim = _ok(system.call("POST", f"/api/welfare/cases/{case_no}/insurance-claims", PW,
                            json={"insurer": "人保财险", "policy_no": "KNOWN-001"}))["claim_id"]
    referral = _ok(system.call("POST", f"/api/welfare/cases/{case_no}/psych-referrals", PW,
                               json={"person": {"type": "officer", "name": "张伟"}})
                   )["referral_id"]
    training = _ok(system.call("POST", "/api/welfare/trainings", PW, json={
        "title": "执法安全培训", "topic": "现场自我防护", "trainer": "李教官",
        "held_at": datetime.now(TZ).isoformat()}))["training_id"]
    return {"item_id": item_id, "claim_id": claim, "referral_id": referral,
            "training_id": training}
