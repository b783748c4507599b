"""What the command center announces, as the rules record it: facts only, no bus and no wire
format (dispatch/events.py turns each into its outbox event). A rule appends its events to
the object it changed (``recorded``); the handler stages them in the same transaction.

Each event holds its actor and the moment it happened; ``case_no`` is None until intake has
opened the case for the incident. The protected persons' names and address never appear."""
from dataclasses import dataclass
from datetime import datetime
from typing import Optional

# The escalation sweep acts for nobody in particular.
SYSTEM = {"username": "system", "roles": ["command_center"]}


@dataclass(frozen=True)
class UnitRef:
    """One dispatched unit, as every event about a dispatch names it."""
    dispatch_id: str
    unit_id: str
    unit_name: str
    unit_kind: str


@dataclass(frozen=True)
class IncidentReported:
    """Intake opens the case from it, hence the place and the description (here only)."""
    incident_id: str
    case_no: Optional[str]
    officers: list
    category: str
    place: str
    description: str
    reported_at: datetime
    flags: dict
    actor: dict
    at: datetime


@dataclass(frozen=True)
class UnitsDispatched:
    incident_id: str
    case_no: Optional[str]
    dispatched_at: datetime
    units: tuple      # of UnitRef
    actor: dict
    at: datetime


@dataclass(frozen=True)
class UnitAcknowledged:
    incident_id: str
    case_no: Optional[str]
    unit: UnitRef
    dispatched_at: datetime
    acknowledged_at: datetime
    after_escalation: bool
    actor: dict
    at: datetime


@dataclass(frozen=True)
class UnitArrived:
    incident_id: str
    case_no: Optional[str]
    unit: UnitRef
    dispatched_at: datetime
    arrived_at: datetime
    actor: dict
    at: datetime


@dataclass(frozen=True)
class DispatchUnacknowledged:
    """Escalation: nobody acknowledged within the timeout (recorded once per dispatch)."""
    incident_id: str
    case_no: Optional[str]
    unit: UnitRef
    dispatched_at: datetime
    escalated_at: datetime
    timeout_seconds: float
    actor: dict
    at: datetime


@dataclass(frozen=True)
class ProtectiveOrderIssued:
    """Art. 20: how many persons and which measures; no names, no address."""
    incident_id: Optional[str]
    case_no: Optional[str]
    order_id: str
    persons: int
    measures: tuple
    valid_until: datetime
    issued_at: datetime
    actor: dict
    at: datetime


@dataclass(frozen=True)
class ProtectiveOrderChanged:
    """Art. 20: extended or revoked; the reason stays behind, like the address and names."""
    incident_id: Optional[str]
    case_no: Optional[str]
    order_id: str
    change: str                    # extended | revoked
    valid_until: datetime
    actor: dict
    at: datetime


@dataclass(frozen=True)
class WorkAnnounced:
    """A work item as it now is (contracts.events_work): ``event_type`` is work_opened or
    work_closed; the summary never names a person or an address."""
    event_type: str
    case_no: str
    item_id: str
    kind: str
    owner: str
    due: Optional[datetime]
    state: str
    summary: str
    actor: dict
    at: datetime


def actor_of(principal):
    """Who acted, as an event names them (the principal's other facts stay behind)."""
    return {"username": principal["username"], "roles": list(principal["roles"])}


def unit_ref(dispatch, unit):
    return UnitRef(dispatch_id=dispatch.id, unit_id=unit.id, unit_name=unit.name,
                   unit_kind=unit.kind)


def pull(*changed):
    """The events recorded on these objects, in order, leaving them empty."""
    found = []
    for obj in changed:
        found.extend(obj.recorded)
        obj.recorded.clear()
    return found
