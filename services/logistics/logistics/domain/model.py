"""The logistics office's objects: a fund of one year, a payment request on a case, and the
disbursement order an approval makes. Amounts are integer fen."""
from dataclasses import dataclass, field
from typing import Optional

from weiquan.contracts.codes import WORK_KIND_OF_FUND


@dataclass
class Fund:
    kind: str
    year: int
    budget_fen: int
    committed_fen: int
    director_limit_fen: int
    committee_limit_fen: Optional[int] = None   # None: the committee approves any amount

    @property
    def id(self):
        return f"{self.kind}-{self.year}"

    @property
    def balance_fen(self):
        return self.budget_fen - self.committed_fen


@dataclass
class Payment:
    id: str
    case_no: str
    fund: str
    year: int
    amount_fen: int
    payee: str
    purpose: str
    state: str
    requested_by: str
    requested_at: object
    origin: str = "request"           # request | compensation_claim | counsel_fee_claim
    claimant: Optional[dict] = None   # compensation claims (Art. 27)
    damage: Optional[str] = None
    evidence_ids: list = field(default_factory=list)
    claim_id: Optional[str] = None    # counsel-fee claims (Art. 25)
    reviewed_by: Optional[str] = None
    reviewed_at: object = None
    decided_by: Optional[str] = None
    decided_at: object = None
    approval_id: Optional[str] = None
    refusal_reason: Optional[str] = None
    refused_stage: Optional[str] = None

    @property
    def work_kind(self):
        return WORK_KIND_OF_FUND[self.fund]


@dataclass
class Disbursement:
    id: str
    payment_id: str
    approval_id: str
    fund: str
    year: int
    amount_fen: int
    state: str                        # scheduled | disbursed
    scheduled_at: object
    voucher_no: Optional[str] = None
    paid_at: object = None
    recorded_by: Optional[str] = None
