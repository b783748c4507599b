"""One existing object behind every path parameter the API and the portal have: a case with
evidence, an incident with a dispatched unit, a protective order, a takedown. The contract
fuzzing and the browser tier both start from these."""
import uuid
from datetime import datetime, timedelta

from weiquan.config import TZ

from tests.support.evidence_files import PNG, blob
from tests.support.known_legal import legal_objects
from tests.support.known_logistics import logistics_objects
from tests.support.known_publicity import publicity_objects
from tests.support.known_welfare import welfare_objects
from tests.support.work import cyber_case


def _ok(response):
    assert response.status_code in (200, 201), response.text
    return response.json()


def known_objects(system):
    """One existing object behind every path parameter the API has."""
    # the officer's injured application of an online category, accepted: the cyber brigade
    # has its web-evidence item on it, so its pages (web captures, takedowns) open too
    case_no = cyber_case(system)
    officer = {"police_id": "360721001", "name": "张伟", "unit": "城关派出所"}
    incident = _ok(system.call("POST", "/api/incidents", "command_center", json={
        "officers": [officer], "place": "城关镇", "description": "围堵执勤民警",
        "category": "mobbing_obstruction", "ongoing": True}))["incident_id"]
    unit = _ok(system.call("POST", "/api/units", "command_center", json={
        "name": f"契约测试组-{uuid.uuid4().hex[:8]}", "kind": "patrol"}))["unit_id"]
    dispatched = _ok(system.call("POST", f"/api/incidents/{incident}/dispatch",
                                 "command_center", json={"unit_ids": [unit]}))
    order = _ok(system.call("POST", "/api/protective-orders", "command_center", json={
        "persons": [{"type": "officer", "name": "张伟", "police_id": "360721001"}],
        "measures": ["住所周边巡逻"], "address": "城关镇某小区",
        "valid_until": (datetime.now(TZ) + timedelta(days=30)).isoformat(),
        "incident_id": incident}))["order_id"]
    evidence = _ok(system.call("POST", f"/api/cases/{case_no}/evidence", "officer",
                               data=blob(PNG, 2048), params={"kind": "photo",
                                                             "filename": "scene.png"},
                               headers={"Content-Type": "image/png"}))["evidence_id"]
    takedown = _ok(system.call("POST", f"/api/cases/{case_no}/takedowns", "cyber_brigade",
                               json={"url": "https://example.com/post/1",
                                     "platform": "微博"}))["takedown_id"]
    return {"case_no": case_no, "incident_id": incident, "unit_id": unit,
            "dispatch_id": dispatched["dispatches"][0]["dispatch_id"], "order_id": order,
            "evidence_id": evidence, "takedown_id": takedown, "kind": "acceptance_decision",
            **welfare_objects(system, case_no), **logistics_objects(system, case_no),
            **legal_objects(system, case_no), **publicity_objects(system, case_no)}
