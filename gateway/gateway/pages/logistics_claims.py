"""The third-party compensation claim form (Art. 4, 27): a citizen or company whose property
lawful police action damaged is paid by the bureau from the compensation fund, never by the
officer. Logistics or the committee office files the claim on a case; it posts to the JSON
API's operation (file_compensation_claim), which makes it a payment request, and goes on to
that payment's page. A refusal comes back here with the API's message at its field."""
import re
import uuid

from gateway.pages.forms import fields_of, submit

CLAIMANT_TYPES = (("person", "个人 / Person"), ("company", "单位 / Company"))
LABELS = {"case_no": "案件编号", "claimant.type": "索赔人类型", "claimant.name": "索赔人名称",
          "claimant.contact": "索赔人联系方式", "damage": "损失情况",
          "evidence_ids": "证据编号", "amount": "补偿金额（元）"}
CLAIMANT = ("type", "name", "contact")
# Evidence ids as typed: separated by commas (either width), semicolons, spaces or lines.
_SEPARATORS = re.compile(r"[,，;；\s]+")


def evidence_ids_of(text):
    return [part for part in _SEPARATORS.split(text or "") if part]


def claim_form(ctx):
    args = ctx.request.args
    values = {"idem": uuid.uuid4().hex, "case_no": (args.get("case_no") or "").strip()[:40]}
    return _form(ctx, values)


def _form(ctx, values, errors=None, message=None, status=200):
    errors = errors or {}
    return ctx.render("logistics_claim.html", http_status=status, values=values,
                      errors=errors, message=message, L=LABELS,
                      label_of=lambda name: LABELS.get(name, name),
                      other_errors={k: v for k, v in errors.items() if k not in LABELS},
                      choices={"claimant.type": CLAIMANT_TYPES})


def body_of(form):
    """The contract's body (CompensationClaimV1) from the posted fields; blank ones left out
    so the API names each missing field."""
    body = fields_of(form, ("case_no", "damage", "amount"))
    body["claimant"] = {name.split(".", 1)[1]: value for name, value in
                        fields_of(form, [f"claimant.{n}" for n in CLAIMANT]).items()}
    body["evidence_ids"] = evidence_ids_of(form.get("evidence_ids"))
    return body


def _at_fields(errors):
    """A problem with one of the evidence ids (evidence_ids.2) is shown at the one field."""
    found = {}
    for name, problem in errors.items():
        found.setdefault("evidence_ids" if name.startswith("evidence_ids") else name, problem)
    return found


def claim_submit(ctx):
    """Idempotent on the form's key: posted twice, one claim."""
    form = ctx.request.form

    def again(errors, message, status):
        values = {k: v for k, v in form.items() if k != "csrf"}
        values["idem"] = uuid.uuid4().hex  # the corrected form is a new claim
        errors = _at_fields(errors)
        if not errors and status == 409:
            errors = {"case_no": message}
        return _form(ctx, values, errors, message, status)
    return submit(ctx, "file_compensation_claim", body=body_of(form), key=form.get("idem"),
                  again=again,
                  done=lambda answer: f"/payments/{answer['payment_id']}?done=requested")
