"""The publicity office's statements as the HTTP contract shows them: times in Shanghai; the
staff view carries the redaction findings and the version history, the public view neither."""
from weiquan.config import TZ


def _iso(dt):
    return None if dt is None else dt.astimezone(TZ).isoformat()


def version_row(s):
    return {"statement_id": s.id, "version": s.version, "state": s.state,
            "published_at": _iso(s.published_at)}


def statement_view(s, history=None):
    return {"statement_id": s.id, "series_id": s.series_id, "version": s.version,
            "kind": s.kind, "case_no": s.case_no, "title": s.title, "body": s.body,
            "state": s.state, "scope": s.scope, "origin": s.origin,
            "findings": list(s.findings), "return_reason": s.return_reason,
            "returned_stage": s.returned_stage, "created_by": s.created_by,
            "created_at": _iso(s.created_at), "submitted_by": s.submitted_by,
            "legal_reviewed_by": s.legal_reviewed_by,
            "committee_approved_by": s.committee_approved_by,
            "published_by": s.published_by, "published_at": _iso(s.published_at),
            "superseded_at": _iso(s.superseded_at),
            "history": [version_row(v) for v in (history or [s])]}


def public_view(s):
    return {"statement_id": s.id, "version": s.version, "kind": s.kind, "title": s.title,
            "body": s.body, "published_at": _iso(s.published_at)}
