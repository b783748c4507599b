"""A fake gateway for the command center's pages: dispatch's RPC methods over dicts in memory,
answering the contract's shapes and refusing as dispatch does (contract errors, conflicts,
unknown ids), and a signed-in browser of the page-frame tests."""
import uuid

from sqlalchemy import insert

from weiquan.contracts import policy
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import (DispatchUnitsV1, ProtectiveOrderExtensionV1,
                                        ProtectiveOrderRevocationV1, ProtectiveOrderV1,
                                        ReportIncidentV1, UnitStatusV1, UnitV1)
from weiquan.errors import Conflict, Invalid, NotFound
from weiquan.kit.errors import from_domain

from gateway.models import users
from gateway.passwords import hash_password
from tests.unit.test_gateway_page_frame import T0, Browser, FakeGateway, hidden

AT = "2026-11-30T09:00:00+08:00"


class Dispatch:
    """dispatch's RPC methods over dicts, answering the contract's shapes."""

    def __init__(self):
        self.incidents, self.units, self.orders, self.requests = {}, {}, {}, {}

    def _incident(self, incident_id):
        if incident_id not in self.incidents:
            raise from_domain(NotFound("incident", incident_id))
        return self.incidents[incident_id]

    def report_incident(self, body, principal, request_id=None):
        cmd = load_or_error(ReportIncidentV1, body)
        if request_id in self.requests:
            return {"incident_id": self.requests[request_id], "case_no": None}
        incident_id = str(uuid.uuid4())
        self.requests[request_id] = incident_id
        self.incidents[incident_id] = {
            "incident_id": incident_id, "status": "open", "case_no": None, **cmd,
            "reported_at": AT, "reported_by": principal["username"],
            "closed_at": None, "dispatches": []}
        return {"incident_id": incident_id, "case_no": None}

    def list_incidents(self, filters, principal):
        items = [i for i in self.incidents.values()
                 if not filters.get("status") or i["status"] == filters["status"]]
        return {"items": items, "total": len(items), "page": filters["page"],
                "page_size": filters["page_size"]}

    def get_incident(self, incident_id, principal):
        return self._incident(incident_id)

    def dispatch_units(self, incident_id, body, principal):
        load_or_error(DispatchUnitsV1, body)
        incident = self._incident(incident_id)
        busy = [u for u in body["unit_ids"] if self.units[u]["status"] != "available"]
        if busy:
            raise from_domain(Conflict("unit_unavailable", units=", ".join(busy)))
        made = []
        for unit_id in body["unit_ids"]:
            unit = self.units[unit_id]
            unit["status"] = "dispatched"
            made.append({"dispatch_id": str(uuid.uuid4()), "incident_id": incident_id,
                         "unit_id": unit_id, "unit_name": unit["name"],
                         "unit_kind": unit["kind"], "state": "awaiting_ack",
                         "dispatched_at": AT, "acknowledged_at": None, "arrived_at": None,
                         "escalated_at": None})
        incident["dispatches"] += made
        return {"incident_id": incident_id, "dispatches": made}

    def _dispatch(self, dispatch_id):
        for incident in self.incidents.values():
            for d in incident["dispatches"]:
                if d["dispatch_id"] == dispatch_id:
                    return d
        raise from_domain(NotFound("dispatch", dispatch_id))

    def acknowledge(self, dispatch_id, principal):
        d = self._dispatch(dispatch_id)
        if d["acknowledged_at"]:
            raise from_domain(Conflict("already_acknowledged"))
        d.update(state="acknowledged", acknowledged_at=AT)
        return d

    def arrive(self, dispatch_id, principal):
        d = self._dispatch(dispatch_id)
        d.update(state="arrived", arrived_at=AT)
        self.units[d["unit_id"]]["status"] = "on_scene"
        return d

    def close_incident(self, incident_id, principal):
        incident = self._incident(incident_id)
        if incident["status"] == "closed":
            raise from_domain(Conflict("incident_closed", reason="incident_already_closed"))
        incident.update(status="closed", closed_at=AT)
        for d in incident["dispatches"]:
            self.units[d["unit_id"]]["status"] = "available"
        return incident

    def register_unit(self, body, principal):
        cmd = load_or_error(UnitV1, body)
        if any(u["name"] == cmd["name"] for u in self.units.values()):
            raise from_domain(Conflict("unit_exists", name=cmd["name"]))
        unit_id = str(uuid.uuid4())
        self.units[unit_id] = {"unit_id": unit_id, "name": cmd["name"], "kind": cmd["kind"],
                               "status": cmd.get("status", "available")}
        return self.units[unit_id]

    def list_units(self, principal):
        return {"items": list(self.units.values())}

    def set_unit_status(self, unit_id, body, principal):
        load_or_error(UnitStatusV1, body)
        unit = self.units[unit_id]
        if unit["status"] in ("dispatched", "on_scene"):
            raise from_domain(Conflict("unit_busy", unit_status=unit["status"],
                                       requested_status=body["status"]))
        unit["status"] = body["status"]
        return unit

    def issue_protective_order(self, body, principal, request_id=None):
        cmd = load_or_error(ProtectiveOrderV1, body)
        if request_id in self.requests:
            return self.get_protective_order(self.requests[request_id], principal)
        order_id = str(uuid.uuid4())
        self.requests[request_id] = order_id
        self.orders[order_id] = {"order_id": order_id, "case_no": cmd.get("case_no"),
                                 "incident_id": cmd.get("incident_id"), "persons": body["persons"],
                                 "measures": body["measures"], "valid_until": body["valid_until"],
                                 "issued_at": AT, "issued_by": principal["username"],
                                 "address": body["address"], "state": "active",
                                 "revoked_at": None,
                                 "history": [{"change": "issued", "at": AT,
                                              "by": principal["username"], "reason": None,
                                              "valid_until": body["valid_until"]}]}
        return self.orders[order_id]

    def get_protective_order(self, order_id, principal):
        if order_id not in self.orders:
            raise from_domain(NotFound("protective_order", order_id))
        order = dict(self.orders[order_id])
        if not policy.allowed("dispatch", "see_address", principal):
            order.pop("address")
        return order

    def _change_order(self, order_id, principal, change, valid_until, reason):
        order = self.orders.get(order_id)
        if order is None:
            raise from_domain(NotFound("protective_order", order_id))
        if order["state"] != "active":
            raise from_domain(Conflict(f"order_{order['state']}", state=order["state"]))
        order["valid_until"] = valid_until
        order["history"].append({"change": change, "at": AT, "by": principal["username"],
                                 "reason": reason, "valid_until": valid_until})
        return order

    def extend_protective_order(self, order_id, body, principal):
        cmd = load_or_error(ProtectiveOrderExtensionV1, body)
        order = self.orders.get(order_id)
        if order and cmd["valid_until"].isoformat() <= order["valid_until"]:
            raise from_domain(Invalid.one("valid_until", "validity_not_later",
                                          current=order["valid_until"]))
        return self._change_order(order_id, principal, "extended",
                                  cmd["valid_until"].isoformat(), cmd["reason"])

    def revoke_protective_order(self, order_id, body, principal):
        cmd = load_or_error(ProtectiveOrderRevocationV1, body)
        order = self._change_order(order_id, principal, "revoked", AT, cmd["reason"])
        order.update(state="revoked", revoked_at=AT)
        return order

    def board(self, principal, limit=50):
        return {"incidents": list(self.incidents.values())[:limit],
                "units": list(self.units.values())}


class BoardProxy:
    """gw.dispatch.board as kit.rpc.call sees a nameko proxy method."""

    def __init__(self, service):
        self.service = service

    def call_async(self, principal):
        answer = {"ok": self.service.board(principal)}
        return type("Reply", (), {"result": lambda _: answer})()


class CommandGateway(FakeGateway):
    def __init__(self):
        super().__init__()
        self.service = Dispatch()
        self.dispatch = type("Proxy", (), {"board": BoardProxy(self.service)})()
        with self.factory() as s, s.begin():
            for username, role in (("cc", "command_center"), ("office", "committee_office")):
                s.execute(insert(users).values(
                    username=username, password_hash=hash_password("demo"), roles=role,
                    name=role, active=True, created_at=T0))

    def rpc(self, service, method, *args):
        self.calls.append((service, method, args))
        if service != "dispatch":
            return super().rpc(service, method, *args)
        return getattr(self.service, method)(*args)


def signed_in(gw, username="cc"):
    browser = Browser(gw)
    page = browser.go("GET", "/login")
    r = browser.go("POST", "/login", {"username": username, "password": "demo",
                                      "csrf": hidden(page.text)})
    assert r.status_code == 303
    return browser


def unit(gw, name="巡逻一组", kind="patrol"):
    return gw.service.register_unit({"name": name, "kind": kind}, {})["unit_id"]


REPORT = {"officers.0.name": "张伟", "officers.0.police_id": "360721001",
          "officers.0.unit": "城关派出所", "category": "mobbing_obstruction",
          "place": "城关镇红旗大道", "description": "处警时遭多人围堵", "injury": "on"}


def report(browser, **changes):
    page = browser.go("GET", "/incidents")
    form = {**REPORT, "csrf": hidden(page.text), "idem": hidden(page.text, "idem"), **changes}
    return browser.go("POST", "/incidents", form)
