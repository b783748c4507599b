"""The publicity office's answers as its pages show them: Chinese labels beside the codes,
Shanghai minutes, findings grouped for the reviewers."""
from weiquan.contracts.codes import (STATEMENT_KIND_LABELS_ZH, STATEMENT_SCOPE_LABELS_ZH,
                                     STATEMENT_STATE_LABELS_ZH)

from gateway.labels import STATEMENT_ORIGIN_LABELS_ZH, STATEMENT_RETURN_LABELS_ZH, label
from gateway.pages.views import minute_of

FINDING_FIELDS_ZH = {"title": "标题", "body": "正文"}


def statement_row(s):
    return {**s, "kind_label": label(STATEMENT_KIND_LABELS_ZH, s["kind"]),
            "state_label": label(STATEMENT_STATE_LABELS_ZH, s["state"]),
            "scope_label": label(STATEMENT_SCOPE_LABELS_ZH, s.get("scope")),
            "origin_label": label(STATEMENT_ORIGIN_LABELS_ZH, s.get("origin")),
            "returned_label": label(STATEMENT_RETURN_LABELS_ZH, s.get("returned_stage")),
            "created": minute_of(s.get("created_at")),
            "published": minute_of(s.get("published_at")),
            "findings": [{**f, "field_label": label(FINDING_FIELDS_ZH, f.get("field"))}
                         for f in s.get("findings") or []],
            "history": [{**v, "state_label": label(STATEMENT_STATE_LABELS_ZH, v["state"]),
                         "published": minute_of(v.get("published_at"))}
                        for v in s.get("history") or []]}


def public_row(s):
    return {**s, "kind_label": label(STATEMENT_KIND_LABELS_ZH, s["kind"]),
            "published": minute_of(s.get("published_at")),
            "paragraphs": [p for p in s["body"].splitlines() if p.strip()]}
