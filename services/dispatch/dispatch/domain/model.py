"""What the command center works with: incidents, units, dispatches, protective orders and
its work items.
``recorded`` holds the domain events a rule recorded on the object and nobody staged yet."""
from dataclasses import dataclass, field
from datetime import datetime
from typing import Optional


@dataclass
class Incident:
    id: str
    officers: list                 # [{police_id, name, unit}]
    place: str
    description: str
    category: str                  # Art. 11 code
    flags: dict                    # ongoing, injury, anti_gang, off_duty
    reported_at: datetime
    reported_by: str
    status: str = "open"           # open | closed
    case_no: Optional[str] = None  # learnt from intake.application_submitted
    closed_at: Optional[datetime] = None
    dispatches: list = field(default_factory=list)
    recorded: list = field(default_factory=list, repr=False, compare=False)


@dataclass
class Unit:
    id: str
    name: str
    kind: str                      # patrol | investigation | traffic | special
    status: str = "available"      # available | dispatched | on_scene | off_duty


@dataclass
class Dispatch:
    id: str
    incident_id: str
    unit_id: str
    dispatched_at: datetime
    dispatched_by: str
    acknowledged_at: Optional[datetime] = None
    acknowledged_by: Optional[str] = None
    arrived_at: Optional[datetime] = None
    escalated_at: Optional[datetime] = None
    recorded: list = field(default_factory=list, repr=False, compare=False)


@dataclass
class ProtectiveOrder:
    id: str
    persons: list                  # [{type, name, police_id?, relation?}]
    measures: list
    address: str                   # confidential: command center only, never in events
    valid_until: datetime
    issued_at: datetime
    issued_by: str
    case_no: Optional[str] = None
    incident_id: Optional[str] = None
    revoked_at: Optional[datetime] = None
    changes: list = field(default_factory=list)   # of OrderChange, oldest first
    recorded: list = field(default_factory=list, repr=False, compare=False)

    def state(self, now):
        """active | expired | revoked (Art. 20): only an active order may still change."""
        if self.revoked_at is not None:
            return "revoked"
        return "active" if now < self.valid_until else "expired"


@dataclass(frozen=True)
class OrderChange:
    """One extension or revocation of a protective order: who, when, why, and the validity
    before and after it. The reason stays in dispatch (never on the bus)."""
    change: str                    # extended | revoked
    at: datetime
    by: str
    reason: str
    previous_valid_until: datetime
    valid_until: datetime


@dataclass
class WorkItem:
    """The command center's task on a case (Art. 19, 20), announced as dispatch.work_opened /
    work_closed; the summary is what every role that sees the case may read."""
    id: str
    case_no: str
    kind: str                      # protection
    state: str                     # open | done | cancelled
    owner: str
    summary: str
    due: Optional[datetime]
    opened_at: datetime
    closed_at: Optional[datetime] = None
    closed_by: Optional[str] = None
    order_id: Optional[str] = None  # the protective order that closed it
    recorded: list = field(default_factory=list, repr=False, compare=False)
