"""Loads and saves the logistics office's objects; the only place that knows its tables.
``reserve`` is the one conditional UPDATE that keeps a fund's balance from going negative
under concurrent approvals, on PostgreSQL and SQLite alike."""
from sqlalchemy import and_, func, insert, select, update

from logistics.domain.model import Disbursement, Fund, Payment
from logistics.models import disbursements, funds, payments

_PAYMENT_STATE = ("state", "reviewed_by", "reviewed_at", "decided_by", "decided_at",
                  "approval_id", "refusal_reason", "refused_stage")


def _lock(session, query):
    if session.bind.dialect.name == "postgresql":
        return query.with_for_update()
    return query  # SQLite: BEGIN IMMEDIATE already serialises writers


def _fund(r):
    return Fund(kind=r["kind"], year=r["year"], budget_fen=r["budget_fen"],
                committed_fen=r["committed_fen"], director_limit_fen=r["director_limit_fen"],
                committee_limit_fen=r["committee_limit_fen"])


def _payment(r):
    return Payment(id=r["id"], case_no=r["case_no"], fund=r["fund"], year=r["year"],
                   amount_fen=r["amount_fen"], payee=r["payee"], purpose=r["purpose"],
                   requested_by=r["requested_by"],
                   requested_at=r["requested_at"], origin=r["origin"], claimant=r["claimant"],
                   damage=r["damage"], evidence_ids=list(r["evidence_ids"] or []),
                   claim_id=r["claim_id"], **{k: r[k] for k in _PAYMENT_STATE})


def _disbursement(r):
    return Disbursement(id=r["id"], payment_id=r["payment_id"], approval_id=r["approval_id"],
                        fund=r["fund"], year=r["year"], amount_fen=r["amount_fen"],
                        state=r["state"], scheduled_at=r["scheduled_at"],
                        voucher_no=r["voucher_no"], paid_at=r["paid_at"],
                        recorded_by=r["recorded_by"])


class LogisticsRepository:
    def __init__(self, session):
        self.session = session

    # ---- funds --------------------------------------------------------------------------
    def get_fund(self, kind, year, for_update=False):
        query = select(funds).where(and_(funds.c.kind == kind, funds.c.year == year))
        row = self.session.execute(_lock(self.session, query) if for_update else query
                                   ).mappings().first()
        return None if row is None else _fund(row)

    def put_fund(self, fund, by, at, exists):
        values = dict(budget_fen=fund.budget_fen, director_limit_fen=fund.director_limit_fen,
                      committee_limit_fen=fund.committee_limit_fen, set_by=by, set_at=at)
        if exists:
            self.session.execute(update(funds).where(funds.c.id == fund.id).values(**values))
        else:
            self.session.execute(insert(funds).values(id=fund.id, kind=fund.kind,
                                                      year=fund.year, committed_fen=0,
                                                      **values))

    def list_funds(self, kind=None, year=None):
        query = select(funds).order_by(funds.c.year.desc(), funds.c.kind)
        if kind:
            query = query.where(funds.c.kind == kind)
        if year:
            query = query.where(funds.c.year == year)
        return [_fund(r) for r in self.session.execute(query).mappings()]

    def reserve(self, fund, amount_fen):
        """Commit ``amount_fen`` of the fund if its balance covers it: one conditional UPDATE,
        atomic against every concurrent approval. False when the balance does not."""
        done = self.session.execute(
            update(funds).where(and_(funds.c.id == fund.id,
                                     funds.c.budget_fen - funds.c.committed_fen >= amount_fen))
            .values(committed_fen=funds.c.committed_fen + amount_fen))
        return done.rowcount == 1

    # ---- payments -----------------------------------------------------------------------
    def find_by_request(self, request_id):
        if not request_id:
            return None
        return self.session.execute(select(payments.c.id).where(
            payments.c.request_id == request_id)).scalar_one_or_none()

    def find_by_claim(self, claim_id):
        return self.session.execute(select(payments.c.id).where(
            payments.c.claim_id == claim_id)).scalar_one_or_none()

    def add_payment(self, p, request_id=None):
        self.session.execute(insert(payments).values(
            id=p.id, request_id=request_id, claim_id=p.claim_id, origin=p.origin,
            case_no=p.case_no, fund=p.fund, year=p.year, amount_fen=p.amount_fen,
            payee=p.payee, purpose=p.purpose, claimant=p.claimant, damage=p.damage,
            evidence_ids=list(p.evidence_ids), requested_by=p.requested_by,
            requested_at=p.requested_at, **{k: getattr(p, k) for k in _PAYMENT_STATE}))

    def get_payment(self, payment_id, for_update=False):
        query = select(payments).where(payments.c.id == payment_id)
        row = self.session.execute(_lock(self.session, query) if for_update else query
                                   ).mappings().first()
        return None if row is None else _payment(row)

    def save_payment(self, p):
        self.session.execute(update(payments).where(payments.c.id == p.id).values(
            **{k: getattr(p, k) for k in _PAYMENT_STATE}))

    def list_payments(self, conditions, offset=0, limit=20):
        """(total, payments) matching ``conditions`` (column name -> value, or a SQL
        expression), oldest request first: the queue is worked in order of arrival."""
        where = [payments.c[k] == v if isinstance(k, str) else k
                 for k, v in conditions.items()]
        cond = and_(True, *where)
        total = self.session.execute(select(func.count()).select_from(payments)
                                     .where(cond)).scalar_one()
        rows = self.session.execute(select(payments).where(cond).order_by(
            payments.c.requested_at, payments.c.id).offset(offset).limit(limit)).mappings()
        return total, [_payment(r) for r in rows]

    def approvals_of(self, kind, year):
        """(count, sum) of the fund's approved payments (approved or since disbursed)."""
        row = self.session.execute(select(func.count(), func.coalesce(
            func.sum(payments.c.amount_fen), 0)).where(and_(
                payments.c.fund == kind, payments.c.year == year,
                payments.c.approval_id.is_not(None)))).one()
        return int(row[0]), int(row[1])

    # ---- disbursements ------------------------------------------------------------------
    def get_disbursement(self, payment_id, for_update=False):
        query = select(disbursements).where(disbursements.c.payment_id == payment_id)
        row = self.session.execute(_lock(self.session, query) if for_update else query
                                   ).mappings().first()
        return None if row is None else _disbursement(row)

    def has_disbursement(self, approval_id):
        return self.session.execute(select(disbursements.c.id).where(
            disbursements.c.approval_id == approval_id)).first() is not None

    def add_disbursement(self, d):
        self.session.execute(insert(disbursements).values(
            id=d.id, payment_id=d.payment_id, approval_id=d.approval_id, fund=d.fund,
            year=d.year, amount_fen=d.amount_fen, state=d.state, scheduled_at=d.scheduled_at))

    def save_disbursement(self, d):
        self.session.execute(update(disbursements).where(disbursements.c.id == d.id).values(
            state=d.state, voucher_no=d.voucher_no, paid_at=d.paid_at,
            recorded_by=d.recorded_by))

    def disbursed_of(self, kind, year):
        row = self.session.execute(select(func.count(), func.coalesce(
            func.sum(disbursements.c.amount_fen), 0)).where(and_(
                disbursements.c.fund == kind, disbursements.c.year == year,
                disbursements.c.state == "disbursed"))).one()
        return int(row[0]), int(row[1])
