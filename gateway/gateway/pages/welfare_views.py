"""What the political-work office's pages show of the welfare service's answers: plain
functions, no request, no template. Times as Asia/Shanghai minutes, codes as Chinese words."""
from weiquan.contracts.codes import (CATEGORY_LABELS_ZH, RELATIONS, WORK_KIND_LABELS_ZH,
                                     WORK_STATE_LABELS_ZH)

from gateway.labels import (CLAIM_STATE_LABELS_ZH, GREEN_CHANNEL_STATE_LABELS_ZH,
                            PSYCH_SESSION_KIND_LABELS_ZH, PSYCH_STATE_LABELS_ZH,
                            RELATION_LABELS_ZH, label)
from gateway.pages.application_form import aware
from gateway.pages.views import minute_of


def text_fields(form, names, times=()):
    """The posted fields among names, stripped, empty ones left out; times typed as local
    date and time get their offset (the contract wants it)."""
    body = {}
    for name in names:
        value = (form.get(name) or "").strip()
        if value:
            body[name] = aware(value) if name in times else value
    return body


def values_of(form):
    return {k: v for k, v in form.items() if k != "csrf"}


def item_row(i):
    href = (f"/welfare/green-channels/{i['item_id']}" if i["kind"] == "green_channel"
            else f"/welfare/cases/{i['case_no']}")
    return {**i, "kind_label": label(WORK_KIND_LABELS_ZH, i["kind"]),
            "state_label": label(WORK_STATE_LABELS_ZH, i["state"]),
            "due_text": minute_of(i.get("due")) or "—", "href": href,
            "open": i["state"] == "open"}


def channel_row(c):
    return {**c, "state_label": label(GREEN_CHANNEL_STATE_LABELS_ZH, c["state"]),
            "opened_text": minute_of(c["opened_at"]), "due_text": minute_of(c.get("due")),
            "closed_text": minute_of(c.get("closed_at")), "open": c["state"] != "closed",
            "history_rows": [{**h, "at_text": minute_of(h["at"]),
                              "state_label": label(GREEN_CHANNEL_STATE_LABELS_ZH, h["state"])}
                             for h in c.get("history", [])]}


def visit_row(v):
    return {**v, "visited_text": minute_of(v["visited_at"])}


def claim_row(c):
    return {**c, "state_label": label(CLAIM_STATE_LABELS_ZH, c["state"]),
            "filed_text": minute_of(c["filed_at"]),
            "settled": c["state"] in ("paid", "refused"),
            "history_rows": [{**h, "at_text": minute_of(h["at"]),
                              "state_label": label(CLAIM_STATE_LABELS_ZH, h["state"])}
                             for h in c.get("history", [])]}


def person_text(p):
    if p.get("type") == "relative":
        return f"{p['name']}（民警{label(RELATION_LABELS_ZH, p.get('relation'))}）"
    return f"{p['name']}（民警本人）"


def referral_row(r):
    return {**r, "person_text": person_text(r["person"]),
            "state_label": label(PSYCH_STATE_LABELS_ZH, r["state"]),
            "referred_text": minute_of(r["referred_at"]), "open": r["state"] == "open",
            "session_rows": [{**s, "at_text": minute_of(s["at"]),
                              "kind_label": label(PSYCH_SESSION_KIND_LABELS_ZH, s["kind"])}
                             for s in r.get("sessions", [])]}


def training_row(t):
    return {**t, "held_text": minute_of(t["held_at"])}


def category_text(code):
    return label(CATEGORY_LABELS_ZH, code) if code else "—"


CHOICES = {
    "state": [("opened", "已开启"), ("in_treatment", "救治中")],
    "claim_state": [(s, CLAIM_STATE_LABELS_ZH[s]) for s in ("under_review", "paid", "refused")],
    "person.type": [("officer", "民警本人"), ("relative", "民警近亲属")],
    "person.relation": [(r, RELATION_LABELS_ZH[r]) for r in RELATIONS],
    "kind": list(PSYCH_SESSION_KIND_LABELS_ZH.items()),
}
