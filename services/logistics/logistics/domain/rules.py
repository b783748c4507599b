"""The payment path (Art. 25-27), pure: requested -> reviewed by logistics -> approved by the
director or the committee within the fund's thresholds -> disbursed once; refused at review
or approval with a reason. Reserving the money is the repository's conditional update; these
rules decide who may and in which state."""
from weiquan.contracts.codes import FUND_LABELS_ZH
from weiquan.errors import Conflict, NotAllowed

from logistics.domain.model import Payment

STATE_ZH = {"requested": "待审核", "reviewed": "待审批", "approved": "已批准",
            "refused": "未获批准", "disbursed": "已支付", "cancelled": "已撤销"}
ACTION = {"review": ("审核", "reviewed"), "approve": ("审批", "approved"),
          "disburse": ("支付", "disbursed")}
FUND_ZH = FUND_LABELS_ZH
APPROVER_ZH = {"committee_director": ("维权委主任", "the committee director"),
               "committee_member": ("维权委", "the committee")}


def fmt(fen):
    return f"{fen // 100}.{fen % 100:02d}"


def new_payment(payment_id, cmd, year, principal, now, **extra):
    return Payment(id=payment_id, case_no=cmd["case_no"], fund=cmd["fund"], year=year,
                   amount_fen=cmd["amount"], payee=cmd["payee"], purpose=cmd["purpose"],
                   state="requested", requested_by=principal["username"], requested_at=now,
                   **extra)


def _require_state(payment, state, action):
    if payment.state != state:
        zh, en = ACTION[action]
        raise Conflict("payment_not_in_state", state=payment.state,
                       state_zh=STATE_ZH.get(payment.state, payment.state),
                       action_zh=zh, action_en=en, payment_id=payment.id)


def review(payment, accept, reason, principal, now):
    _require_state(payment, "requested", "review")
    payment.reviewed_by, payment.reviewed_at = principal["username"], now
    if accept:
        payment.state = "reviewed"
    else:
        _refuse(payment, "review", reason, principal, now)


def _refuse(payment, stage, reason, principal, now):
    payment.state, payment.refused_stage, payment.refusal_reason = "refused", stage, reason
    payment.decided_by, payment.decided_at = principal["username"], now


def awaiting_role(fund, amount_fen):
    """Who must approve this amount from this fund: the director up to the director's limit,
    the committee above it."""
    return "committee_director" if amount_fen <= fund.director_limit_fen else "committee_member"


def limit_of(fund, role):
    """The largest amount ``role`` approves from ``fund`` (None: no limit, 0: none)."""
    if role == "committee_director":
        return fund.director_limit_fen
    if role == "committee_member":
        return fund.committee_limit_fen
    return 0


def check_authority(fund, roles, amount_fen):
    """Raise NotAllowed naming the limit unless one of ``roles`` may approve the amount."""
    limits = [limit_of(fund, r) for r in roles if r in APPROVER_ZH]
    if not limits:
        raise NotAllowed("only_approvers")
    if any(lim is None or amount_fen <= lim for lim in limits):
        return
    top = max(limits)
    if amount_fen > fund.director_limit_fen and "committee_member" not in roles:
        needed_zh, needed_en = APPROVER_ZH["committee_member"]
    else:
        needed_zh, needed_en = "上级维权机构（超出维权委审批上限）", "the higher-level body"
    raise NotAllowed("above_threshold", amount=fmt(amount_fen), limit=fmt(top),
                     limit_fen=top, needed_zh=needed_zh, needed_en=needed_en)


def decide(payment, fund, approve, reason, principal, now, approval_id):
    """Approve (the caller then reserves the amount in the same transaction) or refuse."""
    _require_state(payment, "reviewed", "approve")
    check_authority(fund, principal["roles"], payment.amount_fen)   # refusing needs it too
    if approve:
        payment.state, payment.approval_id = "approved", approval_id
        payment.decided_by, payment.decided_at = principal["username"], now
    else:
        _refuse(payment, "approval", reason, principal, now)


def exhausted(fund, amount_fen):
    return Conflict("fund_exhausted", fund=fund.kind, fund_zh=FUND_ZH.get(fund.kind, fund.kind),
                    year=fund.year, balance=fmt(fund.balance_fen),
                    balance_fen=fund.balance_fen, amount=fmt(amount_fen),
                    amount_fen=amount_fen)



def disburse(payment, disbursement, voucher_no, paid_at, principal):
    _require_state(payment, "approved", "disburse")
    if disbursement is None:
        raise Conflict("not_scheduled", payment_id=payment.id)
    payment.state = "disbursed"
    disbursement.state, disbursement.voucher_no = "disbursed", voucher_no
    disbursement.paid_at, disbursement.recorded_by = paid_at, principal["username"]


def summary(payment):
    """The work item's summary: what it is and where it stands, never the amount."""
    label = {"consolation": "抚慰金支付申请", "compensation": "第三方损失补偿申请",
             "counsel_fee": "律师费用支付申请"}[payment.fund]
    return f"{label}：{STATE_ZH[payment.state]}"


def work_state(payment):
    return {"disbursed": "done", "refused": "cancelled", "cancelled": "cancelled"}.get(
        payment.state, "open")
