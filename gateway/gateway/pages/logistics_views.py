"""The logistics office's answers as its pages show them: Chinese labels beside the codes,
amounts in yuan, Shanghai minutes."""
from weiquan.contracts.codes import FUND_LABELS_ZH

from gateway.labels import (PAYMENT_ORIGIN_LABELS_ZH, PAYMENT_STATE_LABELS_ZH, ROLE_LABELS_ZH,
                            label)
from gateway.pages.views import minute_of


def payment_row(p):
    return {**p, "fund_label": label(FUND_LABELS_ZH, p["fund"]),
            "state_label": label(PAYMENT_STATE_LABELS_ZH, p["state"]),
            "origin_label": label(PAYMENT_ORIGIN_LABELS_ZH, p.get("origin")),
            "awaiting_label": label(ROLE_LABELS_ZH, p.get("awaiting_role")),
            "requested": minute_of(p.get("requested_at")),
            "reviewed": minute_of(p.get("reviewed_at")),
            "decided": minute_of(p.get("decided_at"))}


def disbursement_row(d):
    if not d:
        return None
    return {**d, "scheduled": minute_of(d.get("scheduled_at")),
            "paid": minute_of(d.get("paid_at"))}


def fund_row(f):
    return {**f, "fund_label": label(FUND_LABELS_ZH, f["fund"]),
            "href": f"/funds/{f['fund']}/{f['year']}"}
