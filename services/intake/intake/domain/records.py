"""What the committee office records on a case (Art. 14-18), typed so a rule cannot misspell a
key and the repository can revive each field by its type.

Fields marked ``answer`` belong to the higher level's answer: a record shows them (in the stored
JSON and in the case answer) only once the answer is recorded, as the earlier dict records did."""
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Optional


def answer():
    """A field filled when the higher level's answer is recorded (``outcome_recorded_at``)."""
    return field(default=None, metadata={"answer": True})


@dataclass
class Decision:
    """Art. 14: accept, or refuse with written reasons."""
    accept: bool
    reason: Optional[str]
    decided_at: datetime
    decided_by: str
    recorded_at: datetime


@dataclass
class Appeal:
    """Art. 15: a refused applicant asks the higher level; its answer comes later."""
    reason: str
    appealed_at: datetime
    answer_received_at: datetime
    window_closes: datetime
    by: str
    reference: Optional[str] = answer()
    outcome: Optional[str] = answer()
    decided_at: Optional[datetime] = answer()
    outcome_recorded_at: Optional[datetime] = answer()
    outcome_by: Optional[str] = answer()


@dataclass
class Conclusion:
    """Art. 16: the written conclusions."""
    findings: str
    outcome: str
    concluded_at: datetime
    by: str


@dataclass
class Reexamination:
    """Art. 17: the conclusion before the higher level; reference and outcome are shown (empty)
    from the request on."""
    reason: str
    requested_at: datetime
    by: str
    body: str
    reference: Optional[str] = None
    outcome: Optional[str] = None
    decided_at: Optional[datetime] = answer()
    note: Optional[str] = answer()
    outcome_recorded_at: Optional[datetime] = answer()
    outcome_by: Optional[str] = answer()


@dataclass
class Escalation:
    """Art. 18: a request to the higher level to coordinate, numbered from 1 per case."""
    id: int
    reason: str
    body: str
    reference: Optional[str]
    escalated_at: datetime
    by: str
    outcome: Optional[str] = None
    answered_at: Optional[datetime] = answer()
    outcome_recorded_at: Optional[datetime] = answer()
    outcome_by: Optional[str] = answer()


RECORD_TYPES = (Decision, Appeal, Conclusion, Reexamination, Escalation)


def record_fields(record):
    """The record as an ordered dict of its shown fields (values unconverted)."""
    answered = getattr(record, "outcome_recorded_at", None) is not None
    return {f.name: getattr(record, f.name) for f in fields(record)
            if answered or not f.metadata.get("answer")}
