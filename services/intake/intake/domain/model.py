"""The case and its clocks as the committee office sees them."""
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import List, Optional

from intake.domain.records import Appeal, Conclusion, Decision, Escalation, Reexamination

# Clock kinds (SPEC.md "Time rules")
ACCEPTANCE_DECISION = "acceptance_decision"   # Art. 14: 3 working days after receipt
ANTI_GANG_DECISION = "anti_gang_decision"     # Art. 34: internal target, 1 working day
WRITTEN_REPLY = "written_reply"               # Art. 16: 30 days after acceptance
APPEAL_WINDOW = "appeal_window"               # Art. 15: 10 working days after the answer arrives

# Who holds a clock: the committee office answers for its own; the applicant's window is theirs.
APPLICANT_HELD = {APPEAL_WINDOW}
OFFICE = "committee_office"      # default holder: the committee office as a whole
DIRECTOR = "committee_director"  # told of every missed deadline (Art. 36)


def is_past(now, due_at):
    """A deadline of 23:59:59 covers that whole second: only the next day is late."""
    return now >= due_at + timedelta(seconds=1)


@dataclass
class Clock:
    kind: str
    start_at: datetime
    due_at: datetime
    provisional: bool
    satisfied_at: Optional[datetime] = None
    id: Optional[int] = None
    holder: Optional[str] = OFFICE          # None for the applicant's own window
    statutory: bool = True                  # False for internal targets (Art. 34)
    reminded_on: Optional[date] = None
    missed_at: Optional[datetime] = None
    extended_from: Optional[datetime] = None

    @property
    def is_open(self):
        return self.satisfied_at is None

    def state(self, now):
        if self.satisfied_at is not None:
            if self.kind in APPLICANT_HELD:
                return "met"
            return "missed" if is_past(self.satisfied_at, self.due_at) else "met"
        if not is_past(now, self.due_at):
            return "running"
        return "lapsed" if self.kind in APPLICANT_HELD else "overdue"


@dataclass
class HistoryEntry:
    at: datetime
    action: str
    actor: str
    detail: dict = field(default_factory=dict)


@dataclass
class Case:
    case_no: str
    status: str
    category: str
    channel: str
    applicant: dict
    officer: dict
    incident: dict
    received_at: datetime
    submitted_at: datetime
    filed_by: str
    decision: Optional[Decision] = None
    appeal: Optional[Appeal] = None
    conclusion: Optional[Conclusion] = None
    reexamination: Optional[Reexamination] = None
    escalations: List[Escalation] = field(default_factory=list)
    handler: Optional[str] = None
    clocks: list = field(default_factory=list)
    history: list = field(default_factory=list)
    version: int = 0
    incident_id: Optional[str] = None    # the live incident it was opened from (Art. 13)
    # departments' work items (domain/work.py WorkItem), as intake projected them; read-only
    work_items: list = field(default_factory=list)
    # domain events (domain/events.py) the rules recorded and the adapter has not emitted yet
    events: list = field(default_factory=list, repr=False, compare=False)

    def record(self, event):
        self.events.append(event)

    def clock(self, kind):
        for c in self.clocks:
            if c.kind == kind:
                return c
        return None

    @property
    def flags(self):
        return {k: bool(self.incident.get(k, False))
                for k in ("ongoing", "off_duty", "anti_gang", "injury")}


@dataclass
class ListedCase:
    """A case as a list page shows it (views.case_summary): the fields a queue needs and the
    clocks, without the applicant, the incident and the records a list never shows, so a
    page of 50 out of 100,000 does not parse what it throws away. Read-only."""
    case_no: str
    status: str
    category: str
    channel: str
    received_at: datetime
    officer: dict
    anti_gang: bool
    escalations: List[Escalation] = field(default_factory=list)
    clocks: list = field(default_factory=list)

    clock = Case.clock

    @property
    def flags(self):
        return {"anti_gang": self.anti_gang}
