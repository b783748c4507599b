"""The logistics office's objects as the HTTP contract shows them: money both as integer fen
and as a yuan string, times in Shanghai."""
from weiquan.config import TZ
from weiquan.contracts.logistics import fen_to_yuan

from logistics.domain import rules


def _iso(dt):
    return None if dt is None else dt.astimezone(TZ).isoformat()


def money(name, fen):
    return {f"{name}_fen": fen, name: None if fen is None else fen_to_yuan(fen)}


def fund_view(f):
    return {"fund": f.kind, "year": f.year, **money("budget", f.budget_fen),
            **money("committed", f.committed_fen), **money("balance", f.balance_fen),
            **money("director_limit", f.director_limit_fen),
            **money("committee_limit", f.committee_limit_fen)}


def disbursement_view(d):
    if d is None:
        return None
    return {"disbursement_id": d.id, "approval_id": d.approval_id, "state": d.state,
            "scheduled_at": _iso(d.scheduled_at), "voucher_no": d.voucher_no,
            "paid_at": _iso(d.paid_at), "recorded_by": d.recorded_by}


def payment_view(p, fund=None, disbursement=None):
    return {"payment_id": p.id, "case_no": p.case_no, "fund": p.fund, "year": p.year,
            **money("amount", p.amount_fen), "payee": p.payee, "purpose": p.purpose,
            "origin": p.origin, "claimant": p.claimant, "damage": p.damage,
            "evidence_ids": list(p.evidence_ids), "claim_id": p.claim_id, "state": p.state,
            "awaiting_role": (rules.awaiting_role(fund, p.amount_fen)
                              if fund is not None and p.state == "reviewed" else None),
            "requested_by": p.requested_by, "requested_at": _iso(p.requested_at),
            "reviewed_by": p.reviewed_by, "reviewed_at": _iso(p.reviewed_at),
            "decided_by": p.decided_by, "decided_at": _iso(p.decided_at),
            "approval_id": p.approval_id, "refusal_reason": p.refusal_reason,
            "refused_stage": p.refused_stage,
            "disbursement": disbursement_view(disbursement)}
