"""What the political-work office works with. A work item is the office's task on a case as
every role that sees the case may read it; the records behind it (green channel, visits,
claims, psychological referrals) are the office's alone. ``recorded`` holds the work-item
changes a rule made and nobody staged yet."""
from dataclasses import dataclass, field
from datetime import datetime
from typing import Optional

DEPARTMENT = "political_work"
OWNER = "political_work"


@dataclass
class CaseFacts:
    """What intake's events told welfare about a case."""
    case_no: str
    police_id: Optional[str] = None
    officer_unit: Optional[str] = None
    category: Optional[str] = None
    received_at: Optional[datetime] = None
    accepted_at: Optional[datetime] = None


@dataclass
class WorkItem:
    id: str
    case_no: str
    kind: str
    ref: str                       # "" for one-per-case kinds, else the record's id
    state: str                     # open | done | cancelled
    due: Optional[datetime]
    summary: str
    opened_at: datetime
    closed_at: Optional[datetime] = None
    recorded: list = field(default_factory=list, repr=False, compare=False)


@dataclass
class GreenChannel:
    id: str                        # the work item's id
    case_no: str
    opened_at: datetime
    due: Optional[datetime]
    state: str = "opened"          # opened | in_treatment | closed
    police_id: Optional[str] = None
    officer_unit: Optional[str] = None
    hospital: Optional[str] = None
    contact: Optional[str] = None
    outcome: Optional[str] = None
    updated_at: Optional[datetime] = None
    updated_by: Optional[str] = None
    closed_at: Optional[datetime] = None
    history: list = field(default_factory=list)   # [{at, by, state, changed}]


@dataclass
class Visit:
    id: str
    case_no: str
    visitors: str
    visited_at: datetime
    recorded_at: datetime
    recorded_by: str
    gifts: Optional[str] = None
    notes: Optional[str] = None


@dataclass
class InsuranceClaim:
    id: str
    case_no: str
    insurer: str
    policy_no: str
    filed_at: datetime
    filed_by: str
    state: str = "filed"
    history: list = field(default_factory=list)   # [{state, at, by, note}]


@dataclass
class PsychReferral:
    id: str
    case_no: str
    person: dict                   # {type, name, relation?}
    referred_at: datetime
    referred_by: str
    reason: Optional[str] = None
    state: str = "open"
    sessions: list = field(default_factory=list)  # [{kind, at, counsellor, notes, by}]
    closed_at: Optional[datetime] = None
    closing_note: Optional[str] = None


@dataclass
class Training:
    id: str
    title: str
    topic: str
    held_at: datetime
    trainer: str
    created_by: str
    attendees: list = field(default_factory=list)  # police ids
