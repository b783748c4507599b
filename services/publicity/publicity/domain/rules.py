"""The statement path (Art. 30, 31, 35): draft -> submitted -> legal_reviewed ->
committee_approved -> published, a return to draft at either review, and corrections as new
versions. Pure: time, ids and the redaction result are passed in. Every refusal is a Conflict
naming the state, raised before anything changes."""
from weiquan.contracts.codes import (NAME_CLEARING_CATEGORIES, NAME_CLEARING_OUTCOMES,
                                     STATEMENT_KIND_LABELS_ZH, STATEMENT_KINDS_WITH_CASE,
                                     STATEMENT_STATE_LABELS_ZH)
from weiquan.errors import Conflict, Invalid

from publicity.domain.model import Statement

ACTIONS = {  # action -> (state it needs, zh, en)
    "edit": ("draft", "修改", "edited"),
    "submit": ("draft", "提交法制审核", "submitted for legal review"),
    "review": ("submitted", "进行法制审核", "legally reviewed"),
    "approve": ("legal_reviewed", "进行维权委审批", "approved by the committee"),
    "publish": ("committee_approved", "发布（须先经法制审核和维权委审批）",
                "published (it needs legal review and committee approval first)"),
    "correct": ("published", "更正", "corrected"),
}
WORKING = ("draft", "submitted", "legal_reviewed", "committee_approved")


def require_state(s, action):
    needed, zh, en = ACTIONS[action]
    if s.state != needed:
        raise Conflict("statement_not_in_state", state=s.state,
                       state_zh=STATEMENT_STATE_LABELS_ZH[s.state], action=action,
                       action_zh=zh, action_en=en)


def require_case(kind, case_no):
    if kind in STATEMENT_KINDS_WITH_CASE and not case_no:
        raise Invalid.one("case_no", "case_required")


def _apply_text(s, redaction_title, redaction_body):
    s.title, s.body = redaction_title.text, redaction_body.text
    s.findings = findings_of(redaction_title, "title") + findings_of(redaction_body, "body")


def findings_of(redaction, where):
    return [{"field": where, "kind": f.kind, "original": f.original,
             "replacement": f.replacement, "reason_zh": f.reason_zh, "reason_en": f.reason_en}
            for f in redaction.findings]


def new_statement(ident, kind, case_no, case_unit, title, body, who, now, origin="manual",
                  origin_key=None, series_id=None, version=1):
    """``title`` and ``body`` are Redaction results: only the redacted text is kept."""
    require_case(kind, case_no)
    s = Statement(id=ident, series_id=series_id or ident, version=version, kind=kind,
                  case_no=case_no or None, case_unit=case_unit, title="", body="",
                  findings=[], state="draft", origin=origin, origin_key=origin_key,
                  created_by=who["username"], created_at=now, updated_at=now)
    _apply_text(s, title, body)
    s.recorded.append("opened")
    return s


def edit(s, title, body, now):
    require_state(s, "edit")
    _apply_text(s, title, body)
    s.updated_at = now


def submit(s, who, now):
    require_state(s, "submit")
    s.state, s.submitted_by, s.submitted_at, s.updated_at = "submitted", who["username"], now, now
    s.return_reason = s.returned_stage = None


def _return(s, stage, reason, now):
    if not (reason or "").strip():
        raise Invalid.one("reason", "reason_required")
    s.state, s.return_reason, s.returned_stage, s.updated_at = "draft", reason.strip(), stage, now
    s.legal_reviewed_by = s.legal_reviewed_at = None


def review(s, approve, reason, who, now):
    require_state(s, "review")
    if not approve:
        return _return(s, "legal_review", reason, now)
    s.state, s.legal_reviewed_by, s.legal_reviewed_at = "legal_reviewed", who["username"], now
    s.updated_at = now


def approve(s, approve_, reason, who, now):
    require_state(s, "approve")
    if not approve_:
        return _return(s, "committee", reason, now)
    s.state, s.committee_approved_by, s.committee_approved_at = \
        "committee_approved", who["username"], now
    s.updated_at = now


def publish(s, scope, title, body, who, now, previous=None):
    """Both approvals first (the state says so); the text is redacted once more; the version
    it corrects becomes superseded."""
    require_state(s, "publish")
    if scope == "unit" and not s.case_unit:
        raise Invalid.one("scope", "unit_scope_needs_case")
    earlier = list(s.findings)
    _apply_text(s, title, body)
    s.findings = earlier + [f for f in s.findings if f not in earlier]
    s.state, s.scope, s.published_by, s.published_at, s.updated_at = \
        "published", scope, who["username"], now, now
    s.recorded.append("closed")
    if previous is not None and previous.state == "published":
        previous.state, previous.superseded_at, previous.updated_at = "superseded", now, now


def correct(published, open_versions, ident, who, now):
    """A new draft (version n+1) from the published text; the published one stays on record."""
    require_state(published, "correct")
    if open_versions:
        raise Conflict("correction_open", version=open_versions[0].version)
    s = Statement(id=ident, series_id=published.series_id, version=published.version + 1,
                  kind=published.kind, case_no=published.case_no,
                  case_unit=published.case_unit, title=published.title, body=published.body,
                  findings=list(published.findings), state="draft", origin="correction",
                  created_by=who["username"], created_at=now, updated_at=now)
    s.recorded.append("opened")
    return s


def clears_name(facts):
    """Art. 30: a concluded case of a clearing category, established at least in part."""
    return facts.category in NAME_CLEARING_CATEGORIES and facts.outcome in NAME_CLEARING_OUTCOMES


def summary(s):
    """The work item's summary: kind and state only, never the text."""
    kind, state = STATEMENT_KIND_LABELS_ZH[s.kind], STATEMENT_STATE_LABELS_ZH[s.state]
    return f"{kind}（第 {s.version} 版）：{state}"
