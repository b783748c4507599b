"""Loads and saves the publicity office's statements and case facts; the only place that knows
its tables."""
from sqlalchemy import and_, func, insert, select, update

from weiquan.kit.upsert import remember

from publicity.domain.model import CaseFacts, Statement
from publicity.models import cases, statements

_FIELDS = ("id", "series_id", "version", "kind", "case_no", "case_unit", "title", "body",
           "findings", "state", "scope", "origin", "origin_key", "return_reason",
           "returned_stage", "created_by", "created_at", "updated_at", "submitted_by",
           "submitted_at", "legal_reviewed_by", "legal_reviewed_at", "committee_approved_by",
           "committee_approved_at", "published_by", "published_at", "superseded_at")
_CHANGING = tuple(f for f in _FIELDS if f not in ("id", "series_id", "version", "kind",
                                                  "case_no", "origin", "origin_key",
                                                  "created_by", "created_at"))


def _lock(session, query):
    if session.bind.dialect.name == "postgresql":
        return query.with_for_update()
    return query  # SQLite: BEGIN IMMEDIATE already serialises writers


def _statement(r):
    return Statement(**{f: r[f] for f in _FIELDS if f != "findings"},
                     findings=list(r["findings"] or []))


class PublicityRepository:
    def __init__(self, session):
        self.session = session

    def get(self, statement_id, for_update=False):
        query = select(statements).where(statements.c.id == statement_id)
        row = self.session.execute(_lock(self.session, query) if for_update else query
                                   ).mappings().first()
        return None if row is None else _statement(row)

    def add(self, s):
        self.session.execute(insert(statements).values(
            **{f: getattr(s, f) for f in _FIELDS}))

    def save(self, s):
        self.session.execute(update(statements).where(statements.c.id == s.id).values(
            **{f: getattr(s, f) for f in _CHANGING}))

    def has_origin(self, origin_key):
        return self.session.execute(select(statements.c.id).where(
            statements.c.origin_key == origin_key)).first() is not None

    def series(self, series_id):
        rows = self.session.execute(select(statements).where(
            statements.c.series_id == series_id).order_by(statements.c.version)).mappings()
        return [_statement(r) for r in rows]

    def listing(self, conditions, offset=0, limit=20):
        """(total, statements) matching ``conditions`` (SQL expressions), newest change first."""
        cond = and_(True, *conditions)
        total = self.session.execute(select(func.count()).select_from(statements)
                                     .where(cond)).scalar_one()
        rows = self.session.execute(select(statements).where(cond).order_by(
            statements.c.updated_at.desc(), statements.c.id).offset(offset).limit(limit)
        ).mappings()
        return total, [_statement(r) for r in rows]

    # ---- case facts from intake's events ----------------------------------------------------
    def get_case(self, case_no):
        row = self.session.execute(select(cases).where(cases.c.case_no == case_no)
                                   ).mappings().first()
        return None if row is None else CaseFacts(**row)

    def remember_case(self, case_no, **facts):
        """The case after learning ``facts`` (None: not known by this event), in one
        statement where a lookup and a write took two on every event."""
        return CaseFacts(**remember(self.session, cases, "case_no", case_no, **facts))
