"""One existing object of the logistics office behind each of its path parameters: this
year's consolation fund and a payment request on the known case (for the contract fuzzing
and the browser tier, through tests/support/known.py)."""
from datetime import datetime

from weiquan.config import TZ


def _ok(response):
    assert response.status_code in (200, 201), response.text
    return response.json()


def logistics_objects(system, case_no):
    year = datetime.now(TZ).year
    funds = _ok(system.call("GET", f"/api/funds?fund=consolation&year={year}", "logistics"))
    if not funds["items"]:
        _ok(system.call("PUT", "/api/funds", "logistics", json={
            "fund": "consolation", "year": year, "budget": "1000000",
            "director_limit": "5000"}))
    payment = _ok(system.call("POST", "/api/payments", "logistics", json={
        "case_no": case_no, "fund": "consolation", "amount": "500.00", "payee": "张伟",
        "purpose": "民警执法受伤，发放维权抚慰金"}))
    return {"payment_id": payment["payment_id"], "fund": "consolation", "year": year}
