"""The publicity office's objects: one statement version, and what it knows of a case from
intake's events (category, the officer's unit, the conclusion) to draft a name clearing."""
from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class Statement:
    id: str
    series_id: str               # every version of one statement shares it
    version: int
    kind: str
    case_no: str | None
    case_unit: str | None        # the case officer's unit (scope "unit")
    title: str
    body: str
    findings: list
    state: str
    origin: str                  # manual, case_concluded, discipline_revoked, correction
    created_by: str
    created_at: datetime
    updated_at: datetime
    origin_key: str | None = None
    scope: str | None = None
    return_reason: str | None = None
    returned_stage: str | None = None
    submitted_by: str | None = None
    submitted_at: datetime | None = None
    legal_reviewed_by: str | None = None
    legal_reviewed_at: datetime | None = None
    committee_approved_by: str | None = None
    committee_approved_at: datetime | None = None
    published_by: str | None = None
    published_at: datetime | None = None
    superseded_at: datetime | None = None
    recorded: list = field(default_factory=list, repr=False)   # (event, extra) to announce


@dataclass
class CaseFacts:
    case_no: str
    category: str | None = None
    officer_unit: str | None = None
    outcome: str | None = None
