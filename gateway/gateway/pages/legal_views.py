"""Legal affairs' answers as its pages show them: Chinese labels beside the codes."""
from weiquan.contracts.codes import (COUNSEL_SPECIALITY_LABELS_ZH, DISCIPLINE_OUTCOME_LABELS_ZH,
                                     DISCIPLINE_OUTCOMES, DISCIPLINE_REVIEW_GROUND_LABELS_ZH,
                                     LEGAL_CLASSIFICATION_LABELS_ZH,
                                     LIABILITY_CLASSIFICATION_LABELS_ZH,
                                     LIABILITY_OUTCOME_LABELS_ZH, LIABILITY_OUTCOMES,
                                     MITIGATING_FACTOR_LABELS_ZH, WORK_KIND_LABELS_ZH,
                                     WORK_STATE_LABELS_ZH)
from weiquan.contracts.legal_aid import (LIAISON_BODY_LABELS_ZH, LIAISON_KIND_LABELS_ZH,
                                         OFFENDER_RELATION_LABELS_ZH, PURSUIT_LABELS_ZH)
from weiquan.contracts.logistics import fen_to_yuan

from gateway.labels import label
from gateway.pages.views import minute_of

OUTCOME_LABELS_ZH = {**LIABILITY_OUTCOME_LABELS_ZH, **DISCIPLINE_OUTCOME_LABELS_ZH}
# Each appeal scale's outcomes, least to most severe (Art. 24: an appeal never climbs).
SCALE_OUTCOMES = {"liability": LIABILITY_OUTCOMES, "discipline": DISCIPLINE_OUTCOMES}
REVIEW_RESULT_LABELS_ZH = {"revoked": "已撤销", "upheld": "维持"}


def item_row(i):
    return {**i, "kind_label": label(WORK_KIND_LABELS_ZH, i["kind"]),
            "state_label": label(WORK_STATE_LABELS_ZH, i["state"]),
            "opened": minute_of(i.get("opened_at"))}


def counsel_row(c):
    return {**c, "speciality_labels": "、".join(label(COUNSEL_SPECIALITY_LABELS_ZH, s)
                                                for s in c["specialities"])}


def case_view(f):
    cls = f.get("classification")
    if cls:
        cls = {**cls, "suggested_label": label(LEGAL_CLASSIFICATION_LABELS_ZH, cls["suggested"]),
               "label": label(LEGAL_CLASSIFICATION_LABELS_ZH, cls["classification"])}
    return {
        **f, "classification": cls,
        "assignments": [{**a, "speciality_label": label(COUNSEL_SPECIALITY_LABELS_ZH,
                                                        a["speciality"])}
                        for a in f["assignments"]],
        "determinations": [{**d, "classification_label": label(
            LIABILITY_CLASSIFICATION_LABELS_ZH, d["classification"]),
            "outcome_label": label(LIABILITY_OUTCOME_LABELS_ZH, d["outcome"]),
            "factor_labels": [label(MITIGATING_FACTOR_LABELS_ZH, m)
                              for m in d.get("mitigating_factors") or ()]}
            for d in f["determinations"]],
        "appeals": [appeal_row(a) for a in f["appeals"]],
        "reviews": [{**r, "result_label": REVIEW_RESULT_LABELS_ZH.get(r.get("result"), "待决定"),
                     "ground_labels": [label(DISCIPLINE_REVIEW_GROUND_LABELS_ZH, g)
                                       for g in r.get("grounds") or ()]}
                    for r in f["reviews"]],
        "liaisons": [{**x, "body_label": label(LIAISON_BODY_LABELS_ZH, x["body"]),
                      "kind_label": label(LIAISON_KIND_LABELS_ZH, x["kind"])}
                     for x in f["liaisons"]],
        "offenders": None if f.get("offenders") is None else
        [offender_row(o) for o in f["offenders"]],
    }


def offender_row(o):
    return {**o, "relation_label": label(OFFENDER_RELATION_LABELS_ZH, o["relation"]),
            "pursuit_label": label(PURSUIT_LABELS_ZH, o["pursuit"])}


def appeal_row(a):
    """An appeal with the outcomes its decision may choose: the appealed one (kept) and the
    lighter ones of its scale, never a heavier one (Art. 24)."""
    scale = SCALE_OUTCOMES.get(a.get("scale"), ())
    allowed = scale[:scale.index(a["appealed"]) + 1] if a["appealed"] in scale else scale
    return {**a, "appealed_label": label(OUTCOME_LABELS_ZH, a["appealed"]),
            "outcome_label": label(OUTCOME_LABELS_ZH, a.get("outcome")),
            "outcome_choices": [(o, label(OUTCOME_LABELS_ZH, o) + ("（维持）" if o == a["appealed"]
                                                                 else "（减轻）"))
                                for o in reversed(allowed)]}


def assignment_row(a):
    """One counsel assignment: its work logs, and its fee claims with the amounts in yuan."""
    return {**a, "speciality_label": label(COUNSEL_SPECIALITY_LABELS_ZH, a["speciality"]),
            "assigned": minute_of(a.get("assigned_at")),
            "fee_claims": [{**c, "amount": fen_to_yuan(c["amount_fen"]),
                            "claimed": minute_of(c.get("claimed_at"))}
                           for c in a.get("fee_claims") or ()]}
