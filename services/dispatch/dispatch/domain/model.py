"""What the command center works with: incidents, units, dispatches, protective orders.
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
    recorded: list = field(default_factory=list, repr=False, compare=False)
