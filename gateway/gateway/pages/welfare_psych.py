"""One psychological crisis referral (Art. 29): the person, sessions and follow-ups, with the
forms that record a session and close the referral. The political-work office's alone: the
page's access rule and the welfare service both refuse everyone else."""
from gateway.pages.forms import submit
from gateway.pages.welfare_views import CHOICES, referral_row, text_fields, values_of

NOTICES = {"session": ("已记录。", "Recorded."),
           "closed": ("心理危机干预已结束。", "The referral is closed.")}
LABELS = {"at": "时间", "counsellor": "心理咨询师", "notes": "记录", "kind": "类型",
          "note": "结束说明"}


def psych_page(ctx, referral_id, values=None, errors=None, message=None, active=None,
               status=200):
    referral = referral_row(ctx.perform("get_psych", referral_id))
    return ctx.render("welfare_psych.html", http_status=status,
                      title=f"心理危机干预 {referral['case_no']}", referral=referral,
                      values=values or {"kind": "session"}, errors=errors or {},
                      message=message, active=active, L=LABELS,
                      label_of=lambda n: LABELS.get(n, n), choices=CHOICES,
                      done=NOTICES.get(ctx.request.args.get("done") or ""))


def _submit(ctx, referral_id, op_name, body, active, done):
    form = ctx.request.form

    def again(errors, message, status):
        return psych_page(ctx, referral_id, values_of(form), errors, message, active, status)
    return submit(ctx, op_name, referral_id, body=body, again=again,
                  done=lambda answer: f"/welfare/psych-referrals/{referral_id}?done={done}")


def session_submit(ctx, referral_id):
    body = text_fields(ctx.request.form, ("at", "counsellor", "notes", "kind"), times=("at",))
    return _submit(ctx, referral_id, "record_psych_session", body, "session", "session")


def close_submit(ctx, referral_id):
    body = text_fields(ctx.request.form, ("note",))
    return _submit(ctx, referral_id, "close_psych", body, "close", "closed")
