"""nameko adapter of the command center: validate, load, call the domain, commit, emit."""
import logging
import uuid

from nameko.rpc import rpc
from sqlalchemy.exc import IntegrityError

from weiquan.contracts.base import load_or_error
from weiquan.contracts.codes import INCIDENT_STATUSES
from weiquan.contracts.commands import (DispatchUnitsV1, PrincipalV1, ReportIncidentV1,
                                       UnitStatusV1, UnitV1)
from weiquan.contracts.events import subscriptions_of
from weiquan.kit.consumer import reliable_event_handler
from weiquan.kit.errors import conflict, not_found, validation_error
from weiquan.kit.inbox import claim
from weiquan.kit.nameko_deps import Clock, Database, MetricsEndpoint
from weiquan.kit.idempotent import create_once
from weiquan.kit.readiness import Readiness
from weiquan.kit.rpc import answers

from dispatch import events
from dispatch.domain import rules
from dispatch.escalation import EscalationEntrypoints
from dispatch.models import inbox, metadata
from dispatch.order_entrypoints import OrderEntrypoints
from dispatch.repository import DispatchRepository
from dispatch.views import dispatch_view, incident_view, unit_view

log = logging.getLogger(__name__)


def new_id():
    return str(uuid.uuid4())


class DispatchService(EscalationEntrypoints, OrderEntrypoints, Readiness):
    name = "dispatch"

    db = Database(metadata, "dispatch", declare_queues=subscriptions_of("dispatch"))
    clock = Clock()
    metrics_endpoint = MetricsEndpoint()

    @staticmethod
    def _principal(principal):
        return load_or_error(PrincipalV1, principal)

    @staticmethod
    def _incident(repo, incident_id, for_update=False):
        inc = repo.get_incident(incident_id, for_update=for_update)
        if inc is None:
            raise not_found("警情", "Incident", incident_id)
        return inc

    # ---- incidents (Art. 13) -------------------------------------------------------------
    @rpc
    @answers
    def report_incident(self, command, principal, request_id=None):
        """``request_id`` makes a report idempotent, like intake's submissions."""
        principal = self._principal(principal)
        cmd = load_or_error(ReportIncidentV1, command)
        now = self.clock.now()
        inc = rules.report_incident(new_id(), cmd, principal, now)

        def create(uow):
            DispatchRepository(uow.session).add_incident(inc, request_id)
            events.incident_reported(uow, inc, principal, now)

        existing, _ = create_once(
            self.db, lambda session: DispatchRepository(session).find_by_request(request_id),
            create)
        if existing is not None:
            with self.db.session() as session:
                inc = DispatchRepository(session).get_incident(existing)
        return {"incident_id": inc.id, "case_no": inc.case_no}

    @rpc
    @answers
    def get_incident(self, incident_id, principal):
        rules.require_reader(self._principal(principal))
        with self.db.session() as session:
            repo = DispatchRepository(session)
            inc = self._incident(repo, incident_id)
            return incident_view(inc, repo.units({d.unit_id for d in inc.dispatches}))

    @rpc
    @answers
    def list_incidents(self, filters, principal):
        rules.require_reader(self._principal(principal))
        status = filters.get("status")
        if status and status not in INCIDENT_STATUSES:
            raise validation_error({"status": f"状态无效 / Unknown status: {status}"})
        page, size = int(filters.get("page", 1)), int(filters.get("page_size", 20))
        with self.db.session() as session:
            repo = DispatchRepository(session)
            total, ids = repo.list_incidents(status, (page - 1) * size, size)
            found = [repo.get_incident(i) for i in ids]
            units = repo.units({d.unit_id for inc in found for d in inc.dispatches})
        return {"items": [incident_view(i, units) for i in found], "page": page,
                "page_size": size, "total": total}

    @rpc
    @answers
    def board(self, principal, limit=50):
        """The live board: latest incidents with their dispatches, and every unit."""
        principal = self._principal(principal)
        rules.require_command_center(principal)
        with self.db.session() as session:
            repo = DispatchRepository(session)
            _, ids = repo.list_incidents(None, 0, limit)
            found = [repo.get_incident(i) for i in ids]
            units = repo.units()
        return {"incidents": [incident_view(i, units) for i in found],
                "units": [unit_view(u) for u in units.values()]}

    @rpc
    @answers
    def close_incident(self, incident_id, principal):
        principal = self._principal(principal)
        with self.db.uow() as uow:
            repo = DispatchRepository(uow.session)
            inc = self._incident(repo, incident_id, for_update=True)
            units = repo.units({d.unit_id for d in inc.dispatches}, for_update=True)
            rules.close_incident(inc, units, principal, self.clock.now())
            repo.save_incident(inc)
            repo.save_units(units.values())
        return incident_view(inc, units)

    # ---- units -----------------------------------------------------------------------------
    @rpc
    @answers
    def register_unit(self, command, principal):
        principal = self._principal(principal)
        unit = rules.new_unit(new_id(), load_or_error(UnitV1, command), principal)
        exists = conflict("unit_exists", f"警力名称已存在: {unit.name}",
                          f"A unit with this name exists: {unit.name}")
        try:
            with self.db.uow() as uow:
                repo = DispatchRepository(uow.session)
                if repo.unit_by_name(unit.name):
                    raise exists
                repo.add_unit(unit)
        except IntegrityError:
            raise exists from None
        return unit_view(unit)

    @rpc
    @answers
    def list_units(self, principal):
        rules.require_reader(self._principal(principal))
        with self.db.session() as session:
            return {"items": [unit_view(u) for u in DispatchRepository(session).units().values()]}

    @rpc
    @answers
    def set_unit_status(self, unit_id, command, principal):
        principal = self._principal(principal)
        cmd = load_or_error(UnitStatusV1, command)
        with self.db.uow() as uow:
            repo = DispatchRepository(uow.session)
            unit = repo.units([unit_id], for_update=True).get(unit_id)
            if unit is None:
                raise not_found("警力", "Unit", unit_id)
            rules.set_unit_status(unit, cmd["status"], principal)
            repo.save_units([unit])
        return unit_view(unit)

    # ---- dispatch --------------------------------------------------------------------------
    @rpc
    @answers
    def dispatch_units(self, incident_id, command, principal):
        principal = self._principal(principal)
        cmd = load_or_error(DispatchUnitsV1, command)
        now = self.clock.now()
        with self.db.uow() as uow:
            repo = DispatchRepository(uow.session)
            inc = self._incident(repo, incident_id, for_update=True)
            units = repo.units(cmd["unit_ids"], for_update=True)
            made = rules.dispatch_units(inc, cmd["unit_ids"], units, principal, now, new_id)
            repo.add_dispatches(made)
            repo.save_units(units.values())
            events.units_dispatched(uow, inc, made, units, principal, now)
        return {"incident_id": inc.id, "dispatches": [dispatch_view(d, units[d.unit_id])
                                                      for d in made]}

    def _step(self, dispatch_id, principal, rule, announce):
        principal = self._principal(principal)
        now = self.clock.now()
        with self.db.uow() as uow:
            repo = DispatchRepository(uow.session)
            d = repo.get_dispatch(dispatch_id, for_update=True)
            if d is None:
                raise not_found("派警", "Dispatch", dispatch_id)
            unit = repo.units([d.unit_id], for_update=True)[d.unit_id]
            rule(d, unit, principal, now)
            repo.save_dispatch(d)
            repo.save_units([unit])
            announce(uow, d, unit, repo.get_incident(d.incident_id).case_no, principal, now)
        return dispatch_view(d, unit)

    @rpc
    @answers
    def acknowledge(self, dispatch_id, principal):
        return self._step(dispatch_id, principal,
                          lambda d, unit, p, now: rules.acknowledge(d, p, now),
                          events.unit_acknowledged)

    @rpc
    @answers
    def arrive(self, dispatch_id, principal):
        return self._step(dispatch_id, principal, rules.arrive, events.unit_arrived)


    # ---- the case intake opened for an incident (link both ways) ------------------------------
    @reliable_event_handler("intake", "application_submitted")
    def on_application_submitted(self, body):
        incident_id = body.get("incident_id")
        if not incident_id:
            return  # an ordinary application: nothing for the command center
        with self.db.uow() as uow:
            if not claim(uow.session, inbox, body["event_id"], "dispatch.on_application_submitted"):
                return
            repo = DispatchRepository(uow.session)
            inc = repo.get_incident(incident_id, for_update=True)
            if inc is None:
                log.error("case %s names unknown incident %s", body["case_no"], incident_id)
                return
            if rules.link_case(inc, body["case_no"]):
                repo.save_incident(inc)
