"""What happened to a case, as the rules record it (``case.events``): each event carries the
facts its announcement needs, so the adapter (intake/events.py) emits it without reading the
case or its history back. No personal data beyond what departments need: police ID and unit,
never phones, names of relatives, descriptions, findings or reasons (an extension's reason is
the exception: holders are told why their deadline moved)."""
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar, Optional


@dataclass(frozen=True)
class Due:
    """A deadline as announced: its moment and whether the calendar data was provisional."""
    due_at: datetime
    provisional: bool

    @classmethod
    def of(cls, clock):
        return cls(clock.due_at, clock.provisional)


@dataclass(frozen=True, kw_only=True)
class CaseEvent:
    """``event_type`` is the routing key of contracts/events_intake.py; ``actor`` is who did it
    ({username, roles}); ``at`` is when the change was made."""
    event_type: ClassVar[str]
    case_no: str
    actor: dict
    at: datetime


def actor_of(principal):
    return {"username": principal["username"], "roles": list(principal["roles"])}


@dataclass(frozen=True, kw_only=True)
class ApplicationSubmitted(CaseEvent):
    event_type: ClassVar[str] = "application_submitted"
    category: str
    channel: str
    applicant_type: str
    police_id: str
    officer_unit: str
    personnel_type: str
    received_at: datetime
    decision_due: Due
    flags: dict
    incident_id: Optional[str]


@dataclass(frozen=True, kw_only=True)
class CaseAccepted(CaseEvent):
    event_type: ClassVar[str] = "case_accepted"
    category: str
    decided_at: datetime
    reply_due: Due
    flags: dict


@dataclass(frozen=True, kw_only=True)
class CaseRejected(CaseEvent):
    event_type: ClassVar[str] = "case_rejected"
    category: str
    decided_at: datetime


@dataclass(frozen=True, kw_only=True)
class CaseAppealed(CaseEvent):
    event_type: ClassVar[str] = "case_appealed"
    appealed_at: datetime
    answer_received_at: datetime
    window_closes: datetime


@dataclass(frozen=True, kw_only=True)
class CaseConcluded(CaseEvent):
    event_type: ClassVar[str] = "case_concluded"
    outcome: str
    concluded_at: datetime
    reply_state: Optional[str]   # met or missed; None when no reply clock was open


@dataclass(frozen=True, kw_only=True)
class DeadlineExtended(CaseEvent):
    event_type: ClassVar[str] = "deadline_extended"
    clock_kind: str
    old_due: datetime
    new_due: datetime
    reason: str


@dataclass(frozen=True, kw_only=True)
class ReexaminationRequested(CaseEvent):
    event_type: ClassVar[str] = "reexamination_requested"
    requested_at: datetime
    body: str


@dataclass(frozen=True, kw_only=True)
class ReexaminationDecided(CaseEvent):
    event_type: ClassVar[str] = "reexamination_decided"
    outcome: str
    reference: str
    decided_at: datetime


@dataclass(frozen=True, kw_only=True)
class CaseEscalated(CaseEvent):
    event_type: ClassVar[str] = "case_escalated"
    escalation_id: int
    body: str
    reference: Optional[str]
    escalated_at: datetime


@dataclass(frozen=True, kw_only=True)
class EscalationAnswered(CaseEvent):
    event_type: ClassVar[str] = "escalation_answered"
    escalation_id: int
    reference: str
    answered_at: datetime


@dataclass(frozen=True, kw_only=True)
class AppealDecided(CaseEvent):
    """An overturned refusal is also an acceptance: the rule records CaseAccepted first."""
    event_type: ClassVar[str] = "appeal_decided"
    outcome: str
    reference: str
    decided_at: datetime
    status: str
    category: str
    reply_due: Optional[Due]
    flags: dict
